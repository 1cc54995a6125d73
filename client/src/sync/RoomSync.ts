/**
 * The document side of a room, without tldraw: the Y.Doc, its local copy in IndexedDB and the
 * y-websocket provider (token as subprotocol), reporting into the room store. It can start while
 * tldraw is still on its way (sync/roomStart.ts), so the socket is open and the document in by
 * the time the canvas can be drawn; RoomConnection binds a tldraw store to it.
 */

import {
  CLOSE_CODES,
  closeCodeByNumber,
  PARTNER_PREFIX,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
} from '@patroonkaart/protocol';
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { entriesArray, recordIndex } from '@patroonkaart/tldraw-yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { useRoomStore } from '../state/roomStore.ts';
import { syncServerClock } from './serverClock.ts';

export interface RoomSyncOptions {
  roomId: string;
  token: string;
  /** My partner secret: the server derives my author key from it (answers and votes). */
  partnerSecret: string;
  /** Base URL of the sync endpoint; defaults to this page's host. */
  syncUrl?: string;
}

/** What a RoomConnection follows: the socket's state, the server's document, a local copy with a map. */
export type RoomSyncEvent = 'status' | 'synced' | 'localMap';

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

export class RoomSync {
  readonly doc = new Y.Doc();
  readonly roomId: string;
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  /** The socket is open. */
  connected = false;
  /** The server's document has arrived at least once. */
  synced = false;
  /** The local copy holds a map: it can be shown before the server answers. */
  localMap = false;
  disposed = false;
  private everConnected = false;
  /** When the server last refused this screen's changes (4409), for resetLocalCopy. */
  private refusedAt: number[] = [];
  private readonly listeners = new Set<(event: RoomSyncEvent) => void>();

  /** A new room session: the room store starts afresh. */
  constructor(options: RoomSyncOptions) {
    this.roomId = options.roomId;
    useRoomStore.getState().reset();
    const patch = useRoomStore.getState().patch;
    if (takeLocalCopyReset(options.roomId)) patch({ localCopyReset: true });
    // The document's index is made here, first, with the cards' text fields (packages/schema): every
    // reader of this doc (the binding, the conversation, the outcome) shares it.
    recordIndex(this.doc, TEXT_FIELDS);
    this.local = new IndexeddbPersistence(`patroonkaart-${options.roomId}`, this.doc);
    this.local.whenSynced.then(() => {
      if (this.disposed) return;
      patch({ localLoaded: true });
      // A local copy exists: show it at once, before the server answers.
      if (entriesArray(this.doc).length > 0) {
        this.localMap = true;
        this.emit('localMap');
      }
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
      this.connected = status === 'connected';
      if (status === 'connected') this.everConnected = true;
      // After the first connection, any gap is "offline" to the partner, retrying or not.
      patch({ status: status === 'connected' ? 'online' : this.everConnected ? 'offline' : 'connecting' });
      this.emit('status');
    });
    this.provider.on('sync', (synced) => {
      if (!synced) return;
      this.synced = true;
      patch({ synced: true, transientCloseCode: null });
      this.emit('synced');
    });
    addEventListener('offline', this.onNetworkChange);
    addEventListener('online', this.onNetworkChange);
    this.provider.on('connection-close', (event) => {
      if (!event) return;
      const entry = closeCodeByNumber(event.code);
      if (event.code === CLOSE_CODES.invalidRecord.code) this.onRefused();
      if (entry && !entry.retry) patch({ fatalCloseCode: entry.code, status: 'offline' });
      else if (entry && !entry.silent) patch({ transientCloseCode: entry.code });
    });
  }

  /** Follows the session's events; returns the way to stop. */
  subscribe(listener: (event: RoomSyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    removeEventListener('offline', this.onNetworkChange);
    removeEventListener('online', this.onNetworkChange);
    this.listeners.clear();
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }

  /**
   * The browser knows sooner than the socket that the network went or came back. Left alone,
   * y-websocket notices a dead network only after 30 s without a message (a socket closed while
   * the network is down may never report its close), and retries only when its backoff (up to
   * 5 s) runs out. So the socket is dropped and opened afresh on both events: the partner sees
   * "Offline" at once and keeps drawing into the local copy, and is back the moment the network is.
   * A server that said not to come back (a fatal close) keeps its word: shouldConnect stays off.
   */
  private readonly onNetworkChange = (event: Event): void => {
    if (this.disposed || !this.provider.shouldConnect) return;
    if (event.type === 'online' && this.provider.wsconnected) return;
    this.provider.disconnect();
    this.provider.connect();
  };

  private emit(event: RoomSyncEvent): void {
    for (const listener of this.listeners) listener(event);
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
}
