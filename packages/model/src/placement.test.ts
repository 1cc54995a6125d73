import { describe, expect, it } from 'vitest';
import { centroid } from './placement.ts';

describe('placement', () => {
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
