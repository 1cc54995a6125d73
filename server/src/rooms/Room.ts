/**
 * One loaded room: its document, its awareness, its sessions. Speaks the y-websocket protocol
 * through SocketAdapters and never touches a socket directly.
 *
 * An incoming update is first read without applying it (inspectUpdate: size, field names,
 * record types), then its effect on the records is forecast and checked (forecastUpdate, then
 * checkApplied: schema, sizes, orphans, references), so a refusal costs about what reading the
 * update does. Only then is it applied, and the applied records checked once more; an update that
 * fails only there is rolled back (the document is rebuilt from storage plus the updates still
 * waiting to be written). A refused sender is closed with a typed reason. An accepted update is handed to the persist queue and relayed only
 * once it is durable; the server's own repairs (a link to a step that a partner just removed) go
 * in the same write.
 */
import { CONVERSATION_TYPES, isConversationType } from '@patroonkaart/model';
import { CLOSE_CODES, type Role } from '@patroonkaart/protocol';
import {
  applyRepairs,
  type RecordIndex,
  type ReferenceRule,
  type Repairs,
  recordIndex,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { Limits } from '../config.ts';
import type { StoredDoc } from '../storage/Storage.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../sync/messages.ts';
import { admitUpdate } from './admitUpdate.ts';
import { applyChecked } from './applyChecked.ts';
import { type Refusal, refusal } from './Refusal.ts';
import { RoomPresence } from './RoomPresence.ts';
import type { RoomSession } from './RoomSession.ts';
import { docFromStorage, SERVER_ORIGIN } from './roomDoc.ts';

/** A reader this far behind is dropped before the server encodes more for it. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** A refused socket this far behind is terminated rather than sent a close frame. */
const FAR_BEHIND_BYTES = 1024 * 1024;
/** More shapes than this removed in one update is a large deletion: a restore point comes first. */
export const LARGE_DELETION = 5;
/** Removed record ids remembered, so a concurrent edit of a removed record is tidied, not refused. */
const REMEMBERED_REMOVALS = 20_000;

/** What a room asks of the server around it; the manager provides it. */
export interface RoomHooks {
  /** Queue an accepted update for the durable write; `written` or `writeFailed` follows. */
  persist(room: Room, update: Uint8Array, sender: RoomSession | null): void;
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
  onEmpty(room: Room): void;
}

export interface RoomRules {
  schema: StoreSchema<UnknownRecord, unknown>;
  references: readonly ReferenceRule[];
  /** Stored updates after which the log is compacted into a snapshot. */
  compactAfterUpdates: number;
}
export class Room {
  readonly id: string;
  doc: Y.Doc;
  readonly presence: RoomPresence;
  readonly sessions = new Set<RoomSession>();
  lastActivity = Date.now();
  /** Bytes stored for this room, kept current as updates are accepted. */
  private storedBytes: number;
  /** Sequence number of the last stored update, for compaction. */
  private storedSeq: number;
  private sinceCompaction = 0;
  private readonly rules: RoomRules;
  private readonly documentTypes: ReadonlySet<string>;
  private readonly limits: Limits;
  private readonly hooks: RoomHooks;
  /** The live view of the document's records (see packages/tldraw-yjs, RecordIndex). */
  private index!: RecordIndex;
  private readonly removedIds = new Set<string>();
  /** The answer for a newcomer with nothing, until the document changes (deletions included). */
  private fullAnswer: Uint8Array | null = null;

  constructor(id: string, stored: StoredDoc, rules: RoomRules, limits: Limits, hooks: RoomHooks) {
    this.id = id;
    this.rules = rules;
    this.documentTypes = new Set([
      ...Object.values(rules.schema.types as Record<string, { typeName: string; scope: string }>)
        .filter((t) => t.scope === 'document')
        .map((t) => t.typeName),
      ...CONVERSATION_TYPES,
    ]);
    this.limits = limits;
    this.hooks = hooks;
    this.storedBytes = stored.byteSize;
    this.storedSeq = stored.lastSeq;
    this.doc = docFromStorage(stored);
    this.observeDoc();
    this.presence = new RoomPresence((message, sender) => {
      for (const session of this.sessions) if (session !== sender) this.send(session, message);
    });
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
        if (session.canWrite) this.applyUpdate(session, message.update);
        return;
      case 'awareness':
        if (!session.takeAwarenessToken(now))
          this.reject(session, refusal('tooManyMessages', 'awareness rate'));
        else this.applyAwareness(session, message.update);
        return;
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

  get byteSize(): number {
    return this.storedBytes;
  }

  /** The persist queue: these updates are durable. Relayed now, to all but their only sender. */
  written(update: Uint8Array, count: number, lastSeq: number, onlySender: RoomSession | null): void {
    this.storedSeq = lastSeq;
    this.sinceCompaction += count;
    const message = encodeUpdate(update);
    for (const session of this.sessions) if (session !== onlySender) this.send(session, message);
    if (this.sinceCompaction >= this.rules.compactAfterUpdates) {
      this.sinceCompaction = 0;
      this.hooks.compactionDue(this);
    }
  }

  /** The persist queue: the write failed (a full disk). Nothing was relayed; the writers resend. */
  writeFailed(writers: ReadonlySet<RoomSession>): void {
    this.rollback();
    this.closeAll('storageFailure', writers);
  }

  /** The whole document for a compaction, or null while updates still wait to be written. */
  snapshot(): { state: Uint8Array; lastSeq: number } | null {
    if (this.hooks.pendingUpdates(this).length > 0) return null;
    return { state: Y.encodeStateAsUpdate(this.doc), lastSeq: this.storedSeq };
  }

  /** Storage now holds `snapshot()` in place of the log up to its sequence number. */
  compacted(bytes: number): void {
    this.storedBytes = bytes;
  }

  /** Rebuilds the document from storage plus what is still queued: drops a refused update. */
  private rollback(): void {
    const stored = this.hooks.loadStored(this.id);
    this.doc.destroy();
    const pending = this.hooks.pendingUpdates(this);
    this.doc = docFromStorage({ ...stored, updates: [...stored.updates, ...pending] });
    this.storedBytes = stored.byteSize + pending.reduce((n, u) => n + u.byteLength, 0);
    this.observeDoc();
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
    this.presence.destroy();
    this.doc.destroy();
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
    if (this.hooks.bufferedBytes() + this.storedBytes > this.limits.maxSendBufferBytes) {
      this.reject(session, refusal('serverBusy', 'send budget spent'));
      return;
    }
    this.hooks.flushNow();
    let message: Uint8Array;
    try {
      message = this.syncStep2For(stateVector);
    } catch {
      this.reject(session, refusal('malformed', 'state vector'));
      return;
    }
    session.answeredSyncStep1 = true;
    this.send(session, message);
  }

  /**
   * The answer to a sync step 1. Newcomers with nothing (the empty state vector) all get the same
   * bytes while the document is unchanged: encoded once, and one buffer shared by every socket
   * still sending it, instead of one copy of the whole map per viewer. Any change to the document
   * drops it: a deletion leaves the state vector as it was, so that cannot be the key.
   */
  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    const isEmpty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!isEmpty) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.fullAnswer ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.fullAnswer;
  }

  private applyUpdate(session: RoomSession, update: Uint8Array): void {
    if (this.storedBytes + update.byteLength > this.limits.maxDocBytes) {
      this.reject(session, refusal('documentTooLarge', `${this.storedBytes} bytes stored`));
      return;
    }
    // Everything that can be decided before applying is: a refusal then costs nothing to undo.
    const admission = admitUpdate(
      {
        doc: this.doc,
        index: this.index,
        documentTypes: this.documentTypes,
        schema: this.rules.schema,
        rules: this.rules.references,
        wasRemoved: (id) => this.removedIds.has(id),
      },
      session,
      update,
      Date.now(),
    );
    if (!admission.ok) {
      this.reject(session, admission.refusal);
      return;
    }
    if (admission.removedShapes > LARGE_DELETION) this.hooks.beforeLargeDeletion(this);
    const checks = {
      schema: this.rules.schema,
      rules: this.rules.references,
      wasRemoved: (id: string) => this.removedIds.has(id),
    };
    // The forecast passed; the applied result is still checked, and the rare update that passes
    // the one and fails the other (a concurrent write whose entry does not win) is rolled back.
    const outcome = applyChecked(this.doc, this.index, update, session, checks);
    if (!outcome.ok) {
      this.rollback();
      this.reject(session, { ...outcome.refusal, rolledBack: true });
      return;
    }
    if (!outcome.changed) return; // Nothing new: a duplicate the document already holds.
    this.rememberRemoved(outcome.removed);
    this.storedBytes += update.byteLength;
    this.hooks.persist(this, update, session);
    // A vote that crossed the closing of voting on the wire is removed, not refused.
    for (const id of admission.late) if (this.index.has(id)) outcome.repairs.set(id, null);
    if (outcome.repairs.size > 0) this.writeRepairs(outcome.repairs);
    this.hooks.afterChange(this);
  }

  /** The server's own follow-up change, stored in the same write and sent to everyone. */
  private writeRepairs(repairs: Repairs): void {
    this.writeServerChange(() => applyRepairs(this.index, repairs));
  }

  /**
   * Makes the map's records exactly `records` (a restore point): removes what is not in it and
   * writes what differs, as one change of the server's, stored and then relayed like any other.
   * The conversation (answers, votes, the round) is not part of the map and stays as it is.
   */
  restoreRecords(records: readonly Record<string, unknown>[]): void {
    const wanted = new Map(records.map((r) => [r.id as string, r]));
    this.writeServerChange(() => {
      const changes: [string, Record<string, unknown> | null][] = [];
      for (const id of this.index.ids())
        if (!wanted.has(id) && !isConversationType(this.index.field(id, 'typeName')))
          changes.push([id, null]);
      for (const [id, record] of wanted) changes.push([id, record]);
      this.index.writeMany(changes);
    });
  }

  /** Shapes on the map now (for a restore point's description). */
  shapeCount(): number {
    return this.index.ids().filter((id) => id.startsWith('shape:')).length;
  }

  /** Who is in the room, as their presence says. */
  people(): { name: string; organisation: string }[] {
    return this.presence.people();
  }

  private writeServerChange(change: () => void): void {
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    this.doc.on('update', onUpdate);
    try {
      this.doc.transact(change, SERVER_ORIGIN);
    } finally {
      this.doc.off('update', onUpdate);
    }
    if (updates.length === 0) return;
    const update = Y.mergeUpdates(updates);
    this.storedBytes += update.byteLength;
    this.hooks.persist(this, update, null);
  }

  private rememberRemoved(ids: Iterable<string>): void {
    for (const id of ids) {
      this.removedIds.delete(id);
      this.removedIds.add(id);
    }
    // A Set iterates in insertion order: the first ids are the oldest.
    for (const id of this.removedIds) {
      if (this.removedIds.size <= REMEMBERED_REMOVALS) break;
      this.removedIds.delete(id);
    }
  }

  private applyAwareness(session: RoomSession, update: Uint8Array): void {
    const refused = this.presence.apply(session, update);
    if (refused) this.reject(session, refused);
  }

  private observeDoc(): void {
    this.index = recordIndex(this.doc);
    this.fullAnswer = null;
    this.doc.on('update', () => {
      this.fullAnswer = null;
    });
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
