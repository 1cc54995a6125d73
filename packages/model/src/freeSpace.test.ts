import { describe, expect, it } from 'vitest';
import { besideOwnStep, boxAt, freeSpot, onRing, overlaps, ringOf } from './freeSpace.ts';
import type { Point, Size } from './layout.ts';
import { layoutTemplate } from './layout.ts';
import type { Box } from './placement.ts';
import { TEMPLATES } from './templates.ts';

const STEP: Size = { w: 260, h: 150 };
const BUBBLE: Size = { w: 230, h: 130 };
const FIRST: Size = { w: 240, h: 140 };
const TITLE: Size = { w: 380, h: 90 };

const around = (p: Point, size: Size): Box => boxAt({ x: p.x - size.w / 2, y: p.y - size.h / 2 }, size);

/** A template's cards as the canvas starts with them. */
function templateMap(id: string): { steps: Box[]; cards: Box[] } {
  const template = TEMPLATES.find((t) => t.id === id)!;
  const layout = layoutTemplate(template, { stepSize: STEP });
  const steps = layout.steps.map((p) => around(p, STEP));
  return {
    steps,
    cards: [
      around(layout.title, TITLE),
      ...steps,
      ...layout.behaviours.map((b) => around(b.position, BUBBLE)),
    ],
  };
}

function overlapping(cards: readonly Box[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < cards.length; i++)
    for (let j = i + 1; j < cards.length; j++) if (overlaps(cards[i]!, cards[j]!)) pairs.push([i, j]);
  return pairs;
}

/** mulberry32, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('free space for new cards', () => {
  it('keeps the preferred spot when it is free, and moves the least distance when it is not', () => {
    const card = boxAt({ x: 0, y: 0 }, STEP);
    expect(freeSpot({ x: 1000, y: 0 }, STEP, [card])).toEqual({ x: 1000, y: 0 });
    const moved = freeSpot({ x: 10, y: 10 }, STEP, [card]);
    expect(overlaps(boxAt(moved, STEP), card)).toBe(false);
    expect(Math.hypot(moved.x - 10, moved.y - 10)).toBeLessThan(STEP.w + 100);
  });

  for (const template of TEMPLATES)
    it(`adds ten cards to "${template.title}" with none overlapping another`, () => {
      const { steps, cards } = templateMap(template.id);
      const all = [...cards];
      const ring = ringOf(steps);
      for (let i = 0; i < 10; i++) {
        const step = steps[i % steps.length]!;
        const kind = i % 3;
        const at =
          kind === 0
            ? onRing(ring, STEP, all, { x: 0, y: 0 })
            : besideOwnStep(step, kind === 1 ? BUBBLE : FIRST, ring, all, kind === 1 ? 'left' : 'right');
        all.push(boxAt(at, kind === 0 ? STEP : kind === 1 ? BUBBLE : FIRST));
      }
      expect(overlapping(all)).toEqual([]);
    });

  it('puts a bubble outside the ring, beside its own step', () => {
    const { steps, cards } = templateMap('structuur-lost-alles-op');
    const ring = ringOf(steps)!;
    const step = steps[1]!;
    const at = besideOwnStep(step, BUBBLE, ring, cards, 'left');
    const centre = { x: at.x + BUBBLE.w / 2, y: at.y + BUBBLE.h / 2 };
    const stepCentre = { x: (step.minX + step.maxX) / 2, y: (step.minY + step.maxY) / 2 };
    expect(Math.hypot(centre.x - ring.centre.x, centre.y - ring.centre.y)).toBeGreaterThan(ring.radius);
    expect(Math.hypot(centre.x - stepCentre.x, centre.y - stepCentre.y)).toBeLessThan(600);
  });

  it('never overlaps on random maps, whatever is added where', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rand = prng(seed);
      const steps: Box[] = [];
      const all: Box[] = [];
      for (let i = 0; i < 3 + Math.floor(rand() * 10); i++) {
        const at = freeSpot({ x: rand() * 2000, y: rand() * 1500 }, STEP, all);
        steps.push(boxAt(at, STEP));
        all.push(boxAt(at, STEP));
      }
      for (let i = 0; i < 15; i++) {
        const step = steps[Math.floor(rand() * steps.length)]!;
        const r = rand();
        const size = r < 0.33 ? STEP : r < 0.66 ? BUBBLE : FIRST;
        const at =
          size === STEP
            ? onRing(ringOf(steps), STEP, all, { x: rand() * 2000, y: rand() * 1500 })
            : besideOwnStep(step, size, ringOf(steps), all, size === BUBBLE ? 'left' : 'right');
        all.push(boxAt(at, size));
      }
      expect(overlapping(all), `seed ${seed}`).toEqual([]);
    }
  });
});
