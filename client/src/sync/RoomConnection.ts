/**
 * Everything that ties one browser tab to one room: the Y.Doc, its local copy in IndexedDB, the
 * y-websocket provider (token as subprotocol), the store binding and presence. React only
 * creates and disposes it; the connection reports into the room store.
 */

import { CONVERSATION_TYPES } from '@patroonkaart/model';
import {
  CLOSE_CODES,
  closeCodeByNumber,
  PARTNER_PREFIX,
  PRESENCE_LIMITS,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
} from '@patroonkaart/protocol';
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import {
  entriesArray,
  PresenceBinding,
  type PresenceUser,
  recordIndex,
  YjsStoreBinding,
} from '@patroonkaart/tldraw-yjs';
import { atom, createTLStore, type TLStore } from 'tldraw';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { useRoomStore } from '../state/roomStore.ts';
import { syncServerClock } from './serverClock.ts';

export interface RoomConnectionOptions {
  roomId: string;
  token: string;
  user: PresenceUser;
  /** My partner secret: the server derives my author key from it (answers and votes). */
  partnerSecret: string;
  /** Base URL of the sync endpoint; defaults to this page's host. */
  syncUrl?: string;
}

const REFUSALS_BEFORE_RESET = 3;
const REFUSAL_WINDOW_MS = 120_000;
const resetKey = (roomId: string) => `patroonkaart-reset-${roomId}`;

function markLocalCopyReset(roomId: string): void {
  try {
    sessionStorage.setItem(resetKey(roomId), '1');
  } catch {
    // Storage refused (private mode): the reload happens without the notice.
  }
}

/** Whether this page load follows a reset of the local copy (read once, then forgotten). */
export function takeLocalCopyReset(roomId: string): boolean {
  try {
    const was = sessionStorage.getItem(resetKey(roomId)) === '1';
    sessionStorage.removeItem(resetKey(roomId));
    return was;
  } catch {
    return false;
  }
}

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly roomId: string;
  readonly store: TLStore;
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  binding: YjsStoreBinding<never> | null = null;
  presence: PresenceBinding<never> | null = null;
  private readonly status = atom<'offline' | 'online'>('connection status', 'offline');
  private readonly mode = atom<'readonly' | 'readwrite'>('collaboration mode', 'readwrite');
  private readonly user: PresenceUser;
  private pendingTimer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;
  /** Records changed here while offline; the server has them once the sync after reconnecting is done. */
  private readonly offlineEdits = new Set<string>();
  private everConnected = false;
  /** When the server last refused this screen's changes (4409), for resetLocalCopy. */
  private refusedAt: number[] = [];
  private readonly onPageHide = () => this.binding?.flush();

  constructor(options: RoomConnectionOptions) {
    this.user = options.user;
    this.roomId = options.roomId;
    const patch = useRoomStore.getState().patch;
    if (takeLocalCopyReset(options.roomId)) patch({ localCopyReset: true });
    // The document's index is made here, first, with the cards' text fields (packages/schema): every
    // reader of this doc (the binding, the conversation, the outcome) shares it.
    recordIndex(this.doc, TEXT_FIELDS);
    this.store = createTLStore({
      schema: createPatroonkaartSchema(),
      collaboration: { status: this.status, mode: this.mode },
    });
    this.local = new IndexeddbPersistence(`patroonkaart-${options.roomId}`, this.doc);
    this.local.whenSynced.then(() => {
      if (this.disposed) return;
      patch({ localLoaded: true });
      // A local copy exists: show it at once, before the server answers.
      if (entriesArray(this.doc).length > 0) this.startBinding();
    });
    const base =
      options.syncUrl ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`;
    this.provider = new WebsocketProvider(base, options.roomId, this.doc, {
      protocols: [
        SYNC_SUBPROTOCOL,
        `${TOKEN_PREFIX}${options.token}`,
        `${PARTNER_PREFIX}${options.partnerSecret}`,
      ],
      maxBackoffTime: 5000,
      // Every tab has its own socket; a shared BroadcastChannel would let one tab's edits reach the
      // server through another tab (a viewer's, whose updates are dropped) out of order.
      disableBc: true,
      shouldReconnect: (event) => closeCodeByNumber(event.code)?.retry ?? true,
    });
    void syncServerClock();
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') void syncServerClock();
      this.status.set(status === 'connected' ? 'online' : 'offline');
      if (status === 'connected') this.everConnected = true;
      // After the first connection, any gap is "offline" to the partner, retrying or not.
      patch({ status: status === 'connected' ? 'online' : this.everConnected ? 'offline' : 'connecting' });
    });
    this.provider.on('sync', (synced) => {
      if (!synced) return;
      this.offlineEdits.clear();
      patch({ synced: true, transientCloseCode: null });
      this.startBinding();
    });
    this.provider.on('connection-close', (event) => {
      if (!event) return;
      const entry = closeCodeByNumber(event.code);
      if (event.code === CLOSE_CODES.invalidRecord.code) this.onRefused();
      if (entry && !entry.retry) patch({ fatalCloseCode: entry.code, status: 'offline' });
      else if (entry && !entry.silent) patch({ transientCloseCode: entry.code });
    });
    // Counted per card, not per keystroke: one typed phrase is one waiting change, not nineteen.
    this.store.listen(
      ({ changes }) => {
        if (this.provider.wsconnected && this.provider.synced) return;
        for (const id of [
          ...Object.keys(changes.added),
          ...Object.keys(changes.updated),
          ...Object.keys(changes.removed),
        ])
          this.offlineEdits.add(id);
      },
      { source: 'user', scope: 'document' },
    );
    this.pendingTimer = setInterval(() => this.reportPending(), 500);
    addEventListener('pagehide', this.onPageHide);
  }

  setReadOnly(readOnly: boolean): void {
    this.mode.set(readOnly ? 'readonly' : 'readwrite');
  }

  setUser(user: PresenceUser): void {
    this.presence?.setUser(user);
  }

  dispose(): void {
    this.disposed = true;
    removeEventListener('pagehide', this.onPageHide);
    if (this.pendingTimer) clearInterval(this.pendingTimer);
    this.presence?.dispose();
    this.binding?.dispose();
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }

  private startBinding(): void {
    if (this.binding || this.disposed) return;
    const patch = useRoomStore.getState().patch;
    const store = this.store as unknown as ConstructorParameters<typeof YjsStoreBinding<never>>[0]['store'];
    this.binding = new YjsStoreBinding({
      store,
      doc: this.doc,
      textFields: TEXT_FIELDS,
      foreignTypes: CONVERSATION_TYPES,
      onInvalidRecord: (report) => {
        console.warn('Patroonkaart: skipped an invalid record from the document', report);
        patch({ invalidRecords: useRoomStore.getState().invalidRecords + 1 });
      },
      onSchemaMismatch: () => {
        patch({ schemaOutdated: true });
        this.setReadOnly(true);
      },
    });
    if (!this.binding.isWritable) {
      patch({ schemaOutdated: true });
      this.setReadOnly(true);
    }
    this.presence = new PresenceBinding({
      store,
      awareness: this.provider.awareness,
      user: this.user,
      maxUpdatesPerSecond: PRESENCE_LIMITS.cursorUpdatesPerSecond,
    });
    patch({ ready: true });
  }

  /**
   * A change the server refuses stays in this screen's document and in its local copy, and goes
   * out again on every reconnect (an offline edit of a step that was deleted, say, after the server
   * restarted and forgot the deletion). Refused three times within two minutes, the screen stops
   * trying: it drops its local copy and loads the map as the server has it, and says so.
   */
  private onRefused(): void {
    const now = Date.now();
    this.refusedAt = [...this.refusedAt.filter((t) => now - t < REFUSAL_WINDOW_MS), now];
    if (this.refusedAt.length < REFUSALS_BEFORE_RESET || this.disposed) return;
    this.disposed = true;
    this.provider.disconnect();
    markLocalCopyReset(this.roomId);
    void this.local.clearData().finally(() => location.reload());
  }

  /** Local edits the server has not had yet: not yet written, or written while offline. */
  private reportPending(): void {
    // Both count records and mostly the same ones (an offline edit is dirty until written).
    const pending = Math.max(this.binding?.pendingCount ?? 0, this.offlineEdits.size);
    if (useRoomStore.getState().pendingChanges !== pending)
      useRoomStore.getState().patch({ pendingChanges: pending });
  }
}
