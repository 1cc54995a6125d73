/**
 * The loops of the map as this screen sees them: the loops the arrows form, the steps in none, and
 * which steps to highlight (local to this screen: a hover here highlights nothing elsewhere). Fed
 * from the canvas by canvas/watchLoops.ts; read by the shapes, the loop panel, the palette, the
 * vote items and the list view. Never stored: every screen computes its own.
 */
import type { MapLoop } from '@patroonkaart/model';
import { create } from 'zustand';

/**
 * A loop as the model reads it (readLoopMap): its steps in loop order, its key, its title, and its
 * type: reinforcing, balancing, or '?' while an arrow of it has no sign (packages/model, polarity).
 */
export type DetectedLoop = MapLoop;

interface LoopState {
  loops: DetectedLoop[];
  truncated: boolean;
  stepCount: number;
  inNoLoop: ReadonlySet<string>;
  highlighted: ReadonlySet<string>;
  setHighlighted(ids: readonly string[]): void;
}

export const useLoopStore = create<LoopState>((set) => ({
  loops: [],
  truncated: false,
  stepCount: 0,
  inNoLoop: new Set(),
  highlighted: new Set(),
  setHighlighted: (ids) => set({ highlighted: new Set(ids) }),
}));
