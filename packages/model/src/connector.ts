/**
 * Where a card's connector to its step runs, as pure geometry in the card's own coordinates: a
 * speech bubble's tail (a triangle from the bubble's middle towards the step, stopping short of
 * the step's edge so it never covers its text), or a first step's line. A bubble linked to nothing
 * still speaks: its tail points down and to the left, as a speech bubble does.
 */
import type { Point, Size } from './layout.ts';

/** The step's centre relative to the card's top-left, and half its width and height. */
export interface ConnectorTarget {
  x: number;
  y: number;
  hw: number;
  hh: number;
}

const TAIL_HALF_WIDTH = 14;
/** Room left between the connector's end and the step's edge. */
const GAP = 6;

/** The distance from the card's centre, along the way to the target, to just before its edge. */
function reachToEdge(
  card: Size,
  target: ConnectorTarget,
): { dx: number; dy: number; len: number; gap: number } {
  const dx = target.x - card.w / 2;
  const dy = target.y - card.h / 2;
  const len = Math.hypot(dx, dy) || 1;
  const toEdge =
    Math.min(target.hw / Math.max(Math.abs(dx), 1e-6), target.hh / Math.max(Math.abs(dy), 1e-6)) * len;
  return { dx, dy, len, gap: Math.max(0, len - toEdge - GAP) };
}

/** A bubble's tail: two base points inside the bubble and the tip. */
export function tailTriangle(card: Size, target: ConnectorTarget | null): [Point, Point, Point] {
  const cx = card.w / 2;
  const cy = card.h / 2;
  if (!target) {
    return [
      { x: card.w * 0.22, y: card.h - 4 },
      { x: card.w * 0.38, y: card.h - 4 },
      { x: card.w * 0.14, y: card.h + 26 },
    ];
  }
  const { dx, dy, len, gap } = reachToEdge(card, target);
  const reach = Math.min(gap, Math.max(card.w, card.h));
  const nx = (-dy / len) * TAIL_HALF_WIDTH;
  const ny = (dx / len) * TAIL_HALF_WIDTH;
  return [
    { x: cx + nx, y: cy + ny },
    { x: cx - nx, y: cy - ny },
    { x: cx + (dx / len) * reach, y: cy + (dy / len) * reach },
  ];
}

/** A first step's line: from its centre to just before the step's edge. */
export function connectorLine(card: Size, target: ConnectorTarget): [Point, Point] {
  const { dx, dy, len, gap } = reachToEdge(card, target);
  const cx = card.w / 2;
  const cy = card.h / 2;
  return [
    { x: cx, y: cy },
    { x: cx + (dx / len) * gap, y: cy + (dy / len) * gap },
  ];
}
