import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEP_SIZE,
  layoutOnCircle,
  layoutTemplate,
  loopRadius,
  type Point,
  type Size,
} from './layout.ts';
import { blankTemplate, getTemplate } from './templates.ts';

function overlaps(a: Point, b: Point, size: Size): boolean {
  return Math.abs(a.x - b.x) < size.w && Math.abs(a.y - b.y) < size.h;
}

function expectNoOverlap(points: Point[], size: Size): void {
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      expect(overlaps(points[i]!, points[j]!, size), `shapes ${i} and ${j} overlap`).toBe(false);
    }
  }
}

describe('layoutOnCircle', () => {
  it('starts at 12 o’clock and goes clockwise on screen (y down)', () => {
    expect(layoutOnCircle(4, { x: 100, y: 50 }, 10)).toEqual([
      { x: 100, y: 40 },
      { x: 110, y: 50 },
      { x: 100, y: 60 },
      { x: 90, y: 50 },
    ]);
  });

  it('spaces points evenly', () => {
    const points = layoutOnCircle(7, { x: 0, y: 0 }, 300);
    const gaps = points.map((p, i) => {
      const q = points[(i + 1) % points.length]!;
      return Math.hypot(p.x - q.x, p.y - q.y);
    });
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!, 2);
    for (const p of points) expect(Math.hypot(p.x, p.y)).toBeCloseTo(300, 2);
  });

  it('handles zero and one point, and rejects a bad count', () => {
    expect(layoutOnCircle(0, { x: 0, y: 0 }, 5)).toEqual([]);
    expect(layoutOnCircle(1, { x: 0, y: 0 }, 5)).toEqual([{ x: 0, y: -5 }]);
    expect(() => layoutOnCircle(-1, { x: 0, y: 0 }, 5)).toThrow(RangeError);
    expect(() => layoutOnCircle(2.5, { x: 0, y: 0 }, 5)).toThrow(RangeError);
  });
});

describe('loopRadius', () => {
  it('grows with the number of steps and with the card size', () => {
    expect(loopRadius(12)).toBeGreaterThan(loopRadius(6));
    expect(loopRadius(6, { w: 400, h: 200 })).toBeGreaterThan(loopRadius(6));
    expect(loopRadius(6)).toBe(loopRadius(6, DEFAULT_STEP_SIZE));
  });

  it('rejects an empty card', () => {
    expect(() => loopRadius(6, { w: 0, h: 120 })).toThrow(RangeError);
  });

  it.each([1, 2, 3, 4, 5, 6, 8, 10, 12, 20])('keeps %i cards and the title apart', (count) => {
    for (const size of [DEFAULT_STEP_SIZE, { w: 400, h: 80 }, { w: 100, h: 300 }]) {
      const center = { x: 0, y: 0 };
      expectNoOverlap([center, ...layoutOnCircle(count, center, loopRadius(count, size))], size);
    }
  });

  it('is not needlessly large', () => {
    // Six default cards fit in a circle well under a typical 1920px wide screen.
    expect(2 * (loopRadius(6) + DEFAULT_STEP_SIZE.w / 2)).toBeLessThan(1000);
  });
});

describe('layoutTemplate', () => {
  it('puts the title in the middle and the steps clockwise from the top', () => {
    const template = getTemplate('structuur-lost-alles-op')!;
    const center = { x: 500, y: 400 };
    const layout = layoutTemplate(template, { center });
    expect(layout.title).toEqual(center);
    expect(layout.steps).toEqual(layoutOnCircle(6, center, loopRadius(6)));
    expect(layout.steps[0]!.x).toBe(500);
    expect(layout.steps[0]!.y).toBeLessThan(400);
    expect(layout.steps[1]!.x).toBeGreaterThan(500);
    expect(layout.behaviours).toEqual([]);
  });

  it('places each of the five bubbles of the third loop outside the step it is heard at', () => {
    const layout = layoutTemplate(getTemplate('van-niemand-en-toch-van-iedereen')!);
    expect(layout.behaviours.map((b) => b.kind)).toEqual([
      'wachten-en-wijzen',
      'afbakenen',
      'duiken',
      'oreren',
      'evalueren',
    ]);
    const angle = (p: Point): number => (Math.atan2(p.y, p.x) + 2.5 * Math.PI) % (2 * Math.PI);
    const radius = loopRadius(5);
    const steps = getTemplate('van-niemand-en-toch-van-iedereen')!.behaviourSteps;
    layout.behaviours.forEach(({ position }, i) => {
      expect(Math.hypot(position.x, position.y)).toBeGreaterThan(radius);
      // On the same ray from the centre as its step, further out.
      expect(angle(position)).toBeCloseTo(angle(layout.steps[steps[i]!]!), 5);
    });
    expectNoOverlap(
      [layout.title, ...layout.steps, ...layout.behaviours.map((b) => b.position)],
      DEFAULT_STEP_SIZE,
    );
  });

  it.each([
    [3, 1],
    [6, 2],
    [4, 5],
    [3, 9],
    [12, 12],
  ])('keeps %i steps and %i bubbles apart', (steps, bubbles) => {
    const template = {
      steps: blankTemplate(steps).steps,
      behaviours: Array.from({ length: bubbles }, (_, i) => `custom:b${i}`),
    };
    const size = { w: 200, h: 140 };
    const layout = layoutTemplate(template, { stepSize: size });
    expect(layout.behaviours).toHaveLength(bubbles);
    expectNoOverlap([layout.title, ...layout.steps, ...layout.behaviours.map((b) => b.position)], size);
  });
});
