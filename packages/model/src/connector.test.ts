import { describe, expect, it } from 'vitest';
import { connectorLine, tailTriangle } from './connector.ts';

const card = { w: 200, h: 100 };

describe('connectors', () => {
  it('stops a tail just before the step it points at, never inside it', () => {
    // A step 200 units to the right of the bubble's centre, 100 wide: its edge is at x = 250.
    const [, , tip] = tailTriangle(card, { x: 300, y: 50, hw: 50, hh: 40 });
    expect(tip.y).toBeCloseTo(50);
    expect(tip.x).toBeLessThan(250);
    expect(tip.x).toBeGreaterThan(200);
  });

  it('gives a bubble linked to nothing a tail pointing down and left, below the bubble', () => {
    const [a, b, tip] = tailTriangle(card, null);
    expect(tip.y).toBeGreaterThan(card.h);
    expect(tip.x).toBeLessThan(Math.min(a.x, b.x));
  });

  it("runs a first step's line from its centre to the step's edge, whichever side the step is on", () => {
    const [from, to] = connectorLine(card, { x: 100, y: -150, hw: 60, hh: 30 });
    expect(from).toEqual({ x: 100, y: 50 });
    expect(to.x).toBeCloseTo(100);
    expect(to.y).toBeGreaterThan(-120); // the step's bottom edge is at -150 + 30
    expect(to.y).toBeLessThan(50);
  });
});
