import { describe, expect, it } from 'vitest';
import { componentIds } from './components.ts';

function groups(ids: number[]): number[][] {
  const byId = new Map<number, number[]>();
  ids.forEach((c, node) => {
    if (c === -1) return;
    byId.set(c, [...(byId.get(c) ?? []), node]);
  });
  return [...byId.values()].sort((a, b) => a[0]! - b[0]!);
}

describe('componentIds', () => {
  it('groups mutually reachable nodes', () => {
    // 0⇄1, 1→2, 2→3→4→2, 5 alone
    const adjacency = [[1], [0, 2], [3], [4], [2], []];
    expect(groups(componentIds(adjacency))).toEqual([[0, 1], [2, 3, 4], [5]]);
  });

  it('ignores nodes before `from`', () => {
    // The loop 0→1→2→0 is broken once 0 is left out.
    const adjacency = [[1], [2], [0, 1]];
    expect(componentIds(adjacency, 1)[0]).toBe(-1);
    expect(groups(componentIds(adjacency, 1))).toEqual([[1, 2]]);
    expect(groups(componentIds(adjacency, 2))).toEqual([[2]]);
  });

  it('survives a very long chain', () => {
    const n = 50_000;
    const adjacency = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    expect(new Set(componentIds(adjacency)).size).toBe(1);
  });
});
