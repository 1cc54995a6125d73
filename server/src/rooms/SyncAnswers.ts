/**
 * A session's answer to its sync step 1: the whole document, or what it lacks, is the largest thing
 * the server sends. One answer per connection may be on its way, and all sockets together (with the
 * answers held here) stay within the send budget, so readers that never read cannot make the
 * server hold gigabytes. The answer is made from the document at once and sent when everything in
 * it is durable (the persist queue's `whenStored`; the event loop goes on meanwhile); should some
 * of it not be stored, the room has rolled back and the answer is made again. A big room's
 * newcomer with nothing is answered from storage, off the event loop (StoredAnswers).
 */
import type { Limits } from '../config.ts';
import type { RoomDocument } from './document/RoomDocument.ts';
import { type Joined, StoredAnswers } from './document/StoredAnswers.ts';
import type { PersistQueue } from './persistence/PersistQueue.ts';
import type { StoredStates } from './persistence/StoredStates.ts';
import { type Refusal, refusal } from './session/Refusal.ts';
import type { RoomSession } from './session/RoomSession.ts';

/** What the answers need of their room. */
export interface AnsweringRoom {
  readonly id: string;
  /** Bytes the room's document takes in storage: what an answer may cost. */
  byteSize(): number;
  /** Whether the session is still in the room (and the room still loaded). */
  has(session: RoomSession): boolean;
  send(session: RoomSession, data: Uint8Array): void;
  refuse(session: RoomSession, why: Refusal): void;
}

export interface AnswerServices {
  queue: Pick<PersistQueue, 'flush' | 'whenStored'>;
  states: Pick<StoredStates, 'read'>;
  /** Bytes waiting in every socket of the server, and in answers held: the send budget's use. */
  bufferedBytes(): number;
}

export class SyncAnswers {
  private readonly room: AnsweringRoom;
  private readonly document: RoomDocument;
  private readonly services: AnswerServices;
  private readonly limits: Pick<Limits, 'maxSendBufferBytes'>;
  /** A big room's answers to newcomers with nothing, read from storage. */
  private readonly stored: StoredAnswers;
  /** When each session joined, for its answer from storage. */
  private readonly joinedAt = new WeakMap<RoomSession, Joined>();

  constructor(
    room: AnsweringRoom,
    document: RoomDocument,
    services: AnswerServices,
    limits: Pick<Limits, 'maxSendBufferBytes'>,
  ) {
    this.room = room;
    this.document = document;
    this.services = services;
    this.limits = limits;
    this.stored = new StoredAnswers(room.id, document, services.states);
  }

  /** A session joined the room now. */
  joined(session: RoomSession): void {
    this.joinedAt.set(session, this.stored.joined());
  }

  /** The session sent its sync step 1. */
  answer(session: RoomSession, stateVector: Uint8Array): void {
    if (session.answeredSyncStep1 && (session.socket.bufferedAmount > 0 || session.answerPending)) {
      this.room.refuse(session, refusal('tooManyMessages', 'sync step 1 while the last answer is unsent'));
      return;
    }
    if (this.services.bufferedBytes() + this.room.byteSize() > this.limits.maxSendBufferBytes) {
      this.room.refuse(session, refusal('serverBusy', 'send budget spent'));
      return;
    }
    session.answeredSyncStep1 = true;
    if (this.stored.wanted(stateVector, this.room.byteSize())) {
      this.sendBigState(session);
      return;
    }
    this.sendLiveState(session, stateVector);
  }

  /** The answer from the document as it is now, sent once everything in it is durable. */
  private sendLiveState(session: RoomSession, stateVector: Uint8Array): void {
    let message: Uint8Array;
    try {
      message = this.document.syncStep2For(stateVector);
    } catch {
      this.room.refuse(session, refusal('malformed', 'state vector'));
      return;
    }
    this.sendWhenStored(session, [message], message.byteLength, () =>
      this.sendLiveState(session, stateVector),
    );
  }

  /**
   * A big room's newcomer with nothing. With an answer kept: the tail first, then the kept answer
   * (the client holds the tail's changes until what they build on arrives, and counts itself
   * synced with the sync step 2, when it has the whole map). Else a read of storage.
   */
  private sendBigState(session: RoomSession): void {
    const kept = this.stored.keptWithTail();
    if (kept) {
      this.sendWhenStored(session, [kept.tail, kept.syncStep2], kept.tail.byteLength, () =>
        this.sendBigState(session),
      );
      return;
    }
    // Storage's read must begin with everything accepted so far stored (StoredAnswers): rare.
    this.services.queue.flush();
    this.sendStoredState(session);
  }

  /**
   * Sends an answer just made from the document once everything accepted so far is durable (the
   * event loop goes on meanwhile); should some of it not be stored, the room has rolled back and
   * `again` makes the answer anew. Held, its `heldBytes` count in the send budget.
   */
  private sendWhenStored(
    session: RoomSession,
    messages: readonly Uint8Array[],
    heldBytes: number,
    again: () => void,
  ): void {
    const stored = this.services.queue.whenStored();
    session.answerPending = true;
    session.heldBytes = heldBytes;
    void stored.then((allStored) => {
      session.answerPending = false;
      session.heldBytes = 0;
      if (!this.room.has(session)) return;
      if (!allStored) {
        again();
        return;
      }
      for (const message of messages) this.room.send(session, message);
    });
  }

  /** A big room's newcomer with nothing: answered from storage, off the event loop. */
  private sendStoredState(session: RoomSession): void {
    session.answerPending = true;
    const joined = this.joinedAt.get(session) ?? this.stored.joined();
    void this.stored.answer(joined).then((message) => {
      session.answerPending = false;
      if (!this.room.has(session)) return;
      this.room.send(session, message);
    });
  }
}
