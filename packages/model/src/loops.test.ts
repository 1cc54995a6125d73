import { describe, expect, it } from 'vitest';
import { findLoops, type StepGraph, stepsInNoLoop } from './loops.ts';

function graph(steps: string, arrows: string): StepGraph {
  return {
    steps: steps.split(' '),
    arrows: arrows
      .split(' ')
      .filter(Boolean)
      .map((pair) => {
        const [from = '', to = ''] = pair.split('>');
        return { from, to };
      }),
  };
}

function ring(n: number): StepGraph {
  const steps = Array.from({ length: n }, (_, i) => `s${i}`);
  return { steps, arrows: steps.map((from, i) => ({ from, to: steps[(i + 1) % n]! })) };
}

describe('findLoops', () => {
  it('finds a simple loop starting at its first step in step order', () => {
    // Arrows listed out of order and the loop entered mid-way: the result is still rotated to 'a'.
    expect(findLoops(graph('a b c', 'c>a b>c a>b'))).toEqual({ loops: [['a', 'b', 'c']], truncated: false });
    expect(findLoops(graph('c b a', 'a>b b>c c>a')).loops).toEqual([['c', 'a', 'b']]);
  });

  it('finds nothing in a chain', () => {
    const chain = graph('a b c d', 'a>b b>c c>d');
    expect(findLoops(chain)).toEqual({ loops: [], truncated: false });
    expect(stepsInNoLoop(chain)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds nested loops: a big loop with a shortcut inside', () => {
    // a→b→c→d→a, plus the shortcut b→d makes a→b→d→a, and d→b makes b→c→d→b.
    const g = graph('a b c d', 'a>b b>c c>d d>a b>d d>b');
    expect(findLoops(g).loops).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'd'],
      ['b', 'c', 'd'],
      ['b', 'd'],
    ]);
  });

  it('finds two loops that share a step, and no figure-eight walk', () => {
    const g = graph('x a b c d', 'x>a a>x x>b b>c c>x d>x');
    expect(findLoops(g).loops).toEqual([
      ['x', 'b', 'c'],
      ['x', 'a'],
    ]);
    expect(stepsInNoLoop(g)).toEqual(['d']);
  });

  it('treats a self-arrow as a loop of one step', () => {
    const g = graph('a b c', 'a>b b>b b>c c>a');
    expect(findLoops(g).loops).toEqual([['a', 'b', 'c'], ['b']]);
    expect(stepsInNoLoop(graph('a b', 'a>a a>b'))).toEqual(['b']);
  });

  it('ignores duplicate arrows, duplicate steps and arrows to unknown steps', () => {
    const g: StepGraph = {
      steps: ['a', 'b', 'a', 'c'],
      arrows: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'b', to: 'a' },
        { from: 'b', to: 'gone' },
        { from: 'gone', to: 'c' },
        { from: 'c', to: 'gone' },
      ],
    };
    expect(findLoops(g)).toEqual({ loops: [['a', 'b']], truncated: false });
    expect(stepsInNoLoop(g)).toEqual(['c']);
  });

  it('sorts by length, then by the position of the steps', () => {
    const g = graph('a b c d e f', 'e>f f>e c>d d>c a>b b>a b>c c>b a>a');
    expect(findLoops(g).loops).toEqual([['a', 'b'], ['b', 'c'], ['c', 'd'], ['e', 'f'], ['a']]);
  });

  it('counts every loop of a complete graph exactly once', () => {
    // K5 has sum over k=2..5 of C(5,k)·(k-1)! = 10 + 20 + 30 + 24 = 84 elementary cycles.
    const steps = ['a', 'b', 'c', 'd', 'e'];
    const arrows = steps.flatMap((from) => steps.filter((to) => to !== from).map((to) => ({ from, to })));
    const { loops, truncated } = findLoops({ steps, arrows });
    expect(truncated).toBe(false);
    expect(loops).toHaveLength(84);
    expect(new Set(loops.map((l) => l.join())).size).toBe(84);
    for (const loop of loops) {
      expect(new Set(loop).size).toBe(loop.length);
      expect(steps.indexOf(loop[0]!)).toBe(Math.min(...loop.map((s) => steps.indexOf(s))));
    }
  });

  it('handles a 500-step ring with chords quickly', () => {
    const g = ring(500);
    const arrows = [...g.arrows];
    // Five forward chords that do not overlap: each loop around the ring takes or skips each one.
    for (const start of [10, 100, 200, 300, 400]) arrows.push({ from: `s${start}`, to: `s${start + 50}` });
    // A backward chord inside the skipped part of the last forward chord: one small loop s420→…→s430.
    arrows.push({ from: 's430', to: 's420' });
    const started = performance.now();
    const { loops, truncated } = findLoops({ steps: g.steps, arrows });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(truncated).toBe(false);
    expect(loops).toHaveLength(2 ** 5 + 1);
    expect(loops[0]).toHaveLength(500);
    expect(loops[0]).toEqual(g.steps);
    expect(loops[loops.length - 1]).toEqual(Array.from({ length: 11 }, (_, i) => `s${420 + i}`));
    expect(loops[loops.length - 2]).toHaveLength(500 - 5 * 49);
  });

  it('stops at maxLoops and says so', () => {
    const steps = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const arrows = steps.flatMap((from) => steps.filter((to) => to !== from).map((to) => ({ from, to })));
    const started = performance.now();
    const result = findLoops({ steps, arrows });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.truncated).toBe(true);
    expect(result.loops).toHaveLength(1000);
    expect(findLoops({ steps, arrows }, { maxLoops: 5 }).loops).toHaveLength(5);
    expect(findLoops(graph('a b', 'a>b b>a'), { maxLoops: 1 })).toEqual({
      loops: [['a', 'b']],
      truncated: false,
    });
    expect(findLoops(graph('a b', 'a>b b>a'), { maxLoops: 0 })).toEqual({ loops: [], truncated: true });
  });

  it('rejects a nonsensical maxLoops', () => {
    expect(() => findLoops(ring(3), { maxLoops: -1 })).toThrow(RangeError);
    expect(() => findLoops(ring(3), { maxLoops: 1.5 })).toThrow(RangeError);
    expect(findLoops(ring(3), { maxLoops: Number.POSITIVE_INFINITY }).loops).toHaveLength(1);
  });
});

describe('stepsInNoLoop', () => {
  it('uses the given loops when passed', () => {
    const g = graph('a b c', 'a>b b>a b>c c>b');
    expect(stepsInNoLoop(g, [['a', 'b']])).toEqual(['c']);
    expect(stepsInNoLoop(g)).toEqual([]);
  });

  it('stays exact when the loop search would be truncated', () => {
    const steps = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const arrows = steps.flatMap((from) => steps.filter((to) => to !== from).map((to) => ({ from, to })));
    arrows.push({ from: 's0', to: 'tail' });
    expect(stepsInNoLoop({ steps: [...steps, 'tail'], arrows })).toEqual(['tail']);
  });

  it('handles a 10 000-step chain without overflowing the stack', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
    const arrows = steps.slice(1).map((to, i) => ({ from: steps[i]!, to }));
    expect(stepsInNoLoop({ steps, arrows })).toHaveLength(10_000);
    arrows.push({ from: 's9999', to: 's0' });
    expect(stepsInNoLoop({ steps, arrows })).toEqual([]);
    expect(findLoops({ steps, arrows }).loops[0]).toHaveLength(10_000);
  });
});

describe('findLoops against brute force', () => {
  // Every simple path from its smallest step back to it: slow, but obviously right.
  function bruteForce(g: StepGraph): string[][] {
    const ids = [...new Set(g.steps)];
    const pos = new Map(ids.map((id, i) => [id, i]));
    const loops: number[][] = [];
    const next = (v: number): number[] => [
      ...new Set(
        g.arrows
          .filter((a) => pos.get(a.from) === v && pos.has(a.to))
          .map((a) => pos.get(a.to)!)
          .sort((a, b) => a - b),
      ),
    ];
    const walk = (start: number, path: number[]): void => {
      for (const w of next(path[path.length - 1]!)) {
        if (w === start) loops.push([...path]);
        else if (w > start && !path.includes(w)) walk(start, [...path, w]);
      }
    };
    for (let start = 0; start < ids.length; start++) walk(start, [start]);
    loops.sort((a, b) => b.length - a.length || a.join().localeCompare(b.join(), 'en', { numeric: true }));
    return loops.map((l) => l.map((i) => ids[i]!));
  }

  it('agrees on 200 random small graphs', () => {
    let seed = 42;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 7);
      const steps = Array.from({ length: n }, (_, i) => `s${i}`);
      const arrows = Array.from({ length: Math.floor(random() * n * 3) }, () => ({
        from: steps[Math.floor(random() * n)]!,
        to: steps[Math.floor(random() * n)]!,
      }));
      const g = { steps, arrows };
      const expected = bruteForce(g);
      expect(findLoops(g).loops.map((l) => l.join())).toEqual(expected.map((l) => l.join()));
    }
  });
});
