/** A card's box on the map, and the centre of a set of points (a loop's middle). Where new cards
 * go is freeSpace.ts. */
import type { Point } from './layout.ts';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function centroid(points: readonly Point[]): Point {
  if (points.length === 0) throw new RangeError('the centre of no points');
  return {
    x: points.reduce((n, p) => n + p.x, 0) / points.length,
    y: points.reduce((n, p) => n + p.y, 0) / points.length,
  };
}
