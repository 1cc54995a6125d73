import { describe, expect, it } from 'vitest';
import { besideStep, centroid, keepInView } from './placement.ts';

const step = { minX: 0, minY: 0, maxX: 240, maxY: 120 };

describe('placement', () => {
  it('puts a bubble left of its step and a first step right of it, never overlapping the step', () => {
    const bubble = besideStep(step, { w: 200, h: 100 }, 'left');
    expect(bubble.x + 200).toBeLessThan(step.minX);
    const first = besideStep(step, { w: 240, h: 140 }, 'right');
    expect(first.x).toBeGreaterThan(step.maxX);
  });

  it('keeps a card fully in view', () => {
    const view = { minX: 0, minY: 0, maxX: 1000, maxY: 800 };
    expect(keepInView({ x: -500, y: 5000 }, { w: 200, h: 100 }, view, 10)).toEqual({ x: 10, y: 660 });
    expect(keepInView({ x: 300, y: 300 }, { w: 200, h: 100 }, view, 10)).toEqual({ x: 300, y: 300 });
  });

  it('finds the centre of a loop', () => {
    expect(
      centroid([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ]),
    ).toEqual({ x: 5, y: 5 });
    expect(() => centroid([])).toThrow(RangeError);
  });
});
