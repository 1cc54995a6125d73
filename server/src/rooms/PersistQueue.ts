/**
 * Durable before broadcast, batched per tick: accepted updates of every room wait here until the
 * end of the current event-loop turn and are written to storage in one transaction (one sync for
 * all rooms). Each room is then told, once: `written` (it relays), or `writeFailed` (a full disk:
 * it relays nothing, rolls itself back and tells its writers to resend), so no peer ever sees an
 * update that is not stored. With a storage whose commits reach the disk later (`durability`,
 * SQLite's WalSync) `written` waits for that, while the server goes on admitting the next turn's
 * updates; `flush` makes everything durable and relayed before it returns. The queue knows rooms
 * only as that interface.
 */

import * as Y from 'yjs';
import type { Metrics } from '../metrics.ts';
import type { Storage } from '../storage/Storage.ts';
import type { RoomSession } from './RoomSession.ts';

/** What a room offers the queue. */
export interface WriteTarget {
  readonly id: string;
  /** The batch is durable: `update` is its updates merged, `lastSeq` the log's new end. */
  written(update: Uint8Array, count: number, lastSeq: number, onlySender: RoomSession | null): void;
  /** The batch was not stored: nothing of it may be relayed. `writers` sent some of it. */
  writeFailed(writers: ReadonlySet<RoomSession>): void;
  /**
   * The batch is stored but the disk did not confirm it: nothing of it was relayed, and the
   * room's peers resync from what storage holds.
   */
  syncFailed(): void;
}

interface Pending {
  room: WriteTarget;
  update: Uint8Array;
  sender: RoomSession | null;
  /** performance.now() when it was accepted, for the relay-latency histogram. */
  at: number;
}

export class PersistQueue {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly storage: Storage;
  private readonly metrics: Metrics;
  private readonly onFailure: (roomIds: string[], error: unknown) => void;

  /** `onFailure` only reports (a log line); the rooms handle the failure themselves. */
  constructor(storage: Storage, metrics: Metrics, onFailure: (roomIds: string[], error: unknown) => void) {
    this.storage = storage;
    this.metrics = metrics;
    this.onFailure = onFailure;
  }

  get size(): number {
    return this.queue.length;
  }

  push(room: WriteTarget, update: Uint8Array, sender: RoomSession | null): void {
    this.queue.push({ room, update, sender, at: performance.now() });
    this.metrics.updateAccepted(update.byteLength);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.commit());
    }
  }

  pendingFor(room: WriteTarget): Uint8Array[] {
    return this.queue.filter((p) => p.room === room).map((p) => p.update);
  }

  /** Writes, makes durable and relays everything accepted so far, before returning. */
  flush(): void {
    this.commit();
    this.storage.durability?.syncNow();
  }

  /** The end-of-turn write: stored now, relayed once durable. */
  private commit(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const byRoom = new Map<WriteTarget, Pending[]>();
    for (const p of batch) {
      const list = byRoom.get(p.room) ?? [];
      if (list.length === 0) byRoom.set(p.room, list);
      list.push(p);
    }
    const started = performance.now();
    let seqs: Map<string, number>;
    try {
      seqs = this.storage.appendUpdates(
        [...byRoom].map(([room, pending]) => ({ roomId: room.id, updates: pending.map((p) => p.update) })),
        Date.now(),
      );
    } catch (error) {
      this.metrics.persistFailed();
      this.onFailure(
        [...byRoom.keys()].map((r) => r.id),
        error,
      );
      for (const [room, pending] of byRoom)
        room.writeFailed(new Set(pending.map((p) => p.sender).filter((s): s is RoomSession => s !== null)));
      return;
    }
    const relay = (error: Error | null) => {
      if (error) {
        this.metrics.persistFailed();
        this.onFailure(
          [...byRoom.keys()].map((r) => r.id),
          error,
        );
        for (const room of byRoom.keys()) room.syncFailed();
        return;
      }
      this.metrics.observePersist(performance.now() - started, batch.length);
      this.relay(byRoom, seqs);
      const relayed = performance.now();
      for (const p of batch) this.metrics.observeRelay(relayed - p.at);
    };
    if (this.storage.durability) this.storage.durability.whenDurable(relay);
    else relay(null);
  }

  /**
   * One relayed message per room and tick: receivers apply one update instead of many. Senders
   * get their own changes back only when several peers wrote in the same tick (Yjs ignores them).
   */
  private relay(byRoom: Map<WriteTarget, Pending[]>, seqs: Map<string, number>): void {
    for (const [room, pending] of byRoom) {
      const senders = new Set(pending.map((p) => p.sender));
      const only = senders.size === 1 ? [...senders][0]! : null;
      const update = pending.length === 1 ? pending[0]!.update : Y.mergeUpdates(pending.map((p) => p.update));
      room.written(update, pending.length, seqs.get(room.id) ?? 0, only);
    }
  }
}
