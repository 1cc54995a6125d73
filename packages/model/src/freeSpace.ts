/**
 * Where a new card can go without covering another: the free spot nearest to where it belongs.
 * Pure geometry over the cards' boxes, so the palette, the list view and "Stap invoegen" place
 * cards the same way, and it is tested without a canvas.
 */
import type { Point, Size } from './layout.ts';
import { must } from './must.ts';
import type { Box } from './placement.ts';

/** Space kept between two cards. */
export const CARD_GAP = 24;

export function boxAt(at: Point, size: Size): Box {
  return { minX: at.x, minY: at.y, maxX: at.x + size.w, maxY: at.y + size.h };
}

/** Whether two boxes overlap, or come closer than `gap`. */
export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.minX < b.maxX + gap && b.minX < a.maxX + gap && a.minY < b.maxY + gap && b.minY < a.maxY + gap;
}

const centreOf = (b: Box): Point => ({ x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 });

/**
 * The top-left for a card of `size` as near as possible to `preferred` (a top-left) where it
 * overlaps none of `cards` (nor comes within CARD_GAP). Searches rings around the preferred spot,
 * nearest first; the same input always gives the same spot.
 */
export function freeSpot(preferred: Point, size: Size, cards: readonly Box[], gap = CARD_GAP): Point {
  const fits = (at: Point) => !cards.some((c) => overlaps(boxAt(at, size), c, gap));
  if (fits(preferred)) return preferred;
  const step = Math.max(24, Math.min(size.w, size.h) / 3);
  for (let ring = 1; ring <= 80; ring++) {
    const r = ring * step;
    const count = Math.max(8, Math.round((2 * Math.PI * r) / step));
    const candidates = Array.from({ length: count }, (_, i) => {
      const a = (i * 2 * Math.PI) / count;
      return { x: preferred.x + r * Math.cos(a), y: preferred.y + r * Math.sin(a) };
    });
    const free = candidates.find(fits);
    if (free) return free;
  }
  // A map so full that nothing is free within 80 rings: beside everything, to the right.
  const right = Math.max(...cards.map((c) => c.maxX));
  return { x: right + gap, y: preferred.y };
}

/** The middle of a loop's ring and its radius, from its steps' boxes (null below two steps). */
export function ringOf(steps: readonly Box[]): { centre: Point; radius: number } | null {
  if (steps.length < 2) return null;
  const centres = steps.map(centreOf);
  const centre = {
    x: centres.reduce((n, p) => n + p.x, 0) / centres.length,
    y: centres.reduce((n, p) => n + p.y, 0) / centres.length,
  };
  const radius = centres.reduce((n, p) => n + Math.hypot(p.x - centre.x, p.y - centre.y), 0) / centres.length;
  return { centre, radius };
}

/**
 * A card that belongs to `step` (a speech bubble, a first step): outside the loop's ring, on the
 * line from the ring's middle through the step, turned a little to one side so a step's bubble
 * and its first step do not compete for the same spot; then the nearest free spot.
 */
export function besideOwnStep(
  step: Box,
  size: Size,
  ring: { centre: Point } | null,
  cards: readonly Box[],
  side: 'left' | 'right',
): Point {
  const c = centreOf(step);
  let angle = ring ? Math.atan2(c.y - ring.centre.y, c.x - ring.centre.x) : side === 'left' ? Math.PI : 0;
  if (ring) angle += side === 'left' ? -0.5 : 0.5;
  const reach = Math.hypot(step.maxX - step.minX, step.maxY - step.minY) / 2 + Math.hypot(size.w, size.h) / 2;
  const at = { x: c.x + reach * Math.cos(angle) - size.w / 2, y: c.y + reach * Math.sin(angle) - size.h / 2 };
  return freeSpot(at, size, cards);
}

/**
 * A new step: on the loop's ring, at the free place on it nearest to `near` (the middle of the
 * view); without a ring, the free spot nearest to `near`.
 */
export function onRing(
  ring: { centre: Point; radius: number } | null,
  size: Size,
  cards: readonly Box[],
  near: Point,
): Point {
  const centred = (p: Point) => ({ x: p.x - size.w / 2, y: p.y - size.h / 2 });
  if (!ring) return freeSpot(centred(near), size, cards);
  const count = 36;
  const places = Array.from({ length: count }, (_, i) => {
    const a = (i * 2 * Math.PI) / count;
    return centred({
      x: ring.centre.x + ring.radius * Math.cos(a),
      y: ring.centre.y + ring.radius * Math.sin(a),
    });
  }).sort(
    (a, b) =>
      Math.hypot(a.x - near.x, a.y - near.y) - Math.hypot(b.x - near.x, b.y - near.y) ||
      a.x - b.x ||
      a.y - b.y,
  );
  const free = places.find((at) => !cards.some((c) => overlaps(boxAt(at, size), c, CARD_GAP)));
  return free ?? freeSpot(must(places[0], 'the nearest place on the ring'), size, cards);
}
