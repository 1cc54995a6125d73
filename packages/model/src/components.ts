// Strongly connected components (Tarjan), over nodes numbered 0..n-1. Iterative rather than
// recursive so that a long chain of steps cannot overflow the call stack.

import { must } from './must.ts';

/**
 * Labels each node with the id of its strongly connected component, considering only nodes
 * >= `from` (the rest get -1). Johnson's cycle search needs exactly that restriction.
 */
export function componentIds(adjacency: readonly (readonly number[])[], from = 0): number[] {
  const n = adjacency.length;
  const component = new Array<number>(n).fill(-1);
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  let nextIndex = 0;
  let nextComponent = 0;

  for (let root = from; root < n; root++) {
    if (index[root] !== -1) continue;
    // Each frame is a node plus how far through its neighbours we are.
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = nextIndex++;
    stack.push(root);
    onStack[root] = true;

    for (let frame = frames.at(-1); frame; frame = frames.at(-1)) {
      const [v, i] = frame;
      const w = must(adjacency[v], 'a row of the adjacency')[i];
      if (w !== undefined) {
        frame[1] = i + 1;
        if (w < from) continue;
        if (index[w] === -1) {
          index[w] = low[w] = nextIndex++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(must(low[v], 'a low link'), must(index[w], 'an index'));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) {
        low[parent[0]] = Math.min(must(low[parent[0]], 'a low link'), must(low[v], 'a low link'));
      }
      if (low[v] === index[v]) {
        // Pops the component down to and including v, which is on the stack.
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack[w] = false;
          component[w] = nextComponent;
          if (w === v) break;
        }
        nextComponent++;
      }
    }
  }
  return component;
}
