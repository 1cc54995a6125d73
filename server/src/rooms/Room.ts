/**
 * One loaded room: its sessions, its presence and its document (RoomDocument). Speaks the
 * y-websocket protocol through SocketAdapters and never touches a socket directly.
 *
 * The write path, in one line: a client's update waits for the end of the turn, is admitted and
 * applied by the RoomDocument with the turn's others (one by one when they cannot go together;
 * refused before it is applied when it can be), handed to the persist queue, and relayed by
 * `written` once storage holds it; if storage fails, `writeFailed` rolls the document back and
 * closes the writers, who resend. Every close goes through `close`, every refusal through
 * `reject` (logged and counted once, by the manager's `onRejected`).
 */
import type { Role } from '@patroonkaart/protocol';
import { CLOSE_CODES } from '@patroonkaart/protocol';
import type { RecordIndex } from '@patroonkaart/tldraw-yjs';
import * as Y from 'yjs';
import type { Limits } from '../config.ts';
import type { StoredDoc } from '../storage/Storage.ts';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from '../sync/messages.ts';
import { admitTurn, type Received, type TurnContext } from './admitTurn.ts';
import { type Refusal, refusal } from './Refusal.ts';
import { LARGE_DELETION, RoomDocument, type RoomRules } from './RoomDocument.ts';
import { RoomPresence } from './RoomPresence.ts';
import type { RoomSession } from './RoomSession.ts';

export { LARGE_DELETION, type RoomRules } from './RoomDocument.ts';

/** A reader this far behind is dropped before the server encodes more for it. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** A refused socket this far behind is terminated rather than sent a close frame. */
const FAR_BEHIND_BYTES = 1024 * 1024;

/** What a room asks of the server around it; the manager provides it. */
export interface RoomHooks {
  /**
   * Queue an accepted update for the durable write; `written` or `writeFailed` follows. `parts`:
   * the sizes of the client updates merged into it.
   */
  persist(room: Room, update: Uint8Array, sender: RoomSession | null, parts?: readonly number[]): void;
  /** Call `endTurn` at the end of this event-loop turn, before the turn's write. */
  admitAtTurnEnd(room: Room): void;
  /** Write everything queued now (before a new peer is shown the document). */
  flushNow(): void;
  /** Accepted-but-unwritten updates of this room, to rebuild the document after a rollback. */
  pendingUpdates(room: Room): Uint8Array[];
  loadStored(roomId: string): StoredDoc;
  /** Bytes waiting in every socket of the server: the budget for sending whole documents. */
  bufferedBytes(): number;
  onRejected(room: Room, session: RoomSession, refusal: Refusal): void;
  /** Before an accepted update removes more than a handful of shapes (a restore point is taken). */
  beforeLargeDeletion(room: Room): void;
  /** After an accepted update (automatic restore points). */
  afterChange(room: Room): void;
  /** Enough updates since the last compaction: the manager compacts soon (snapshot, compacted). */
  compactionDue(room: Room): void;
  /** Stored as [from, to] and about to be relayed here: for the other server processes. */
  stored?(room: Room, update: Uint8Array, from: number, to: number): void;
  /** A presence change made here: for the other server processes. */
  presenceShared?(room: Room, update: Uint8Array): void;
  /** An update another process stored is missing here: the manager catches the room up soon. */
  holeOpened?(room: Room): void;
  onEmpty(room: Room): void;
}

export class Room {
  readonly id: string;
  readonly presence: RoomPresence;
  readonly sessions = new Set<RoomSession>();
  lastActivity = Date.now();
  private readonly document: RoomDocument;
  private readonly limits: Limits;
  private readonly hooks: RoomHooks;
  /** Client updates received this turn, admitted together by `endTurn`. */
  private inbox: Received[] = [];
  private readonly turn: TurnContext;

  constructor(id: string, stored: StoredDoc, rules: RoomRules, limits: Limits, hooks: RoomHooks) {
    this.id = id;
    this.limits = limits;
    this.hooks = hooks;
    this.document = new RoomDocument(stored, rules, {
      loadStored: () => hooks.loadStored(id),
      pending: () => hooks.pendingUpdates(this),
    });
    this.turn = {
      document: this.document,
      maxDocBytes: limits.maxDocBytes,
      beforeApply: (removedShapes) => {
        if (removedShapes > LARGE_DELETION) hooks.beforeLargeDeletion(this);
      },
      accepted: (update, sender, parts, repairs) => {
        hooks.persist(this, update, sender, parts);
        // The server's own follow-up (a link to a step a partner just removed) goes in the same write.
        if (repairs) hooks.persist(this, repairs, null);
        hooks.afterChange(this);
      },
      refused: (session, why) => this.reject(session, why),
    };
    this.presence = new RoomPresence(
      (message, sender) => {
        for (const session of this.sessions) if (session !== sender) this.send(session, message);
      },
      hooks.presenceShared ? (update) => hooks.presenceShared!(this, update) : undefined,
    );
  }

  get doc(): Y.Doc {
    return this.document.doc;
  }

  get byteSize(): number {
    return this.document.byteSize;
  }

  get peerCount(): number {
    return this.sessions.size;
  }

  /** Each role has its own places, so viewers can never lock partners or the facilitator out. */
  join(session: RoomSession): boolean {
    if (this.countRole(session.role) >= this.placesFor(session.role)) {
      this.close(session, refusal('roomFull', `${session.role} places taken`));
      return false;
    }
    this.sessions.add(session);
    this.lastActivity = Date.now();
    // Everything a new peer is shown must already be durable.
    this.hooks.flushNow();
    this.send(session, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const everyone = this.presence.everyone();
    if (everyone) this.send(session, everyone);
    return true;
  }

  leave(session: RoomSession): void {
    if (!this.sessions.delete(session)) return;
    this.presence.remove(session);
    this.lastActivity = Date.now();
    if (this.sessions.size === 0) this.hooks.onEmpty(this);
  }

  handleMessage(session: RoomSession, data: Uint8Array): void {
    if (!this.sessions.has(session)) return;
    const now = Date.now();
    this.lastActivity = now;
    session.lastMessageAt = now;
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.reject(session, refusal('messageTooLarge', `${data.byteLength} byte message`));
      return;
    }
    if (!session.takeMessageToken(now)) {
      this.reject(session, refusal('tooManyMessages', 'rate'));
      return;
    }
    const message = decodeMessage(data);
    switch (message.kind) {
      case 'sync-step1': {
        this.answerSyncStep1(session, message.stateVector);
        return;
      }
      case 'sync-update':
        // A viewer's document changes are dropped; its cursor is not.
        if (!session.canWrite) return;
        if (this.inbox.length === 0) this.hooks.admitAtTurnEnd(this);
        this.inbox.push({ session, update: message.update });
        return;
      case 'awareness': {
        if (!session.takeAwarenessToken(now)) {
          this.reject(session, refusal('tooManyMessages', 'awareness rate'));
          return;
        }
        const refused = this.presence.apply(session, message.update);
        if (refused) this.reject(session, refused);
        return;
      }
      case 'query-awareness': {
        this.send(session, this.presence.everyone() ?? encodeAwareness(new Uint8Array([0])));
        return;
      }
      case 'auth':
        return;
      case 'malformed': {
        this.reject(session, refusal('malformed', message.reason));
        return;
      }
    }
  }

  /** The persist queue, at the end of the turn: the updates received since are admitted (admitTurn). */
  endTurn(): void {
    const batch = this.inbox;
    this.inbox = [];
    admitTurn(this.turn, batch);
  }

  /** The persist queue: these updates are durable, as rows `from` to `to`. Relayed now, to all but their only sender. */
  written(
    update: Uint8Array,
    updates: number,
    from: number,
    to: number,
    onlySender: RoomSession | null,
  ): void {
    this.hooks.stored?.(this, update, from, to);
    const message = encodeUpdate(update);
    for (const session of this.sessions) if (session !== onlySender) this.send(session, message);
    if (this.document.written(updates, from, to)) this.hooks.compactionDue(this);
  }

  /** Another server process stored these updates: applied in sequence order and relayed here. */
  applyStored(from: number, to: number, update: Uint8Array): void {
    for (const ready of this.document.applyStored(from, to, update)) this.relay(ready);
    if (this.document.hasHole) this.hooks.holeOpened?.(this);
  }

  /** Merges in what storage holds (a hole that stayed open, the bus back after a break). */
  catchUp(): void {
    const missed = this.document.catchUp();
    if (missed) this.relay(missed);
  }

  get hasHole(): boolean {
    return this.document.hasHole;
  }

  private relay(update: Uint8Array): void {
    const message = encodeUpdate(update);
    for (const session of this.sessions) this.send(session, message);
  }

  /** The persist queue: the write failed (a full disk). Nothing was relayed; the writers resend. */
  writeFailed(writers: ReadonlySet<RoomSession>): void {
    this.document.rollback();
    this.closeAll('storageFailure', writers);
  }

  /** The whole document for a compaction, or null while updates still wait to be written. */
  snapshot(): { state: Uint8Array; lastSeq: number } | null {
    return this.document.snapshot();
  }

  /** Storage now holds `snapshot()` in place of the log up to its sequence number. */
  compacted(bytes: number): void {
    this.document.compacted(bytes);
  }

  /**
   * A change written by the server itself (a restore): applied, then stored and relayed like any
   * accepted update, with no sender.
   */
  applyServerChange(change: (index: RecordIndex) => void): void {
    const update = this.document.applyServerChange(change);
    if (update) this.hooks.persist(this, update, null);
  }

  /** Shapes on the map now (for a restore point's description). */
  shapeCount(): number {
    return this.document.shapeCount();
  }

  /** Who is in the room, as their presence says. */
  people(): { name: string; organisation: string }[] {
    return this.presence.people();
  }

  /**
   * The persist queue: stored, but the disk did not confirm it. Nothing was relayed; everyone
   * reconnects and is shown what storage holds.
   */
  syncFailed(): void {
    this.closeAll('storageFailure');
  }

  /** Closes every session with `code` (a deleted room, a stopping server, a failed write). */
  closeAll(code: Refusal['code'], only?: ReadonlySet<RoomSession>): void {
    for (const session of [...this.sessions])
      if (!only || only.has(session)) this.close(session, refusal(code, 'closing'));
  }

  /** Closes one session for a reason found outside the room (a text frame, silence, a bug). */
  refuse(session: RoomSession, why: Refusal): void {
    this.reject(session, why);
  }

  destroy(): void {
    this.inbox = [];
    this.presence.destroy();
    this.document.destroy();
  }

  /**
   * A whole document is the largest thing the server sends: one answer per connection may be on
   * its way, and all sockets together stay within the send budget, so readers that never read
   * cannot make the server hold gigabytes.
   */
  private answerSyncStep1(session: RoomSession, stateVector: Uint8Array): void {
    if (session.answeredSyncStep1 && session.socket.bufferedAmount > 0) {
      this.reject(session, refusal('tooManyMessages', 'sync step 1 while the last answer is unsent'));
      return;
    }
    if (this.hooks.bufferedBytes() + this.byteSize > this.limits.maxSendBufferBytes) {
      this.reject(session, refusal('serverBusy', 'send budget spent'));
      return;
    }
    this.hooks.flushNow();
    let message: Uint8Array;
    try {
      message = this.document.syncStep2For(stateVector);
    } catch {
      this.reject(session, refusal('malformed', 'state vector'));
      return;
    }
    session.answeredSyncStep1 = true;
    this.send(session, message);
  }

  private countRole(role: Role): number {
    let n = 0;
    for (const s of this.sessions) if (s.role === role) n++;
    return n;
  }

  private placesFor(role: Role): number {
    if (role === 'view') return this.limits.maxViewersPerRoom;
    if (role === 'facilitator') return this.limits.maxFacilitatorsPerRoom;
    return this.limits.maxPeersPerRoom;
  }

  private send(session: RoomSession, data: Uint8Array): void {
    if (session.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      // Too slow to read even a close frame: drop it, so its queue is freed now.
      this.hooks.onRejected(this, session, refusal('tooManyMessages', 'slow reader terminated'));
      session.socket.terminate();
      this.leave(session);
      return;
    }
    session.socket.send(data);
  }

  private reject(session: RoomSession, why: Refusal): void {
    this.hooks.onRejected(this, session, why);
    this.close(session, why);
  }

  private close(session: RoomSession, why: Refusal): void {
    const entry = CLOSE_CODES[why.code];
    // A socket with a megabyte still unsent will not read a close frame soon, and a closing
    // socket keeps its queue until the close handshake times out: drop it at once.
    if (session.socket.bufferedAmount > FAR_BEHIND_BYTES) session.socket.terminate();
    else session.socket.close(entry.code, entry.reason);
    this.leave(session);
  }
}
