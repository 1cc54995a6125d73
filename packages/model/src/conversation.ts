/**
 * The table conversation of the method ("In gesprek", per table, about 15 minutes): the rounds it
 * goes through and the one record that says where the table is (round, timer, voting, lock). The
 * timer is kept as an end time on the server's clock, so every screen shows the same remaining
 * time whatever its own clock says. Pure functions: callers write the record they return.
 */

/** The four questions of the seed slide, then the closing round ("Wat neem je mee?"). */
export const ROUNDS = ['select', 'recognise', 'contribute', 'firstStep', 'takeAway'] as const;
export type RoundKey = (typeof ROUNDS)[number];

export const CONVERSATION_ID = 'conversation:conversation';
export const DEFAULT_ROUND_MS = 15 * 60_000;
export const MIN_ROUND_MS = 60_000;
export const MAX_ROUND_MS = 120 * 60_000;

export type TimerState = 'stopped' | 'running' | 'paused';

export interface Conversation {
  id: typeof CONVERSATION_ID;
  typeName: 'conversation';
  /** 0 before the first round, then 1..ROUNDS.length. */
  round: number;
  timer: TimerState;
  durationMs: number;
  /** While running: when the round ends, in server milliseconds (Date.now() on the server). */
  endsAt: number;
  /** While paused or stopped: what is left. */
  remainingMs: number;
  votingOpen: boolean;
  /** The template's steps and arrows are locked against moving and deleting. */
  templateLocked: boolean;
}

export function defaultConversation(): Conversation {
  return {
    id: CONVERSATION_ID,
    typeName: 'conversation',
    round: 0,
    timer: 'stopped',
    durationMs: DEFAULT_ROUND_MS,
    endsAt: 0,
    remainingMs: DEFAULT_ROUND_MS,
    votingOpen: false,
    templateLocked: false,
  };
}

export function roundKey(round: number): RoundKey | null {
  return ROUNDS[round - 1] ?? null;
}

/** Milliseconds left in the round at `serverNow` (never below 0). */
export function remainingMs(c: Conversation, serverNow: number): number {
  if (c.timer === 'running') return Math.max(0, c.endsAt - serverNow);
  return Math.max(0, c.remainingMs);
}

/** `mm:ss`, rounded up, so 14:59.2 left reads 15:00 and the end reads 00:00 exactly when it is. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Starts round `round` with a full timer. */
export function startRound(c: Conversation, round: number, serverNow: number): Conversation {
  const r = Math.min(Math.max(1, Math.round(round)), ROUNDS.length);
  return { ...c, round: r, timer: 'running', endsAt: serverNow + c.durationMs, remainingMs: c.durationMs };
}

export function pauseTimer(c: Conversation, serverNow: number): Conversation {
  if (c.timer !== 'running') return c;
  return { ...c, timer: 'paused', remainingMs: remainingMs(c, serverNow), endsAt: 0 };
}

export function resumeTimer(c: Conversation, serverNow: number): Conversation {
  if (c.timer === 'running') return c;
  return { ...c, timer: 'running', endsAt: serverNow + c.remainingMs };
}

/** Sets the round length; a timer that is not running is reset to it. */
export function setDuration(c: Conversation, durationMs: number): Conversation {
  const d = Math.min(Math.max(MIN_ROUND_MS, Math.round(durationMs)), MAX_ROUND_MS);
  return c.timer === 'running' ? { ...c, durationMs: d } : { ...c, durationMs: d, remainingMs: d };
}
