/**
 * Phones and tablets: below COMPACT_WIDTH our panels fold into a rail of toggle buttons, and the
 * one a partner opens shows as a sheet above tldraw's toolbar, so nothing of ours covers the canvas
 * unless it was asked for. One panel open at a time.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';

export const COMPACT_WIDTH = 1024;

export function useCompactLayout(): boolean {
  return useWidthAtMost(COMPACT_WIDTH);
}

/** Phones: the map opens on its loop, and tldraw's own menu gives way to ours (one menu). */
export const PHONE_WIDTH = 600;

/** The top bar's actions fit one row from this width up; below it they fold into its menu. */
export const TOP_BAR_FULL_WIDTH = 1280;

/** Whether the window is at most `px` wide, following every resize. */
export function useWidthAtMost(px: number): boolean {
  const query = `(max-width: ${px}px)`;
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const media = matchMedia(query);
    const update = () => setMatches(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [query]);
  return matches;
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
