/**
 * Live loop detection, kept outside the canvas: the loops the arrows form, the steps in none,
 * and which steps to highlight (local to this screen: a hover here highlights nothing elsewhere).
 */
import type { LoopMap, MapLoop } from '@patroonkaart/model';
import { type Editor, react } from 'tldraw';
import { create } from 'zustand';
import { readEditorLoopMap } from './stepGraph.ts';

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

/** Recomputes the loops whenever steps, arrows or signs change; returns the stop function. */
export function watchLoops(editor: Editor): () => void {
  let last: LoopMap | undefined;
  return react('detect loops', () => {
    const map = readEditorLoopMap(editor, last);
    if (map.graphKey === last?.graphKey) return;
    last = map;
    useLoopStore.setState({
      loops: map.loops,
      truncated: map.truncated,
      stepCount: map.steps.length,
      inNoLoop: new Set(map.inNoLoop),
    });
  });
}
