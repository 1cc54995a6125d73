/**
 * One loaded room: its sessions, its presence and its document (RoomDocument), all private. Speaks
 * the y-websocket protocol through SocketAdapters and never touches a socket directly.
 *
 * Its small API: sessions `join`, send (`handleMessage`), `leave` or are `refuse`d; the persist
 * queue calls `endTurn`, `written`, `writeFailed`, `syncFailed`; the cluster `applyStored`,
 * `applyRemotePresence`, `catchUp`; history `encodeState`, `applyServerChange`; the manager
 * `migrate`, `compacted`, `closeAll`, `destroy` and reads the counts. A session's sync step 1
 * is answered by SyncAnswers (the send budget, the answer once durable, a big room's from storage).
 *
 * The write path, in one line: a client's update waits for the end of the turn, is admitted and
 * applied by the RoomDocument with the turn's others (one by one when they cannot go together;
 * refused before it is applied when it can be), pushed onto the persist queue, and relayed by
 * `written` once storage holds it; if storage fails, `writeFailed` rolls the document back and
 * closes the writers, who resend. Every close goes through `close`; a refusal (`refuse`) is
 * counted and logged once, by the manager, and then closed.
 */
import type { Role } from '@patroonkaart/protocol';
import { CLOSE_CODES } from '@patroonkaart/protocol';
import type { RecordIndex } from '@patroonkaart/tldraw-yjs';
import * as Y from 'yjs';
import type { ClusterRoom, RoomCluster } from '../cluster/RoomCluster.ts';
import type { Limits } from '../config.ts';
import type { Storage, StoredDoc } from '../storage/Storage.ts';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from '../sync/messages.ts';
import { admitTurn, type Received, type TurnContext } from './admission/admitTurn.ts';
import { LARGE_DELETION, type Migration, RoomDocument, type RoomRules } from './document/RoomDocument.ts';
import type { History, HistoryRoom } from './history/History.ts';
import type { PersistQueue, WriteTarget } from './persistence/PersistQueue.ts';
import type { StoredStates } from './persistence/StoredStates.ts';
import { RoomPresence } from './presence/RoomPresence.ts';
import { SyncAnswers } from './SyncAnswers.ts';
import { type Refusal, refusal } from './session/Refusal.ts';
import type { RoomSession } from './session/RoomSession.ts';

export { LARGE_DELETION, type RoomRules } from './document/RoomDocument.ts';

/** A reader this far behind is dropped before the server encodes more for it. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** A refused socket this far behind is terminated rather than sent a close frame. */
const FAR_BEHIND_BYTES = 1024 * 1024;

/** What the manager does for its rooms, told by a room about itself. */
export interface RoomOwner {
  /** Bytes waiting in every socket of the server: the budget for sending whole documents. */
  bufferedBytes(): number;
  /** A session was refused: counted and logged once, whoever found the problem. */
  refused(room: Room, session: RoomSession, why: Refusal): void;
  /** The last session left (the room unloads when it stays empty). */
  emptied(room: Room): void;
  /** Enough updates since the last compaction: the manager compacts soon (Compactions; then `compacted`). */
  compactionDue(room: Room): void;
}

/**
 * The server around a room, one object shared by every room: each field is the real thing (or
 * the part of it a room uses), so following an update means reading the called method.
 */
export interface RoomServices {
  /** Durable before broadcast: accepted updates wait here for the end of the turn (PersistQueue). */
  queue: Pick<PersistQueue, 'push' | 'admitAtTurnEnd' | 'flush' | 'whenStored' | 'pendingFor'>;
  /** What storage holds of a room: a rollback and a catch-up read it. */
  storage: Pick<Storage, 'loadDocNow'>;
  /** The room's stored state, merged off the event loop: a big room's newcomer is sent it. */
  states: Pick<StoredStates, 'read'>;
  /** Restore points: one before a large deletion, automatic ones after changes. */
  history: Pick<History, 'beforeLargeDeletion' | 'afterChange'>;
  /** The other server processes (REDIS_URL); null when this one serves everything. */
  cluster: Pick<RoomCluster, 'stored' | 'presenceShared' | 'holeOpened'> | null;
  owner: RoomOwner;
}

export class Room implements WriteTarget, ClusterRoom, HistoryRoom {
  readonly id: string;
  private readonly presence: RoomPresence;
  private readonly sessions = new Set<RoomSession>();
  private lastActivity = Date.now();
  private readonly document: RoomDocument;
  private readonly limits: Limits;
  private readonly services: RoomServices;
  /** Client updates received this turn, admitted together by `endTurn`. */
  private inbox: Received[] = [];
  private destroyed = false;
  /** Each session's answer to its sync step 1. */
  private readonly answers: SyncAnswers;
  private readonly turn: TurnContext;

  constructor(id: string, stored: StoredDoc, rules: RoomRules, limits: Limits, services: RoomServices) {
    this.id = id;
    this.limits = limits;
    this.services = services;
    const { queue, history, cluster } = services;
    this.document = new RoomDocument(stored, rules, {
      loadStored: () => services.storage.loadDocNow(id),
      pending: () => queue.pendingFor(this),
    });
    this.answers = new SyncAnswers(
      {
        id,
        byteSize: () => this.byteSize,
        has: (session) => !this.destroyed && this.sessions.has(session),
        send: (session, data) => this.send(session, data),
        refuse: (session, why) => this.refuse(session, why),
      },
      this.document,
      { queue, states: services.states, bufferedBytes: () => services.owner.bufferedBytes() },
      limits,
    );
    this.turn = {
      document: this.document,
      maxDocBytes: limits.maxDocBytes,
      beforeApply: (removedShapes) => {
        if (removedShapes > LARGE_DELETION) history.beforeLargeDeletion(this);
      },
      accepted: (update, sender, parts, repairs) => {
        queue.push(this, update, sender, parts);
        // The server's own follow-up (a link to a step a partner just removed) goes in the same write.
        if (repairs) queue.push(this, repairs, null);
        history.afterChange(this);
      },
      refused: (session, why) => this.refuse(session, why),
    };
    this.presence = new RoomPresence(
      (message, sender) => {
        for (const session of this.sessions) if (session !== sender) this.send(session, message);
      },
      cluster ? (update) => cluster.presenceShared(this, update) : undefined,
    );
  }

  /** The document, to read (tests, encoding): it changes only through the RoomDocument. */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  /** Bytes stored for the room. */
  get byteSize(): number {
    return this.document.byteSize;
  }

  get peerCount(): number {
    return this.sessions.size;
  }

  /** Bytes waiting in this room's sockets, and in answers held until what they show is durable. */
  get bufferedBytes(): number {
    let total = 0;
    for (const s of this.sessions) total += s.socket.bufferedAmount + s.heldBytes;
    return total;
  }

  /** Milliseconds since anyone joined, left or sent anything. */
  idleFor(now = Date.now()): number {
    return now - this.lastActivity;
  }

  /**
   * Brings a document stored by an older server to the current schema, as the server's own
   * change (stored and relayed like any other); when a room loads, before anyone joins.
   */
  migrate(): Migration {
    const migration = this.document.migrate();
    for (const update of migration.updates) this.services.queue.push(this, update, null);
    return migration;
  }

  /** Each role has its own places, so viewers can never lock partners or the facilitator out. */
  join(session: RoomSession): boolean {
    if (this.countRole(session.role) >= this.placesFor(session.role)) {
      this.close(session, refusal('roomFull', `${session.role} places taken`));
      return false;
    }
    this.sessions.add(session);
    this.answers.joined(session);
    this.lastActivity = Date.now();
    // The state vector shows nothing of the map: the answer to the peer's own sync step 1 does,
    // and waits for what it holds to be durable (SyncAnswers).
    this.send(session, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const everyone = this.presence.everyone();
    if (everyone) this.send(session, everyone);
    return true;
  }

  leave(session: RoomSession): void {
    if (!this.sessions.delete(session)) return;
    this.presence.remove(session);
    this.lastActivity = Date.now();
    if (this.sessions.size === 0) this.services.owner.emptied(this);
  }

  handleMessage(session: RoomSession, data: Uint8Array): void {
    if (!this.sessions.has(session)) return;
    const now = Date.now();
    this.lastActivity = now;
    session.lastMessageAt = now;
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.refuse(session, refusal('messageTooLarge', `${data.byteLength} byte message`));
      return;
    }
    if (!session.takeMessageToken(now)) {
      this.refuse(session, refusal('tooManyMessages', 'rate'));
      return;
    }
    const message = decodeMessage(data);
    switch (message.kind) {
      case 'sync-step1': {
        this.answers.answer(session, message.stateVector);
        return;
      }
      case 'sync-update':
        // A viewer's document changes are dropped; its cursor is not.
        if (!session.canWrite) return;
        if (this.inbox.length === 0) this.services.queue.admitAtTurnEnd(this);
        this.inbox.push({ session, update: message.update });
        return;
      case 'awareness': {
        if (!session.takeAwarenessToken(now)) {
          this.refuse(session, refusal('tooManyMessages', 'awareness rate'));
          return;
        }
        const refused = this.presence.apply(session, message.update);
        if (refused) this.refuse(session, refused);
        return;
      }
      case 'query-awareness': {
        this.send(session, this.presence.everyone() ?? encodeAwareness(new Uint8Array([0])));
        return;
      }
      case 'auth':
        return;
      case 'malformed': {
        this.refuse(session, refusal('malformed', message.reason));
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
    this.services.cluster?.stored(this, update, from, to);
    const message = encodeUpdate(update);
    for (const session of this.sessions) if (session !== onlySender) this.send(session, message);
    if (this.document.written(updates, from, to)) this.services.owner.compactionDue(this);
  }

  /** Another server process stored these updates: applied in sequence order and relayed here. */
  applyStored(from: number, to: number, update: Uint8Array): void {
    for (const ready of this.document.applyStored(from, to, update)) this.relay(ready);
    if (this.document.hasHole) this.services.cluster?.holeOpened(this);
  }

  /** Presence from another server process (it passed that process's gate). */
  applyRemotePresence(update: Uint8Array): void {
    this.presence.applyRemote(update);
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

  /** Storage replaced `removedBytes` of the room (snapshot and log) by `addedBytes` (a compaction). */
  compacted(removedBytes: number, addedBytes: number): void {
    this.document.compacted(removedBytes, addedBytes);
  }

  /**
   * A change written by the server itself (a restore): applied, then stored and relayed like any
   * accepted update, with no sender.
   */
  applyServerChange(change: (index: RecordIndex) => void): void {
    // Storage answered a caller after the room was unloaded or deleted: its change has no room.
    if (this.destroyed) throw new Error(`room ${this.id} is no longer loaded`);
    const update = this.document.applyServerChange(change);
    if (update) this.services.queue.push(this, update, null);
  }

  /** The whole document, encoded (a restore point). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.document.doc);
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

  /**
   * Refuses a session: the manager counts and logs the refusal (and may make its address wait),
   * then the session is closed with the refusal's code. For what the room finds and for reasons
   * found outside it (a text frame, silence, a bug).
   */
  refuse(session: RoomSession, why: Refusal): void {
    this.services.owner.refused(this, session, why);
    this.close(session, why);
  }

  destroy(): void {
    this.destroyed = true;
    this.inbox = [];
    this.presence.destroy();
    this.document.destroy();
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
      this.services.owner.refused(this, session, refusal('tooManyMessages', 'slow reader terminated'));
      session.socket.terminate();
      this.leave(session);
      return;
    }
    session.socket.send(data);
  }

  /** Closes a session with a code and no blame (room full, a failed write, a deleted room). */
  private close(session: RoomSession, why: Refusal): void {
    const entry = CLOSE_CODES[why.code];
    // A socket with a megabyte still unsent will not read a close frame soon, and a closing
    // socket keeps its queue until the close handshake times out: drop it at once.
    if (session.socket.bufferedAmount > FAR_BEHIND_BYTES) session.socket.terminate();
    else session.socket.close(entry.code, entry.reason);
    this.leave(session);
  }
}
