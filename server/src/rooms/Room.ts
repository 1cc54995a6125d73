/**
 * One loaded room: its document, its awareness, its sessions. Speaks the y-websocket protocol
 * through SocketAdapters and never touches a socket directly.
 *
 * An incoming update is applied to the room's document; the records it touched are validated;
 * a refused update is rolled back (the document is rebuilt from storage plus the updates still
 * waiting to be written) and its sender is closed with a reason. An accepted update is handed to
 * the persist queue and relayed only once it is durable.
 */
import { CLOSE_CODES, type CloseCodeName } from '@patroonkaart/protocol';
import { DOC_META_MAP, type RecordChanges, type RecordIndex, recordIndex } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as awarenessProtocol from 'y-protocols/awareness';
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
import type { RoomSession } from './RoomSession.ts';
import { docFromStorage } from './roomDoc.ts';
import { validateTouched } from './validateTouched.ts';

/** Awareness ids one connection may publish: one per tab is normal, a few allow for reconnects. */
const MAX_AWARENESS_IDS_PER_SESSION = 4;
/** A reader this far behind is closed rather than allowed to exhaust the server's memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface RoomHooks {
  /** Queue an accepted update for the durable write; `deliver` is called once it is stored. */
  persist(room: Room, update: Uint8Array, sender: RoomSession): void;
  /** Write everything queued now (before a new peer is shown the document). */
  flushNow(): void;
  /** Accepted-but-unwritten updates of this room, to rebuild the document after a rollback. */
  pendingUpdates(room: Room): Uint8Array[];
  loadStored(roomId: string): StoredDoc;
  onRejected(room: Room, session: RoomSession, code: CloseCodeName, detail: string): void;
  onEmpty(room: Room): void;
}

export class Room {
  readonly id: string;
  doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly sessions = new Set<RoomSession>();
  /** Bytes stored for this room, kept current as updates are accepted. */
  byteSize: number;
  /** Sequence number of the last stored update, for compaction. */
  lastSeq: number;
  updatesSinceCompaction = 0;
  lastActivity = Date.now();
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly limits: Limits;
  private readonly hooks: RoomHooks;
  private capture: { changes: RecordChanges[]; metaTouched: boolean } | null = null;
  /** The live view of the document's records (see packages/tldraw-yjs, RecordIndex). */
  private index!: RecordIndex;
  private readonly unobserve: (() => void)[] = [];

  constructor(
    id: string,
    stored: StoredDoc,
    schema: StoreSchema<UnknownRecord, unknown>,
    limits: Limits,
    hooks: RoomHooks,
  ) {
    this.id = id;
    this.schema = schema;
    this.limits = limits;
    this.hooks = hooks;
    this.byteSize = stored.byteSize;
    this.lastSeq = stored.lastSeq;
    this.doc = docFromStorage(stored);
    this.observeDoc();
    // Awareness needs a doc only for its own client id; the server publishes no state itself.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        const sender = this.sessionOf(origin);
        if (sender) {
          for (const id of [...added, ...updated]) sender.awarenessIds.add(id);
          for (const id of removed) sender.awarenessIds.delete(id);
        }
        const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
        for (const session of this.sessions) if (session !== sender) this.send(session, message);
      },
    );
  }

  get peerCount(): number {
    return this.sessions.size;
  }

  join(session: RoomSession): boolean {
    if (this.sessions.size >= this.limits.maxPeersPerRoom) {
      this.close(session, 'roomFull');
      return false;
    }
    this.sessions.add(session);
    this.lastActivity = Date.now();
    // Everything a new peer is shown must already be durable.
    this.hooks.flushNow();
    this.send(session, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) {
      this.send(session, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    }
    return true;
  }

  leave(session: RoomSession): void {
    if (!this.sessions.delete(session)) return;
    if (session.awarenessIds.size) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...session.awarenessIds], null);
    }
    this.lastActivity = Date.now();
    if (this.sessions.size === 0) this.hooks.onEmpty(this);
  }

  handleMessage(session: RoomSession, data: Uint8Array): void {
    if (!this.sessions.has(session)) return;
    this.lastActivity = Date.now();
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.reject(session, 'messageTooLarge', 'message');
      return;
    }
    if (!session.takeMessageToken()) {
      this.reject(session, 'tooManyMessages', 'rate');
      return;
    }
    const message = decodeMessage(data);
    switch (message.kind) {
      case 'sync-step1':
        this.hooks.flushNow();
        try {
          this.send(session, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        } catch {
          this.reject(session, 'malformed', 'state vector');
        }
        return;
      case 'sync-update':
        if (!session.canWrite) return; // A viewer's document changes are dropped; its cursor is not.
        this.applyUpdate(session, message.update);
        return;
      case 'awareness':
        this.applyAwareness(session, message.update);
        return;
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()];
        this.send(session, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
      case 'auth':
        return;
      case 'malformed':
        this.reject(session, 'malformed', message.reason);
        return;
    }
  }

  /** Called by the persist queue once `update` is durable. */
  deliver(update: Uint8Array, sender: RoomSession | null): void {
    const message = encodeUpdate(update);
    for (const session of this.sessions) if (session !== sender) this.send(session, message);
  }

  /** Rebuilds the document from storage plus what is still queued: drops a refused update. */
  rollback(): void {
    const stored = this.hooks.loadStored(this.id);
    for (const d of this.unobserve.splice(0)) d();
    this.doc.destroy();
    this.doc = docFromStorage({
      ...stored,
      updates: [...stored.updates, ...this.hooks.pendingUpdates(this)],
    });
    this.byteSize = stored.byteSize + this.hooks.pendingUpdates(this).reduce((n, u) => n + u.byteLength, 0);
    this.observeDoc();
  }

  closeAll(code: CloseCodeName): void {
    for (const session of [...this.sessions]) this.close(session, code);
  }

  destroy(): void {
    for (const d of this.unobserve.splice(0)) d();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private applyUpdate(session: RoomSession, update: Uint8Array): void {
    if (this.byteSize + update.byteLength > this.limits.maxDocBytes) {
      this.reject(session, 'documentTooLarge', `${this.byteSize} bytes stored`);
      return;
    }
    const rootsBefore = this.doc.share.size;
    const before = Y.encodeStateVector(this.doc);
    this.capture = { changes: [], metaTouched: false };
    let problem: string | null = null;
    try {
      Y.applyUpdate(this.doc, update, session);
    } catch (error) {
      problem = `unreadable update: ${error instanceof Error ? error.message : String(error)}`;
    }
    const capture = this.capture;
    this.capture = null;
    // Yjs parks an update whose dependencies it lacks inside the document, where it would sit
    // unstored and be integrated (and relayed) later as part of someone else's update. A client
    // that sends one is out of step with the room: refuse it, and it resyncs on reconnect.
    if (!problem && (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null))
      problem = 'out of step: depends on changes the server does not have';
    if (!problem && this.doc.share.size !== rootsBefore) problem = 'update writes outside the entries array';
    if (!problem && capture.metaTouched) problem = 'clients may not change the document schema';
    if (!problem) {
      for (const changes of capture.changes) {
        if (changes.removed.has('document:document')) problem = 'the document record cannot be removed';
        if (changes.malformed > 0) problem = `${changes.malformed} malformed entries`;
        const bad = problem ? null : validateTouched(this.schema, this.index, changes);
        if (bad) problem = `invalid record ${bad.id}: ${bad.reason}`;
        if (problem) break;
      }
    }
    if (problem) {
      this.rollback();
      const code = problem.startsWith('unreadable')
        ? 'malformed'
        : problem.startsWith('out of step')
          ? 'outOfStep'
          : 'invalidRecord';
      this.reject(session, code, problem);
      return;
    }
    if (uint8Equal(before, Y.encodeStateVector(this.doc)) && capture.changes.length === 0) {
      return; // Nothing new: a duplicate the document already holds.
    }
    this.byteSize += update.byteLength;
    this.hooks.persist(this, update, session);
  }

  private applyAwareness(session: RoomSession, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, session);
    } catch {
      this.reject(session, 'malformed', 'awareness update');
      return;
    }
    if (session.awarenessIds.size > MAX_AWARENESS_IDS_PER_SESSION) {
      this.reject(session, 'malformed', 'too many awareness ids');
    }
  }

  private observeDoc(): void {
    this.index = recordIndex(this.doc);
    const meta = this.doc.getMap(DOC_META_MAP);
    const offRecords = this.index.onChange((changes) => {
      this.capture?.changes.push(changes);
    });
    const onMeta = (_events: unknown, txn: Y.Transaction) => {
      if (this.capture && this.sessionOf(txn.origin)) this.capture.metaTouched = true;
    };
    meta.observeDeep(onMeta);
    this.unobserve.push(offRecords, () => meta.unobserveDeep(onMeta));
  }

  private sessionOf(origin: unknown): RoomSession | undefined {
    for (const s of this.sessions) if (s === origin) return s;
    return undefined;
  }

  private send(session: RoomSession, data: Uint8Array): void {
    if (session.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(session, 'tooManyMessages');
      return;
    }
    session.socket.send(data);
  }

  private reject(session: RoomSession, code: CloseCodeName, detail: string): void {
    this.hooks.onRejected(this, session, code, detail);
    this.close(session, code);
  }

  private close(session: RoomSession, code: CloseCodeName): void {
    const entry = CLOSE_CODES[code];
    session.socket.close(entry.code, entry.reason);
    this.leave(session);
  }
}

function uint8Equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
