/**
 * A silent round on the server (packages/model silentRound.ts; README, "Silent rounds"). Every
 * connection receives the room's whole document, so a partner's answer in a silent round is kept
 * out of it: it waits in storage (SilentAnswerStore), where only its author can read, change or
 * withdraw it. The document's conversation record says only which rounds are silent and how many
 * answers wait in each, written here as the server's own change (stored and relayed like any
 * edit). The reveal writes the round's answers into the document as ordinary `answer:` records,
 * together with the new count and the end of the silence, in one change: every screen receives
 * them at once; only once that change is durable do they leave storage.
 *
 * Rates and caps: each partner (author key) in a room, and each room, has a token bucket for
 * these writes, and at most MAX_WAITING_PER_AUTHOR / MAX_WAITING_PER_ROOM answers wait.
 *
 * Storage answers asynchronously, so a room's calls here run one after the other (`inTurn`): a
 * count read, checked and written back is never overtaken by another's.
 */
import { randomUUID } from 'node:crypto';
import {
  CONVERSATION_ID,
  type Conversation,
  conversationRecordProblem,
  defaultConversation,
  MAX_WAITING_PER_AUTHOR,
  MAX_WAITING_PER_ROOM,
  markSilent,
  ROUNDS,
  readConversation,
  revealRound,
  waitingCounts,
} from '@patroonkaart/model';
import type { HiddenAnswerRequest, HttpErrorCode, SilenceResponse } from '@patroonkaart/protocol';
import { type RecordIndex, recordIndex } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';
import type { SilentAnswerStore, WaitingAnswer } from '../../storage/SilentAnswerStore.ts';
import { TokenBucket } from '../session/TokenBucket.ts';

/** A loaded room, as a silent round needs it (Room implements it). */
export interface SilentRoom {
  /** The room's document now (to read; it changes only through the room). */
  readonly doc: Y.Doc;
  /** A change of the server's own: applied, then stored and relayed like any accepted update. */
  applyServerChange(change: (index: RecordIndex) => void): void;
}

/** What the rooms offer a silent round (RoomManager). */
export interface SilentHost {
  /** The room, loaded from storage if need be; null when it does not exist. */
  room(roomId: string): Promise<SilentRoom | null>;
  /** Writes everything queued and waits until it is durable (and relayed). */
  flush(): void;
}

export type Refused = { error: HttpErrorCode };
type Outcome<T> = T | Refused;

/** Writes per second (and burst) of one partner in one room, and of one room. */
const AUTHOR_RATE = { perSecond: 2, burst: 10 };
const ROOM_RATE = { perSecond: 10, burst: 40 };
/** Buckets kept before the oldest are forgotten (each is a few numbers). */
const MAX_BUCKETS = 10_000;
/** A waiting answer's id: the server's own `answer:<uuid>`. */
const ANSWER_ID = /^answer:[0-9a-f-]{36}$/;

export function isRefused<T extends object>(outcome: Outcome<T>): outcome is Refused {
  return 'error' in outcome;
}

export class SilentRounds {
  private readonly storage: SilentAnswerStore;
  private readonly host: SilentHost;
  private readonly buckets = new Map<string, TokenBucket>();
  /** Per room: the end of the calls under way, the next one waits for it. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(storage: SilentAnswerStore, host: SilentHost) {
    this.storage = storage;
    this.host = host;
  }

  /** The author's waiting answers in the room, oldest first; never anyone else's. */
  async mine(roomId: string, author: string): Promise<WaitingAnswer[]> {
    return (await this.storage.waitingAnswers(roomId)).filter((a) => a.author === author);
  }

  /** A partner's answer in a silent round: kept here, counted in the document. */
  add(
    roomId: string,
    author: string,
    body: Partial<HiddenAnswerRequest>,
    now = Date.now(),
  ): Promise<Outcome<WaitingAnswer>> {
    return this.inTurn(roomId, () => this.addNow(roomId, author, body, now));
  }

  private async addNow(
    roomId: string,
    author: string,
    body: Partial<HiddenAnswerRequest>,
    now: number,
  ): Promise<Outcome<WaitingAnswer>> {
    const round = body.round;
    if (!isRound(round)) return { error: 'invalid-round' };
    const answer: WaitingAnswer = {
      id: `answer:${randomUUID()}`,
      typeName: 'answer',
      round,
      text: body.text as string,
      author,
      name: body.name ?? '',
      organisation: body.organisation ?? '',
      createdAt: now,
    };
    if (conversationRecordProblem({ ...answer })) return { error: 'invalid-answer' };
    if (!this.allowed(roomId, author, now)) return { error: 'rate-limited' };
    const room = await this.host.room(roomId);
    if (!room) return { error: 'room-not-found' };
    if (!conversationOf(recordIndex(room.doc)).silentRounds.includes(round))
      return { error: 'round-not-silent' };
    const waiting = await this.storage.waitingAnswers(roomId);
    if (
      waiting.length >= MAX_WAITING_PER_ROOM ||
      waiting.filter((a) => a.author === author).length >= MAX_WAITING_PER_AUTHOR
    )
      return { error: 'too-many-answers' };
    // Stored (and on the disk) before the count says it waits.
    await this.storage.putWaitingAnswer(roomId, answer);
    room.applyServerChange((index) => writeSilence(index, { waiting: waitingCounts([...waiting, answer]) }));
    return answer;
  }

  /** The author's new text for one of their waiting answers. */
  edit(
    roomId: string,
    author: string,
    id: string,
    text: unknown,
    now = Date.now(),
  ): Promise<Outcome<WaitingAnswer>> {
    return this.inTurn(roomId, async () => {
      const found = await this.find(roomId, author, id);
      if (!found) return { error: 'answer-not-found' };
      const changed: WaitingAnswer = { ...found, text: text as string };
      if (conversationRecordProblem({ ...changed })) return { error: 'invalid-answer' };
      if (!this.allowed(roomId, author, now)) return { error: 'rate-limited' };
      await this.storage.putWaitingAnswer(roomId, changed);
      return changed;
    });
  }

  /** The author takes one of their waiting answers back: it is gone, and the count says so. */
  withdraw(roomId: string, author: string, id: string, now = Date.now()): Promise<Outcome<{ id: string }>> {
    return this.inTurn(roomId, async () => {
      if (!(await this.find(roomId, author, id))) return { error: 'answer-not-found' };
      if (!this.allowed(roomId, author, now)) return { error: 'rate-limited' };
      const room = await this.host.room(roomId);
      if (!room) return { error: 'room-not-found' };
      await this.storage.deleteWaitingAnswers(roomId, [id]);
      const waiting = waitingCounts(await this.storage.waitingAnswers(roomId));
      room.applyServerChange((index) => {
        if (index.has(CONVERSATION_ID)) writeSilence(index, { waiting });
      });
      return { id };
    });
  }

  /** The facilitator marks a round silent (again: nothing changes). */
  silence(roomId: string, round: unknown): Promise<Outcome<SilenceResponse>> {
    return this.inTurn(roomId, () => this.silenceNow(roomId, round));
  }

  private async silenceNow(roomId: string, round: unknown): Promise<Outcome<SilenceResponse>> {
    if (!isRound(round)) return { error: 'invalid-round' };
    const room = await this.host.room(roomId);
    if (!room) return { error: 'room-not-found' };
    // The count from storage, so a count left behind by a crash is put right here.
    const waiting = waitingCounts(await this.storage.waitingAnswers(roomId));
    let after: Conversation | null = null;
    room.applyServerChange((index) => {
      after = { ...markSilent(conversationOf(index), round), waiting };
      writeSilence(index, after);
    });
    // applyServerChange runs the change before it returns.
    if (after === null) throw new Error('The silence was not written');
    return response(round, after, 0);
  }

  /**
   * The facilitator reveals a round: its waiting answers go into the document as ordinary answers,
   * with the count and the end of its silence, as one change; they leave storage only once that
   * change is durable (a failed write keeps them waiting, and the round silent).
   */
  reveal(roomId: string, round: unknown): Promise<Outcome<SilenceResponse>> {
    return this.inTurn(roomId, () => this.revealNow(roomId, round));
  }

  private async revealNow(roomId: string, round: unknown): Promise<Outcome<SilenceResponse>> {
    if (!isRound(round)) return { error: 'invalid-round' };
    const room = await this.host.room(roomId);
    if (!room) return { error: 'room-not-found' };
    const all = await this.storage.waitingAnswers(roomId);
    const shown = all.filter((a) => a.round === round);
    let after: Conversation | null = null;
    room.applyServerChange((index) => {
      // Written once: an answer a reveal on another process already wrote is not written again.
      for (const answer of shown) if (!index.has(answer.id)) index.write(answer.id, { ...answer });
      const c = revealRound(conversationOf(index), round);
      after = { ...c, waiting: waitingCounts(all.filter((a) => a.round !== round)) };
      if (index.has(CONVERSATION_ID)) writeSilence(index, after);
    });
    this.host.flush();
    // After the flush the document is what storage holds (a failed write rolled it back).
    const index = recordIndex(room.doc);
    const stored = shown.filter((a) => index.has(a.id)).map((a) => a.id);
    await this.storage.deleteWaitingAnswers(roomId, stored);
    if (stored.length < shown.length) return { error: 'internal' };
    // applyServerChange runs the change before it returns.
    if (after === null) throw new Error('The reveal was not written');
    return response(round, after, shown.length);
  }

  private async find(roomId: string, author: string, id: string): Promise<WaitingAnswer | null> {
    if (!ANSWER_ID.test(id)) return null;
    const waiting = await this.storage.waitingAnswers(roomId);
    return waiting.find((a) => a.id === id && a.author === author) ?? null;
  }

  /** `work` once the room's calls before it are done, whatever became of them. */
  private inTurn<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(roomId) ?? Promise.resolve();
    const run = before.then(work, work);
    const end = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(roomId, end);
    void end.then(() => {
      if (this.queues.get(roomId) === end) this.queues.delete(roomId);
    });
    return run;
  }

  /** One write of this partner in this room, within both rates. */
  private allowed(roomId: string, author: string, now: number): boolean {
    if (this.buckets.size > MAX_BUCKETS) this.buckets.clear();
    const bucket = (key: string, rate: { perSecond: number; burst: number }) => {
      let b = this.buckets.get(key);
      if (!b) {
        b = new TokenBucket(rate.perSecond, rate.burst, now);
        this.buckets.set(key, b);
      }
      return b;
    };
    return bucket(roomId, ROOM_RATE).take(now) && bucket(`${roomId}/${author}`, AUTHOR_RATE).take(now);
  }
}

function isRound(round: unknown): round is number {
  return Number.isInteger(round) && (round as number) >= 1 && (round as number) <= ROUNDS.length;
}

function conversationOf(index: RecordIndex): Conversation {
  return readConversation((index.get(CONVERSATION_ID) ?? {}) as Partial<Conversation>);
}

/**
 * The server's fields of the conversation record (and only those), or the whole record with them
 * when none exists yet (a round made silent before the facilitator wrote anything).
 */
function writeSilence(
  index: RecordIndex,
  silence: Partial<Pick<Conversation, 'silentRounds' | 'waiting'>>,
): void {
  if (index.has(CONVERSATION_ID)) index.setFields(CONVERSATION_ID, silence);
  else index.write(CONVERSATION_ID, { ...defaultConversation(), ...silence });
}

function response(round: number, c: Conversation, revealed: number): SilenceResponse {
  return { round, silentRounds: c.silentRounds, waiting: c.waiting, revealed };
}
