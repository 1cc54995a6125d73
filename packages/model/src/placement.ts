/**
 * Where new cards go and where a loop's middle is, as pure geometry: a behaviour left of the step
 * it is added to and a first step right of it (so the two do not cover each other), kept fully
 * inside the visible part of the map; the centre of a set of points.
 */
import type { Point, Size } from './layout.ts';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The top-left of a card of `size` beside `step`: left for bubbles, right for first steps. */
export function besideStep(step: Box, size: Size, side: 'left' | 'right'): Point {
  return side === 'left'
    ? { x: step.minX - size.w - 50, y: step.minY - size.h / 2 }
    : { x: step.maxX + 40, y: step.minY };
}

/** Moves a card's top-left so the whole card lies inside `view`, `margin` from its edges. */
export function keepInView(at: Point, size: Size, view: Box, margin: number): Point {
  return {
    x: Math.min(Math.max(at.x, view.minX + margin), view.maxX - size.w - margin),
    y: Math.min(Math.max(at.y, view.minY + margin * 4), view.maxY - size.h - margin * 4),
  };
}

export function centroid(points: readonly Point[]): Point {
  if (points.length === 0) throw new RangeError('the centre of no points');
  return {
    x: points.reduce((n, p) => n + p.x, 0) / points.length,
    y: points.reduce((n, p) => n + p.y, 0) / points.length,
  };
}
