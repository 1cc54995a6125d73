/**
 * Everything that ties one browser tab to one room: the document side (RoomSync: the Y.Doc, its
 * local copy in IndexedDB, the y-websocket provider), the tldraw store bound to it, and presence.
 * React only creates and disposes it; the connection reports into the room store.
 */

import { CONVERSATION_TYPES } from '@patroonkaart/model';
import { PRESENCE_LIMITS } from '@patroonkaart/protocol';
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import { PresenceBinding, type PresenceUser, YjsStoreBinding } from '@patroonkaart/tldraw-yjs';
import { atom, createTLStore, type TLStore } from 'tldraw';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { useRoomStore } from '../state/roomStore.ts';
import type { RoomSync } from './RoomSync.ts';

export interface RoomConnectionOptions {
  /** The room's document side: started before tldraw arrived (sync/roomStart.ts), or just now. */
  sync: RoomSync;
  user: PresenceUser;
}

export class RoomConnection {
  readonly sync: RoomSync;
  readonly doc: Y.Doc;
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
  /** Records changed here while offline; the server has them once the sync after reconnecting is done. */
  private readonly offlineEdits = new Set<string>();
  private readonly stopFollowing: () => void;
  private readonly onPageHide = () => this.binding?.flush();

  constructor(options: RoomConnectionOptions) {
    this.user = options.user;
    const sync = options.sync;
    this.sync = sync;
    this.doc = sync.doc;
    this.roomId = sync.roomId;
    this.provider = sync.provider;
    this.local = sync.local;
    this.store = createTLStore({
      schema: createPatroonkaartSchema(),
      collaboration: { status: this.status, mode: this.mode },
    });
    this.status.set(sync.connected ? 'online' : 'offline');
    this.stopFollowing = sync.subscribe((event) => {
      if (event === 'status') this.status.set(sync.connected ? 'online' : 'offline');
      if (event === 'synced') this.offlineEdits.clear();
      if (event === 'synced' || event === 'localMap') this.startBinding();
    });
    // What arrived before this connection was made: the server's document, or a local copy's map.
    if (sync.synced || sync.localMap) this.startBinding();
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
    removeEventListener('pagehide', this.onPageHide);
    if (this.pendingTimer) clearInterval(this.pendingTimer);
    this.stopFollowing();
    this.presence?.dispose();
    this.binding?.dispose();
    this.sync.dispose();
  }

  private startBinding(): void {
    if (this.binding || this.sync.disposed) return;
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

  /** Local edits the server has not had yet: not yet written, or written while offline. */
  private reportPending(): void {
    // Both count records and mostly the same ones (an offline edit is dirty until written).
    const pending = Math.max(this.binding?.pendingCount ?? 0, this.offlineEdits.size);
    if (useRoomStore.getState().pendingChanges !== pending)
      useRoomStore.getState().patch({ pendingChanges: pending });
  }
}
