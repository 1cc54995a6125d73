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
/** The method's table conversation takes about this long, all rounds together. */
export const METHOD_MINUTES = 15;
const DEFAULT_ROUND_MINUTES = 3;
/** A plan that fits the method: three minutes a round. */
export const DEFAULT_PLAN_MINUTES: readonly number[] = ROUNDS.map(() => DEFAULT_ROUND_MINUTES);

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
  /** Minutes planned for each round (ROUNDS.length entries); a started round gets its own. */
  plan: number[];
  /** "Gesprek afronden": voting closed, timer stopped, every screen shows the table's outcome. */
  ended: boolean;
  /** After the end, whether partners may still change the map (the facilitator always may). */
  mapOpenAfterEnd: boolean;
  /** The facilitator put the vote results in loop order on every screen. */
  resultsShown: boolean;
  /** The last "Zet de kaart terug", told on every screen; null before any. */
  lastRestore: LastRestore | null;
  /**
   * Votes are cast anonymously (chosen when opening voting): under each partner's ballot key, with
   * no name, counted per organisation only where two or more voted (anonymousTally.ts).
   */
  anonymousVotes: boolean;
  /** "Speel de lus af" as the facilitator started it for every screen; null when none plays. */
  loopRun: LoopRunStart | null;
  /** The silent rounds, ascending: their answers wait on the server until revealed (silentRound.ts). */
  silentRounds: number[];
  /** Answers waiting on the server per round (ROUNDS.length counts). Written by the server only. */
  waiting: number[];
}

export interface LoopRunStart {
  /** The loop's key (readLoopMap: its steps joined by '>'). */
  loop: string;
  /** When it starts, in server milliseconds: every screen starts it then. */
  startsAt: number;
}

/** A loop key this long is more than any loop of the method (12 steps) needs. */
export const MAX_LOOP_KEY_CHARS = 1_000;

export interface LastRestore {
  /** When it was done, in server milliseconds. */
  at: number;
  /** The moment the map went back to (the restore point's time). */
  to: number;
  /** The restore point taken just before it: restoring that one undoes it. */
  undo: number;
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
    plan: [...DEFAULT_PLAN_MINUTES],
    ended: false,
    mapOpenAfterEnd: true,
    resultsShown: false,
    lastRestore: null,
    anonymousVotes: false,
    loopRun: null,
    silentRounds: [],
    waiting: ROUNDS.map(() => 0),
  };
}

/** Opens voting, anonymously or by name; the choice holds until voting is opened again. */
export function openVoting(c: Conversation, anonymous: boolean): Conversation {
  return { ...c, votingOpen: true, anonymousVotes: anonymous };
}

/** A stored record as the current shape: records written before a field existed lack it. */
export function readConversation(stored: Partial<Conversation>): Conversation {
  return { ...defaultConversation(), ...stored };
}

/** Total minutes of the plan, to hold against the method's METHOD_MINUTES. */
export function plannedMinutes(c: Conversation): number {
  return c.plan.reduce((sum, m) => sum + m, 0);
}

/** Sets round `round`'s planned minutes (1-120); the round in progress keeps its timer. */
export function planRound(c: Conversation, round: number, minutes: number): Conversation {
  if (round < 1 || round > ROUNDS.length || !Number.isFinite(minutes)) return c;
  const m = Math.min(Math.max(MIN_ROUND_MS / 60_000, Math.round(minutes)), MAX_ROUND_MS / 60_000);
  const plan = ROUNDS.map((_, i) => (i === round - 1 ? m : (c.plan[i] ?? DEFAULT_ROUND_MINUTES)));
  return { ...c, plan };
}

/** Ends the conversation: voting closes, the timer stops at zero, the outcome shows everywhere. */
export function endConversation(c: Conversation, mapOpenAfterEnd: boolean): Conversation {
  return {
    ...c,
    ended: true,
    mapOpenAfterEnd,
    votingOpen: false,
    timer: 'stopped',
    endsAt: 0,
    remainingMs: 0,
  };
}

/** Opens an ended conversation again, in the round it ended in, with its timer stopped. */
export function reopenConversation(c: Conversation): Conversation {
  return { ...c, ended: false, remainingMs: c.durationMs };
}

/** Whether partners' map edits are refused: the conversation ended with the map closed. */
export function mapClosed(c: Pick<Conversation, 'ended' | 'mapOpenAfterEnd'>): boolean {
  return c.ended === true && c.mapOpenAfterEnd === false;
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

/** Starts round `round` with a full timer of its planned length. */
export function startRound(c: Conversation, round: number, serverNow: number): Conversation {
  const r = Math.min(Math.max(1, Math.round(round)), ROUNDS.length);
  const planned = c.plan?.[r - 1];
  const durationMs =
    typeof planned === 'number'
      ? Math.min(Math.max(MIN_ROUND_MS, planned * 60_000), MAX_ROUND_MS)
      : c.durationMs;
  return {
    ...c,
    round: r,
    ended: false,
    timer: 'running',
    durationMs,
    endsAt: serverNow + durationMs,
    remainingMs: durationMs,
  };
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
