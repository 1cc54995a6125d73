/**
 * Live loop detection, kept outside the canvas: the loops the arrows form, the steps in none,
 * and which steps to highlight (local to this screen: a hover here highlights nothing elsewhere).
 */
import {
  findLoops,
  isPolarity,
  type LoopType,
  loopType,
  type Polarity,
  stepsInNoLoop,
} from '@patroonkaart/model';
import { type Editor, react } from 'tldraw';
import { create } from 'zustand';
import { loopTitle, readStepGraph } from './stepGraph.ts';

export interface DetectedLoop {
  key: string;
  steps: string[];
  title: string | null;
  /** Reinforcing, balancing, or '?' while an arrow of it has no sign (packages/model, polarity). */
  type: LoopType;
}

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

/** Recomputes the loops whenever steps or arrows change; returns the stop function. */
export function watchLoops(editor: Editor): () => void {
  let lastSignature = '';
  return react('detect loops', () => {
    const graph = readStepGraph(editor);
    const signOf = new Map<string, Polarity>(
      graph.stepArrows.map((a) => {
        const p = (editor.getShape(a.arrowId)?.meta as { polarity?: unknown } | undefined)?.polarity;
        return [`${a.from}>${a.to}`, isPolarity(p) ? p : ''];
      }),
    );
    const signature = JSON.stringify([graph.steps, graph.arrows, [...signOf]]);
    if (signature === lastSignature) return;
    lastSignature = signature;
    const { loops, truncated } = findLoops(graph);
    const typeOf = (steps: string[]) =>
      loopType(steps.map((from, i) => signOf.get(`${from}>${steps[(i + 1) % steps.length]}`) ?? ''));
    useLoopStore.setState({
      loops: loops.map((steps) => ({
        key: steps.join('>'),
        steps,
        title: loopTitle(editor, steps),
        type: typeOf(steps),
      })),
      truncated,
      stepCount: graph.steps.length,
      inNoLoop: new Set(stepsInNoLoop(graph)),
    });
  });
}
