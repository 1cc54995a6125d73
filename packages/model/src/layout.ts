import type { Template } from './templates.ts';

/** Screen coordinates: y grows downward. */
export interface Point {
  x: number;
  y: number;
}

export interface Size {
  w: number;
  h: number;
}

/** Positions are the centres of shapes. */
export interface TemplateLayout {
  title: Point;
  steps: Point[];
  behaviours: { kind: string; position: Point }[];
}

export interface LayoutOptions {
  center?: Point;
  stepSize?: Size;
}

export const DEFAULT_STEP_SIZE: Readonly<Size> = Object.freeze({ w: 240, h: 120 });

// Breathing room between cards, so arrows between neighbouring steps stay visible.
const GAP = 40;

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  }
}

// Rounding hides floating point noise (cos(-π/2) is not exactly 0) in shapes and snapshots.
function round(value: number): number {
  return Math.round(value * 1000) / 1000 + 0;
}

function onCircle(center: Point, radius: number, angle: number): Point {
  return { x: round(center.x + radius * Math.cos(angle)), y: round(center.y + radius * Math.sin(angle)) };
}

// 12 o'clock; increasing angles then run clockwise on screen, because y grows downward.
const TOP = -Math.PI / 2;

/** `count` points evenly on a circle, the first at 12 o'clock, then clockwise. */
export function layoutOnCircle(count: number, center: Point, radius: number): Point[] {
  checkCount(count);
  return Array.from({ length: count }, (_, i) => onCircle(center, radius, TOP + (i * 2 * Math.PI) / count));
}

/**
 * Two axis-aligned w×h cards whose centres are at least their diagonal apart cannot overlap,
 * so we only need a clearance (diagonal plus gap) between centres.
 */
function clearance(size: Size): number {
  return Math.hypot(size.w, size.h) + GAP;
}

/** Radius for a ring of `count` centres that stay `distance` apart from their neighbours. */
function ringRadius(count: number, distance: number): number {
  return count < 2 ? 0 : distance / (2 * Math.sin(Math.PI / count));
}

/**
 * Radius of a loop of `count` step cards such that no two cards overlap, nor any card the title
 * in the middle (assumed to take no more room than one step card).
 */
export function loopRadius(count: number, stepSize: Size = DEFAULT_STEP_SIZE): number {
  checkCount(count);
  if (!(stepSize.w > 0 && stepSize.h > 0)) {
    throw new RangeError(`stepSize must be positive, got ${stepSize.w}x${stepSize.h}`);
  }
  const distance = clearance(stepSize);
  return Math.max(distance, ringRadius(count, distance));
}

/**
 * Places a template as on the slides: title in the middle, steps clockwise on a circle from
 * 12 o'clock, and behaviour bubbles (assumed no bigger than a step card) on an outer ring: each
 * outside the step it is heard at when the template says (behaviourSteps), else between two
 * steps so it does not hide the arrows of the loop.
 */
export function layoutTemplate(
  template: Pick<Template, 'steps' | 'behaviours'> & { behaviourSteps?: readonly number[] },
  options: LayoutOptions = {},
): TemplateLayout {
  const center = options.center ?? { x: 0, y: 0 };
  const size = options.stepSize ?? DEFAULT_STEP_SIZE;
  const n = template.steps.length;
  const k = template.behaviours.length;
  const radius = loopRadius(n, size);
  const distance = clearance(size);
  // One full clearance outside the steps keeps bubbles off every step whatever their angle;
  // the second term matters only when there are more bubbles than steps.
  const outer = Math.max(radius + distance, ringRadius(k, distance));

  const linkedSteps = template.behaviourSteps?.length === k ? template.behaviourSteps : undefined;
  const behaviours = template.behaviours.map((kind, j) => {
    const step = linkedSteps?.[j];
    const angle =
      step !== undefined
        ? // Beside the step it is heard at, on the outer ring, as on the slide.
          TOP + (step * 2 * Math.PI) / n
        : k <= n
          ? // Spread over the gaps between steps; with k = n every gap gets one bubble.
            TOP + ((Math.floor((j * n) / k) + 0.5) * 2 * Math.PI) / n
          : TOP + ((j + 0.5) * 2 * Math.PI) / k;
    return { kind, position: onCircle(center, outer, angle) };
  });

  return {
    title: { x: center.x, y: center.y },
    steps: layoutOnCircle(n, center, radius),
    behaviours,
  };
}
