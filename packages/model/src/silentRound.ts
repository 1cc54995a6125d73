/**
 * A silent round ("stille ronde"). The facilitator marks a round silent; each partner's answers in
 * it then go to the server, not into the shared document (which every connection receives), and
 * only their author sees them, marked "nog verborgen", until the facilitator reveals the round: the
 * server then writes them all into the document at once, as ordinary answers.
 *
 * What the shared conversation record says about it is the server's alone to write: which rounds
 * are silent (`silentRounds`) and how many answers wait in each (`waiting`). A client's write may
 * not change either (mayWrite), nor create an answer in a silent round. Pure functions.
 */
import type { Answer } from './answers.ts';
import { type Conversation, ROUNDS } from './conversation.ts';

/** Waiting answers one partner may have in one room, all rounds together. */
export const MAX_WAITING_PER_AUTHOR = 20;
/** Waiting answers one room may hold, all partners and rounds together. */
export const MAX_WAITING_PER_ROOM = 200;

/** The conversation record's fields that only the server writes. */
export const SERVER_CONVERSATION_FIELDS: readonly string[] = ['silentRounds', 'waiting'];

/** A round's silence as the conversation record holds it: which rounds, how many answers wait. */
export interface Silence {
  /** The silent rounds, ascending (1..ROUNDS.length). */
  silentRounds: number[];
  /** Answers waiting per round (ROUNDS.length entries). */
  waiting: number[];
}

const noneWaiting = () => ROUNDS.map(() => 0);

/** The silence of a stored conversation record (null: none yet); a record without the fields has none. */
export function silenceOf(record: Record<string, unknown> | null): Silence {
  const rounds = record?.silentRounds;
  const waiting = record?.waiting;
  return {
    silentRounds: Array.isArray(rounds) ? (rounds as number[]) : [],
    waiting: Array.isArray(waiting) ? (waiting as number[]) : noneWaiting(),
  };
}

/**
 * What a screen writes to change the conversation from `current` (what it knows) to `next`: only
 * the fields that differ, never the server's (SERVER_CONVERSATION_FIELDS). Written with the record
 * index's `setFields` (or, for a record not there yet, as the whole record), so a field the server
 * wrote meanwhile, or one this screen does not know, is left as it is.
 */
export function conversationPatch(current: Conversation, next: Conversation): Record<string, unknown> {
  const was = current as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next))
    if (!SERVER_CONVERSATION_FIELDS.includes(field) && JSON.stringify(value) !== JSON.stringify(was[field]))
      patch[field] = value;
  return patch;
}

/** The whole record a screen writes when there is none yet: everything but the server's fields. */
export function conversationWithoutServerFields(c: Conversation): Record<string, unknown> {
  const record: Record<string, unknown> = { ...c };
  for (const field of SERVER_CONVERSATION_FIELDS) delete record[field];
  return record;
}

/** Whether two records say the same about silence (a client's write must keep it). */
export function sameSilence(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  return JSON.stringify(silenceOf(before)) === JSON.stringify(silenceOf(after));
}

export function isSilent(c: Pick<Conversation, 'silentRounds'>, round: number): boolean {
  return c.silentRounds.includes(round);
}

/** Marks `round` silent (the server's change). */
export function markSilent(c: Conversation, round: number): Conversation {
  if (!Number.isInteger(round) || round < 1 || round > ROUNDS.length || isSilent(c, round)) return c;
  return { ...c, silentRounds: [...c.silentRounds, round].sort((a, b) => a - b) };
}

/** Ends `round`'s silence with its answers revealed: none wait any more (the server's change). */
export function revealRound(c: Conversation, round: number): Conversation {
  return {
    ...c,
    silentRounds: c.silentRounds.filter((r) => r !== round),
    waiting: ROUNDS.map((_, i) => (i === round - 1 ? 0 : (c.waiting[i] ?? 0))),
  };
}

/** How many of `answers` wait in each round (ROUNDS.length counts). */
export function waitingCounts(answers: Iterable<Pick<Answer, 'round'>>): number[] {
  const counts = noneWaiting();
  for (const { round } of answers) {
    // A round outside 1..ROUNDS.length has no count and waits nowhere.
    const waiting = counts[round - 1];
    if (waiting !== undefined) counts[round - 1] = waiting + 1;
  }
  return counts;
}

/** Why a stored `silentRounds` or `waiting` value is invalid, or null when it is (absent is valid). */
export function silenceProblem(record: Record<string, unknown>): string | null {
  if ('silentRounds' in record) {
    const r = record.silentRounds;
    if (
      !Array.isArray(r) ||
      r.length > ROUNDS.length ||
      !r.every((n, i) => Number.isInteger(n) && n >= 1 && n <= ROUNDS.length && (i === 0 || n > r[i - 1]))
    )
      return `silent rounds: ascending rounds of 1-${ROUNDS.length}`;
  }
  if ('waiting' in record) {
    const w = record.waiting;
    if (
      !Array.isArray(w) ||
      w.length !== ROUNDS.length ||
      !w.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_WAITING_PER_ROOM)
    )
      return `waiting: ${ROUNDS.length} counts of 0-${MAX_WAITING_PER_ROOM}`;
  }
  return null;
}
