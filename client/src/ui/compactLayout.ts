/**
 * Phones and tablets: below COMPACT_WIDTH our panels fold into a rail of toggle buttons, and the
 * one a partner opens shows as a sheet above tldraw's toolbar, so nothing of ours covers the canvas
 * unless it was asked for. One panel open at a time.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';

export const COMPACT_WIDTH = 1024;
const QUERY = `(max-width: ${COMPACT_WIDTH}px)`;

export function useCompactLayout(): boolean {
  const [compact, setCompact] = useState(() => matchMedia(QUERY).matches);
  useEffect(() => {
    const media = matchMedia(QUERY);
    const update = () => setCompact(media.matches);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return compact;
}

export type PanelKey = 'palette' | 'talk' | 'loops' | 'people' | 'menu';

interface PanelState {
  open: PanelKey | null;
  toggle(key: PanelKey): void;
  close(): void;
}

export const usePanels = create<PanelState>((set) => ({
  open: null,
  toggle: (key) => set((s) => ({ open: s.open === key ? null : key })),
  close: () => set({ open: null }),
}));

/** Whether a panel shows now, and how: always on wide screens, as a sheet when opened on compact ones. */
export function usePanelMode(key: PanelKey): 'panel' | 'sheet' | 'hidden' {
  const compact = useCompactLayout();
  const open = usePanels((s) => s.open);
  if (!compact) return 'panel';
  return open === key ? 'sheet' : 'hidden';
}
