/**
 * Durable before broadcast, batched per tick: accepted updates of every room wait here until the
 * end of the current event-loop turn, are written to storage in one transaction, and only then
 * relayed to the other peers. A failed write (a full disk) relays nothing: each affected room
 * is rolled back and its writers are told to resend, so no peer ever sees an update that is not
 * stored.
 */

import * as Y from 'yjs';
import type { Metrics } from '../metrics.ts';
import type { Storage } from '../storage/Storage.ts';
import type { Room } from './Room.ts';
import type { RoomSession } from './RoomSession.ts';

interface Pending {
  room: Room;
  update: Uint8Array;
  sender: RoomSession | null;
}

export class PersistQueue {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly storage: Storage;
  private readonly metrics: Metrics;
  private readonly onFailure: (rooms: Set<Room>, writers: Set<RoomSession>, error: unknown) => void;
  private readonly onWritten: (room: Room, lastSeq: number, count: number) => void;

  constructor(
    storage: Storage,
    metrics: Metrics,
    onWritten: (room: Room, lastSeq: number, count: number) => void,
    onFailure: (rooms: Set<Room>, writers: Set<RoomSession>, error: unknown) => void,
  ) {
    this.storage = storage;
    this.metrics = metrics;
    this.onWritten = onWritten;
    this.onFailure = onFailure;
  }

  get size(): number {
    return this.queue.length;
  }

  push(room: Room, update: Uint8Array, sender: RoomSession | null): void {
    this.queue.push({ room, update, sender });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  pendingFor(room: Room): Uint8Array[] {
    return this.queue.filter((p) => p.room === room).map((p) => p.update);
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const byRoom = new Map<Room, Uint8Array[]>();
    for (const p of batch) {
      const list = byRoom.get(p.room) ?? [];
      if (list.length === 0) byRoom.set(p.room, list);
      list.push(p.update);
    }
    const started = performance.now();
    let seqs: Map<string, number>;
    try {
      seqs = this.storage.appendUpdates(
        [...byRoom].map(([room, updates]) => ({ roomId: room.id, updates })),
        Date.now(),
      );
    } catch (error) {
      this.metrics.persistFailures++;
      const writers = new Set(batch.map((p) => p.sender).filter((s): s is RoomSession => s !== null));
      this.onFailure(new Set(byRoom.keys()), writers, error);
      return;
    }
    this.metrics.observePersist(performance.now() - started, batch.length);
    for (const [room, updates] of byRoom)
      this.onWritten(room, seqs.get(room.id) ?? room.lastSeq, updates.length);
    // One relayed message per room and tick: receivers apply one update instead of many. Senders
    // get their own changes back only when several peers wrote in the same tick (Yjs ignores them).
    for (const [room, updates] of byRoom) {
      const senders = new Set(batch.filter((p) => p.room === room).map((p) => p.sender));
      const only = senders.size === 1 ? [...senders][0]! : null;
      room.deliver(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), only);
    }
  }
}
