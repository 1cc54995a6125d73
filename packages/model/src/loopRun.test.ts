import { describe, expect, it } from 'vitest';
import { legAt, planLoopRun, stepDirectionsAt } from './loopRun.ts';

const steps = ['a', 'b', 'c', 'd'];

describe('planLoopRun', () => {
  it('keeps the direction at "+" arrows and grows a reinforcing loop each lap', () => {
    const run = planLoopRun({ steps, signs: ['+', '+', '+', '+'] }, { laps: 3, legMs: 100 });
    expect(run.type).toBe('R');
    expect(run.legs).toHaveLength(12);
    expect(run.legs.every((l) => l.direction === 1)).toBe(true);
    const laps = [3, 7, 11].map((i) => run.legs[i]!.strength);
    expect(laps[0]).toBeGreaterThan(1);
    expect(laps[1]).toBeGreaterThan(laps[0]!);
    expect(laps[2]).toBeGreaterThan(laps[1]!);
    expect(run.durationMs).toBe(1200);
  });

  it('flips at a "−" arrow, and a balancing loop settles', () => {
    const run = planLoopRun({ steps, signs: ['+', '-', '+', '+'] }, { laps: 2, legMs: 100 });
    expect(run.type).toBe('B');
    // a -> b keeps "meer", b -> c flips to "minder", and so on around.
    expect(run.legs.slice(0, 4).map((l) => l.direction)).toEqual([1, -1, -1, -1]);
    // Back at a after one lap, the change runs the other way: the loop pulls itself back.
    expect(run.legs[4]!.direction).toBe(-1);
    expect(run.legs[3]!.strength).toBeLessThan(1);
    expect(run.legs[7]!.strength).toBeLessThan(run.legs[3]!.strength);
    // Two laps: the second runs the other way round, and brings a back to "meer".
    expect(run.finalDirection).toEqual({ a: 1, b: -1, c: 1, d: 1 });
  });

  it('ends with the sign every step should have: the product of the signs from the start', () => {
    const signs = ['-', '-', '+', '-', '+'] as const;
    const five = ['s1', 's2', 's3', 's4', 's5'];
    const run = planLoopRun({ steps: five, signs: [...signs] }, { laps: 1 });
    let d = 1;
    const expected: Record<string, number> = {};
    five.forEach((_, i) => {
      if (signs[i] === '-') d = -d;
      expected[five[(i + 1) % 5]!] = d;
    });
    expect(run.finalDirection).toEqual(expected);
  });

  it('slows down on a delayed arrow', () => {
    const run = planLoopRun(
      { steps, signs: ['+', '+', '+', '+'], delays: [false, true, false, false] },
      { laps: 1, legMs: 100, delayFactor: 3 },
    );
    expect(run.legs.map((l) => l.durationMs)).toEqual([100, 300, 100, 100]);
    expect(run.durationMs).toBe(600);
  });

  it('passes an unsigned arrow on unchanged and calls the loop "?"', () => {
    const run = planLoopRun({ steps: ['a', 'b'], signs: ['+', ''] }, { laps: 2 });
    expect(run.type).toBe('?');
    expect(run.legs.every((l) => l.direction === 1 && l.strength === 1)).toBe(true);
  });

  it('has nothing to play for an empty loop', () => {
    expect(planLoopRun({ steps: [], signs: [] })).toEqual({
      type: '?',
      legs: [],
      durationMs: 0,
      finalDirection: {},
    });
  });
});

describe('following a run', () => {
  const run = planLoopRun({ steps, signs: ['+', '-', '+', '+'] }, { laps: 1, legMs: 100 });

  it('knows which arrow the pulse is on, and how far along', () => {
    expect(legAt(run, -1)).toBeNull();
    expect(legAt(run, 150)).toEqual({ leg: run.legs[1], progress: 0.5 });
    expect(legAt(run, 400)).toBeNull();
  });

  it('shows each reached step with the direction it arrived with', () => {
    expect(stepDirectionsAt(run, 0)).toEqual({ a: 1 });
    expect(stepDirectionsAt(run, 250)).toEqual({ a: 1, b: 1, c: -1 });
    expect(stepDirectionsAt(run, 10_000)).toEqual(run.finalDirection);
  });
});
