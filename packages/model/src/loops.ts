import { componentIds } from './components.ts';
import { must } from './must.ts';

/** Steps (by id) and the arrows partners drew between them. The arrows, not the step order, define loops. */
export interface StepGraph {
  steps: readonly string[];
  arrows: readonly { from: string; to: string }[];
}

export interface FindLoopsOptions {
  /** Stop after this many loops; a densely drawn board can have exponentially many. */
  maxLoops?: number;
}

export interface LoopSearchResult {
  /** Each loop starts at its step that comes first in `graph.steps`. */
  loops: string[][];
  /** True when more loops exist than `maxLoops`; `loops` is then an incomplete selection. */
  truncated: boolean;
}

export const DEFAULT_MAX_LOOPS = 1000;

interface IndexedGraph {
  ids: string[];
  /** Neighbours by position in `ids`, without duplicates, ascending so results are deterministic. */
  adjacency: number[][];
}

function indexGraph(graph: StepGraph): IndexedGraph {
  const position = new Map<string, number>();
  // By step id, in the order of `ids`.
  const targets = new Map<string, Set<number>>();
  const ids: string[] = [];
  for (const id of graph.steps) {
    if (!position.has(id)) {
      position.set(id, ids.length);
      targets.set(id, new Set());
      ids.push(id);
    }
  }
  for (const arrow of graph.arrows) {
    const from = targets.get(arrow.from);
    const to = position.get(arrow.to);
    // Arrows may still point at a step another partner just deleted: ignore them.
    if (from === undefined || to === undefined) continue;
    from.add(to);
  }
  return { ids, adjacency: [...targets.values()].map((set) => [...set].sort((a, b) => a - b)) };
}

function compareLoops(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return b.length - a.length;
  // Same length from here, so b[i] is there.
  for (const [i, x] of a.entries()) {
    const y = b[i];
    if (y !== undefined && x !== y) return x - y;
  }
  return 0;
}

function markDead(
  adjacency: readonly (readonly number[])[],
  component: readonly number[],
  from: number,
  dead: Uint8Array,
): void {
  const size = new Map<number, number>();
  for (const [node, c] of component.entries()) {
    if (node >= from) size.set(c, (size.get(c) ?? 0) + 1);
  }
  for (const [node, c] of component.entries()) {
    if (node >= from && size.get(c) === 1 && !adjacency[node]?.includes(node)) dead[node] = 1;
  }
}

interface Frame {
  node: number;
  next: number;
  foundLoop: boolean;
}

/**
 * Every elementary loop exactly once, by Johnson's algorithm: for each start step s, search only
 * the strongly connected component of s among steps at or after s, so each loop is found from
 * its first step and nowhere else. Blocking keeps the work between two found loops linear.
 * Iterative, so a long loop does not overflow the call stack.
 */
export function findLoops(graph: StepGraph, options: FindLoopsOptions = {}): LoopSearchResult {
  const maxLoops = options.maxLoops ?? DEFAULT_MAX_LOOPS;
  if (!(maxLoops === Number.POSITIVE_INFINITY || (Number.isInteger(maxLoops) && maxLoops >= 0))) {
    throw new RangeError(`maxLoops must be a whole number >= 0 or Infinity, got ${maxLoops}`);
  }
  const { ids, adjacency } = indexGraph(graph);
  const n = ids.length;
  const found: number[][] = [];
  let truncated = false;
  const blocked = new Uint8Array(n);
  const blockedBy = new Map<number, Set<number>>();

  const unblock = (start: number): void => {
    blocked[start] = 0;
    const work = [start];
    for (let node = work.pop(); node !== undefined; node = work.pop()) {
      const waiting = blockedBy.get(node);
      if (!waiting) continue;
      for (const other of waiting) {
        if (blocked[other]) {
          blocked[other] = 0;
          work.push(other);
        }
      }
      waiting.clear();
    }
  };

  // A step outside every loop among steps >= s stays outside for all later starts (their
  // subgraphs only shrink), so it never needs another component computation. This keeps a long
  // ring linear instead of quadratic.
  const dead = new Uint8Array(n);

  search: for (let start = 0; start < n; start++) {
    if (dead[start]) continue;
    const component = componentIds(adjacency, start);
    markDead(adjacency, component, start, dead);
    if (dead[start]) continue;
    const home = component[start];
    const inScope = (node: number): boolean => node >= start && component[node] === home;

    blocked.fill(0);
    blockedBy.clear();
    blocked[start] = 1;
    const path = [start];
    const frames: Frame[] = [{ node: start, next: 0, foundLoop: false }];

    for (let frame = frames.at(-1); frame; frame = frames.at(-1)) {
      const neighbours = must(adjacency[frame.node], 'a row of the adjacency');
      const next = neighbours[frame.next];
      if (next !== undefined) {
        frame.next++;
        if (!inScope(next)) continue;
        if (next === start) {
          if (found.length >= maxLoops) {
            truncated = true;
            break search;
          }
          found.push([...path]);
          frame.foundLoop = true;
        } else if (!blocked[next]) {
          blocked[next] = 1;
          path.push(next);
          frames.push({ node: next, next: 0, foundLoop: false });
        }
        continue;
      }
      frames.pop();
      path.pop();
      if (frame.foundLoop) {
        unblock(frame.node);
        const parent = frames[frames.length - 1];
        if (parent) parent.foundLoop = true;
      } else {
        // Stay blocked until a neighbour is unblocked: only then can a new loop run through here.
        for (const next of neighbours) {
          if (!inScope(next)) continue;
          let waiting = blockedBy.get(next);
          if (!waiting) {
            waiting = new Set();
            blockedBy.set(next, waiting);
          }
          waiting.add(frame.node);
        }
      }
    }
  }

  found.sort(compareLoops);
  return { loops: found.map((loop) => loop.map((node) => must(ids[node], 'a step id'))), truncated };
}

/**
 * Steps that are part of no loop, in `graph.steps` order: loose ends worth pointing out.
 * Without `loops` this is exact even when `findLoops` would truncate, because a step lies on a
 * loop exactly when it has a self-arrow or shares a strongly connected component with another step.
 */
export function stepsInNoLoop(graph: StepGraph, loops?: readonly (readonly string[])[]): string[] {
  const { ids, adjacency } = indexGraph(graph);
  if (loops) {
    const onLoop = new Set(loops.flat());
    return ids.filter((id) => !onLoop.has(id));
  }
  const component = componentIds(adjacency);
  const size = new Map<number, number>();
  for (const c of component) size.set(c, (size.get(c) ?? 0) + 1);
  return ids.filter((_, node) => {
    const selfArrow = adjacency[node]?.includes(node);
    return !selfArrow && size.get(must(component[node], 'a component id')) === 1;
  });
}
