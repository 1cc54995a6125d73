/**
 * The conversation's records as the document stores them (beside the map's tldraw records, in the
 * same entries) and the rules the server applies to them: what a valid record holds, and who may
 * write it. Every field is listed; anything else is refused.
 *
 *   conversation:conversation  the table's state (Conversation), written by the facilitator only
 *                              (but its silentRounds and waiting: by the server only, silentRound.ts)
 *   answer:<random>            one partner's answer in a round (Answer), changed by its author only
 *   vote:<author>/<question>/<subject>  one partner's vote (Vote), by its author, while voting is open
 *
 * `author` is the partner's author key: a hash of a secret only that partner's browser holds
 * (packages/protocol, authorKey), which the server computes for each connection, so nobody can
 * write or change an answer or a vote in someone else's name.
 */
import { MAX_ANSWER_CHARS } from './answers.ts';
import { CONVERSATION_ID, MAX_LOOP_KEY_CHARS, MAX_ROUND_MS, MIN_ROUND_MS, ROUNDS } from './conversation.ts';
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from './partner.ts';
import { sameSilence, silenceProblem } from './silentRound.ts';
import { VOTE_QUESTIONS, VOTE_VALUES, voteId } from './votes.ts';

export const CONVERSATION_TYPES: readonly string[] = ['conversation', 'answer', 'vote'];
export const AUTHOR_KEY = /^[0-9a-f]{24}$/;
/** A round's end may be this far beyond the round's length (the writer's clock estimate). */
const CLOCK_SLACK_MS = 15_000;

type Rec = Record<string, unknown>;

export function isConversationType(typeName: unknown): boolean {
  return typeof typeName === 'string' && CONVERSATION_TYPES.includes(typeName);
}

const isInt = (v: unknown, min: number, max: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isText = (v: unknown, max: number, min = 0) =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e14;

function exactKeys(record: Rec, keys: readonly string[], optional: readonly string[] = []): string | null {
  for (const k of Object.keys(record))
    if (!keys.includes(k) && !optional.includes(k)) return `unknown field ${k.slice(0, 40)}`;
  for (const k of keys) if (!(k in record)) return `missing field ${k}`;
  return null;
}

/** Why a conversation record is not valid, or null when it is. */
export function conversationRecordProblem(record: Rec): string | null {
  // Who may write a record is decided by its id's type: the two must agree.
  if (typeof record.id !== 'string' || !record.id.startsWith(`${String(record.typeName)}:`))
    return 'the id does not name the record type';
  switch (record.typeName) {
    case 'conversation': {
      const keys = [
        'id',
        'typeName',
        'round',
        'timer',
        'durationMs',
        'endsAt',
        'remainingMs',
        'votingOpen',
        'templateLocked',
      ];
      // Added later: a record written before them lacks them (readConversation fills them in).
      const later = [
        'plan',
        'ended',
        'mapOpenAfterEnd',
        'resultsShown',
        'lastRestore',
        'anonymousVotes',
        'loopRun',
        'silentRounds',
        'waiting',
      ];
      const extra = exactKeys(record, keys, later);
      if (extra) return extra;
      if (record.id !== CONVERSATION_ID) return 'the conversation record has one id';
      if (
        'plan' in record &&
        !(
          Array.isArray(record.plan) &&
          record.plan.length === ROUNDS.length &&
          record.plan.every((m) => isInt(m, MIN_ROUND_MS / 60_000, MAX_ROUND_MS / 60_000))
        )
      )
        return `a plan of ${ROUNDS.length} rounds of 1-120 minutes`;
      if ('lastRestore' in record && record.lastRestore !== null) {
        const r = record.lastRestore as Rec;
        if (
          typeof r !== 'object' ||
          Array.isArray(r) ||
          exactKeys(r, ['at', 'to', 'undo']) !== null ||
          !isTime(r.at) ||
          !isTime(r.to) ||
          !isInt(r.undo, 0, Number.MAX_SAFE_INTEGER)
        )
          return 'last restore';
      }
      if ('loopRun' in record && record.loopRun !== null) {
        const r = record.loopRun as Rec;
        if (
          typeof r !== 'object' ||
          Array.isArray(r) ||
          exactKeys(r, ['loop', 'startsAt']) !== null ||
          !isText(r.loop, MAX_LOOP_KEY_CHARS, 1) ||
          !isTime(r.startsAt)
        )
          return 'loop run';
      }
      const silence = silenceProblem(record);
      if (silence) return silence;
      for (const flag of ['ended', 'mapOpenAfterEnd', 'resultsShown', 'anonymousVotes'])
        if (flag in record && typeof record[flag] !== 'boolean') return 'flags';
      if (!isInt(record.round, 0, ROUNDS.length)) return 'round out of range';
      if (!['stopped', 'running', 'paused'].includes(record.timer as string)) return 'timer state';
      if (!isInt(record.durationMs, MIN_ROUND_MS, MAX_ROUND_MS)) return 'round length out of range';
      if (!isTime(record.endsAt)) return 'end time';
      if (!isInt(record.remainingMs, 0, MAX_ROUND_MS)) return 'remaining time';
      if (typeof record.votingOpen !== 'boolean' || typeof record.templateLocked !== 'boolean')
        return 'flags';
      return null;
    }
    case 'answer': {
      const extra = exactKeys(record, [
        'id',
        'typeName',
        'round',
        'text',
        'author',
        'name',
        'organisation',
        'createdAt',
      ]);
      if (extra) return extra;
      if (!isInt(record.round, 1, ROUNDS.length)) return 'round out of range';
      if (!isText(record.text, MAX_ANSWER_CHARS, 1)) return `answer text of 1-${MAX_ANSWER_CHARS} characters`;
      return authorFieldsProblem(record) ?? (isTime(record.createdAt) ? null : 'creation time');
    }
    case 'vote': {
      const extra = exactKeys(record, [
        'id',
        'typeName',
        'author',
        'name',
        'organisation',
        'question',
        'subject',
        'value',
      ]);
      if (extra) return extra;
      if (!VOTE_QUESTIONS.includes(record.question as never)) return 'question';
      if (!VOTE_VALUES.includes(record.value as never)) return 'vote value';
      if (!isText(record.subject, 200, 1)) return 'subject';
      const problem = authorFieldsProblem(record);
      if (problem) return problem;
      if (record.id !== voteId(record.author as string, record.question as never, record.subject as string))
        return 'a vote id names its author, question and subject';
      return null;
    }
    default:
      return 'not a conversation record';
  }
}

function authorFieldsProblem(record: Rec): string | null {
  if (typeof record.author !== 'string' || !AUTHOR_KEY.test(record.author)) return 'author key';
  if (!isText(record.name, MAX_NAME_CHARS) || !isText(record.organisation, MAX_ORGANISATION_CHARS))
    return 'name or organisation';
  return null;
}

export interface Writer {
  role: 'facilitator' | 'edit' | 'view';
  /** The connection's author key, or null when its client sent no partner secret. */
  author: string | null;
  /** Its ballot key in this room (protocol, ballotKey), for anonymous votes; null without a secret. */
  ballot: string | null;
}

export type WriteVerdict = { ok: true } | { ok: false; reason: string } | { ok: 'late' };

/**
 * Whether `writer` may turn `before` into `after` (null: absent). `votingOpen` is the table's
 * state before the change. A vote cast just as the facilitator closed voting is `late`: it is
 * tidied away by the server, not refused, because it crossed the closing on the wire.
 */
export function mayWrite(
  writer: Writer,
  before: Rec | null,
  after: Rec | null,
  ctx: { serverNow: number; votingOpen: boolean; anonymousVotes?: boolean; silentRounds?: readonly number[] },
): WriteVerdict {
  const typeName = (after ?? before)?.typeName;
  const refuse = (reason: string): WriteVerdict => ({ ok: false, reason });
  if (writer.role === 'view') return refuse('viewers write nothing');
  if (typeName === 'conversation') {
    if (writer.role !== 'facilitator') return refuse('only the facilitator leads the conversation');
    // Which rounds are silent and how many answers wait: the server's alone (silentRound.ts).
    if (!sameSilence(before, after))
      return refuse('only the server marks silent rounds and counts their answers');
    if (after?.timer === 'running' && (before?.timer !== 'running' || before.endsAt !== after.endsAt)) {
      const left = (after.endsAt as number) - ctx.serverNow;
      if (left <= 0 || left > (after.durationMs as number) + CLOCK_SLACK_MS)
        return refuse("the round's end does not match the server's clock");
    }
    return { ok: true };
  }
  const own = (r: Rec | null) => r === null || (writer.author !== null && r.author === writer.author);
  if (typeName === 'answer') {
    if (after === null && writer.role === 'facilitator') return { ok: true }; // tidying the list
    if (!own(before) || !own(after)) return refuse('only its author changes an answer');
    // A silent round's answers go to the server until it is revealed: none is written here.
    const into = after?.round;
    if (typeof into === 'number' && ctx.silentRounds?.includes(into) && before?.round !== into)
      return refuse('the round is silent: its answers wait on the server until it is revealed');
    return { ok: true };
  }
  if (typeName === 'vote') {
    // An anonymous vote is its ballot's: nobody else can compute a partner's ballot key.
    const mine = (r: Rec | null) =>
      own(r) || (r !== null && writer.ballot !== null && r.author === writer.ballot);
    if (!mine(before) || !mine(after)) return refuse('only its author casts or changes a vote');
    if (after !== null && ctx.anonymousVotes && (after.author !== writer.ballot || after.name !== ''))
      return refuse('voting is anonymous: a vote carries the ballot key and no name');
    return ctx.votingOpen ? { ok: true } : { ok: 'late' };
  }
  return refuse('not a conversation record');
}
