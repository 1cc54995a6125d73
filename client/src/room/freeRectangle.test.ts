import { describe, expect, it } from 'vitest';
import { freeRectangle, type Rect } from './freeRectangle.ts';

const screen: Rect = { x: 0, y: 0, width: 1280, height: 800 };
const touches = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeRectangle', () => {
  it('is the whole screen when nothing is in the way', () => {
    expect(freeRectangle(screen, [], { width: 100, height: 100 })).toEqual(screen);
  });

  it('keeps clear of a left column, a top bar and a right panel, and picks the largest fit', () => {
    const panels = [
      { x: 8, y: 64, width: 320, height: 680 },
      { x: 380, y: 0, width: 840, height: 48 },
      { x: 1012, y: 300, width: 260, height: 100 },
    ];
    const r = freeRectangle(screen, panels, { width: 1000, height: 800 });
    for (const p of panels) expect(touches(r, p)).toBe(false);
    // Between the column and the right panel, under the bar: 684 px wide, the map at 0.684.
    expect(r.x).toBe(328);
    expect(r.x + r.width).toBe(1012);
    expect(r.y).toBeGreaterThanOrEqual(48);
    expect(r.height).toBeGreaterThanOrEqual(684);
  });

  it('prefers a wide strip for a wide map and a tall one for a tall map', () => {
    const corner = [{ x: 0, y: 0, width: 400, height: 300 }];
    const wide = freeRectangle(screen, corner, { width: 2000, height: 200 });
    const tall = freeRectangle(screen, corner, { width: 200, height: 2000 });
    expect(wide.width).toBe(1280);
    expect(tall.height).toBe(800);
  });

  it('ignores panels outside the screen', () => {
    expect(
      freeRectangle(screen, [{ x: 2000, y: 0, width: 100, height: 100 }], { width: 1, height: 1 }),
    ).toEqual(screen);
  });
});
