/** Live loop detection: the editor's page read into the loop store (state/loopStore.ts). */
import type { LoopMap } from '@patroonkaart/model';
import { type Editor, react } from 'tldraw';
import { useLoopStore } from '../state/loopStore.ts';
import { readEditorLoopMap } from './stepGraph.ts';

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
