/**
 * Which side panels a person folded on a wide screen, remembered on this device: a facilitator who
 * folds the palette to show the map on a projector finds it folded after a reload. (On phones and
 * tablets panels are sheets opened from the rail; folding does not apply there.)
 */
import { create } from 'zustand';
import type { PanelKey } from './compactLayout.ts';

export type FoldablePanel = Exclude<PanelKey, 'menu'>;

const KEY = 'patroonkaart.folded-panels';
const PANELS: readonly FoldablePanel[] = ['palette', 'talk', 'loops', 'people'];

interface Folds {
  folded: ReadonlySet<FoldablePanel>;
  toggle(panel: FoldablePanel): void;
}

/** What this device remembers; anything else in the stored value (an old or edited one) is ignored. */
function remembered(): Set<FoldablePanel> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return new Set(PANELS.filter((p) => Array.isArray(stored) && stored.includes(p)));
  } catch {
    return new Set();
  }
}

export const usePanelFolds = create<Folds>((set) => ({
  folded: remembered(),
  toggle: (panel) =>
    set((s) => {
      const folded = new Set(s.folded);
      if (!folded.delete(panel)) folded.add(panel);
      try {
        localStorage.setItem(KEY, JSON.stringify([...folded]));
      } catch {
        // A full or blocked storage only loses the memory, not the fold.
      }
      return { folded };
    }),
}));
