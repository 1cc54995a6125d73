/**
 * "Speel de lus af": how a change runs around a loop, as LOOPY shows it. A pulse leaves the first
 * step as "meer" (more), travels each arrow in turn, keeps its direction at a "+" arrow and flips it
 * at a "−"; a delay mark ("‖") makes that arrow slower. After each lap a reinforcing loop comes back
 * stronger (the stagnation deepens), a balancing one weaker (it settles). Pure: the canvas, the list
 * view and every screen play the same plan, started at the same server time.
 */
import type { LoopType, Polarity } from './polarity.ts';
import { loopType } from './polarity.ts';

/** +1: the step moves the way the change started ("meer"); −1: the other way ("minder"). */
export type Direction = 1 | -1;

/** One arrow travelled: from `steps[index]` to the next step of the loop. */
export interface LoopRunLeg {
  lap: number;
  /** The arrow's position in the loop: from `steps[index]` to `steps[(index + 1) % length]`. */
  index: number;
  from: string;
  to: string;
  sign: Polarity;
  delay: boolean;
  startMs: number;
  durationMs: number;
  /** How the step the pulse arrives at moves: its direction and how strongly (1 at the start). */
  direction: Direction;
  strength: number;
}

export interface LoopRun {
  type: LoopType;
  legs: LoopRunLeg[];
  durationMs: number;
  /** How each step moves when the run ends (the first step included, after the last lap). */
  finalDirection: Record<string, Direction>;
}

export interface LoopRunOptions {
  laps?: number;
  /** How long the pulse takes along one arrow. */
  legMs?: number;
  /** A delayed arrow takes this many times as long. */
  delayFactor?: number;
}

/** Per lap: a reinforcing loop comes back this much stronger, a balancing one this much weaker. */
const GROWTH: Record<LoopType, number> = { R: 1.4, B: 0.55, '?': 1 };

export function planLoopRun(
  loop: { steps: readonly string[]; signs: readonly Polarity[]; delays?: readonly boolean[] },
  { laps = 3, legMs = 700, delayFactor = 2.5 }: LoopRunOptions = {},
): LoopRun {
  const n = loop.steps.length;
  const type = loopType(loop.signs);
  const legs: LoopRunLeg[] = [];
  const finalDirection: Record<string, Direction> = {};
  const [first] = loop.steps;
  if (first === undefined) return { type, legs, durationMs: 0, finalDirection };
  let direction: Direction = 1;
  let strength = 1;
  let at = 0;
  finalDirection[first] = 1;
  for (let lap = 0; lap < laps; lap++)
    for (const [index, from] of loop.steps.entries()) {
      const sign = loop.signs[index] ?? '';
      const delay = loop.delays?.[index] === true;
      // An unsigned arrow passes the change on unchanged: the run shows what is known.
      if (sign === '-') direction = direction === 1 ? -1 : 1;
      // The lap's growth lands where the loop closes, on the first step again.
      if (index === n - 1) strength *= GROWTH[type];
      const durationMs = delay ? legMs * delayFactor : legMs;
      // The last step's arrow closes the loop, back to the first.
      const to = loop.steps[index + 1] ?? first;
      legs.push({
        lap,
        index,
        from,
        to,
        sign,
        delay,
        startMs: at,
        durationMs,
        direction,
        strength,
      });
      finalDirection[to] = direction;
      at += durationMs;
    }
  return { type, legs, durationMs: at, finalDirection };
}

/** Where the run is at `elapsedMs` after its start: the leg under way, or null before and after. */
export function legAt(run: LoopRun, elapsedMs: number): { leg: LoopRunLeg; progress: number } | null {
  if (elapsedMs < 0 || elapsedMs >= run.durationMs) return null;
  for (const leg of run.legs)
    if (elapsedMs < leg.startMs + leg.durationMs)
      return { leg, progress: (elapsedMs - leg.startMs) / leg.durationMs };
  return null;
}

/**
 * How each step moves at `elapsedMs`: a step the pulse has reached shows the direction it arrived
 * with; the others are still. The list view reads the same, in words.
 */
export function stepDirectionsAt(run: LoopRun, elapsedMs: number): Record<string, Direction> {
  const seen: Record<string, Direction> = {};
  const [first] = run.legs;
  if (!first || elapsedMs < 0) return seen;
  seen[first.from] = 1;
  for (const leg of run.legs) {
    if (leg.startMs + leg.durationMs > elapsedMs) break;
    seen[leg.to] = leg.direction;
  }
  return seen;
}
