/**
 * Durable before broadcast, batched per tick: accepted updates of every room wait here until the
 * end of the current event-loop turn and are written to storage together (one row per room).
 * Rooms that received client updates this turn are asked first to admit them (`endTurn`), so a
 * room checks a turn's updates together rather than one by one. Each room is then told, once:
 * `written` (it relays), `writeFailed` (nothing stored, a full disk: it relays nothing, rolls
 * itself back and tells its writers to resend) or `syncFailed` (stored, but the disk did not
 * confirm it: nothing relayed, its peers resync), so no peer ever sees an update that is not
 * durable. With a storage that writes off the event loop (`asyncAppend`: SQLite's writer thread,
 * which also syncs the disk, or PostgreSQL's worker) a turn's batch is handed over and relayed
 * once the storage answers that it is durable, and the event loop never waits for the disk on an
 * edit. PostgreSQL takes one write at a time: the turns admitted meanwhile, of every room, go in
 * the next. SQLite's writer is pipelined: each turn is handed over as it ends, and the writer
 * commits whatever waits for it together, one transaction and one sync for all of it (a group
 * commit: one sync covers every turn handed over before it began). `whenStored` tells when
 * everything accepted so far is durable (a newcomer's answer waits for it); `flush` makes it
 * durable and relayed before it returns, waiting for the storage on the event loop (only for a
 * stop, a room's unloading and a big room's stored answer). The queue knows rooms only as that
 * interface.
 */

import type { Metrics } from '../../metrics.ts';
import type { AsyncAppend, Storage } from '../../storage/Storage.ts';
import type { RoomSession } from '../session/RoomSession.ts';
import { RelayBatch, type RelayTarget } from './RelayBatch.ts';
import { durableRows, rowsOf, type TurnUpdate, writersOf } from './turnRows.ts';

/** What a room offers the queue. */
export interface WriteTarget extends RelayTarget {
  readonly id: string;
  /** The turn is ending: admit what clients sent this turn (accepted updates are pushed here). */
  endTurn(): void;
  /** The batch was not stored: nothing of it may be relayed. `writers` sent some of it. */
  writeFailed(writers: ReadonlySet<RoomSession>): void;
  /**
   * The batch is stored but the disk did not confirm it: nothing of it was relayed, and the
   * room's peers resync from what storage holds.
   */
  syncFailed(): void;
}

interface Pending extends TurnUpdate {
  room: WriteTarget;
}

interface RoomWrite {
  room: WriteTarget;
  pending: Pending[];
  rows: Uint8Array[];
}

export class PersistQueue {
  private queue: Pending[] = [];
  /**
   * Handed over to an `asyncAppend` and not yet answered, oldest first: one batch at a time, or,
   * to a pipelined storage (SQLite's writer thread), each turn's as it ends.
   */
  private inFlight: Pending[][] = [];
  /** Rooms with client updates still to admit before this turn's write. */
  private readonly admitting = new Set<WriteTarget>();
  private scheduled = false;
  /** Durable rows on their way out: one message per room for what one answer makes durable. */
  private readonly relays: RelayBatch;
  private readonly storage: Storage;
  private readonly metrics: Metrics;
  private readonly onFailure: (roomIds: string[], error: unknown) => void;
  /** `whenStored` calls waiting for these updates to be answered for; `lost` once one was not stored. */
  private waiters: { pending: Set<Pending>; lost: boolean; done: (stored: boolean) => void }[] = [];

  /** `onFailure` only reports (a log line); the rooms handle the failure themselves. */
  constructor(storage: Storage, metrics: Metrics, onFailure: (roomIds: string[], error: unknown) => void) {
    this.storage = storage;
    this.metrics = metrics;
    this.onFailure = onFailure;
    this.relays = new RelayBatch((ms) => metrics.observeRelay(ms));
  }

  get size(): number {
    return this.queue.length;
  }

  /**
   * An accepted update, written at the end of the turn. `parts`: the sizes of the client updates
   * it merges (one, unless a room admitted a turn's updates together).
   */
  push(
    room: WriteTarget,
    update: Uint8Array,
    sender: RoomSession | null,
    parts: readonly number[] = [update.byteLength],
  ): void {
    this.queue.push({ room, update, sender, count: parts.length, at: performance.now() });
    for (const bytes of parts) this.metrics.updateAccepted(bytes);
    this.schedule();
  }

  /** `room` received client updates: it admits them at the end of this turn, before the write. */
  admitAtTurnEnd(room: WriteTarget): void {
    this.admitting.add(room);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commit());
  }

  /** Accepted updates of the room not yet stored (queued, or handed over and unanswered). */
  pendingFor(room: WriteTarget): Uint8Array[] {
    return [...this.inFlight.flat(), ...this.queue].filter((p) => p.room === room).map((p) => p.update);
  }

  /** Writes, makes durable and relays everything accepted so far, before returning. */
  flush(): void {
    this.commit();
    const asyncAppend = this.storage.asyncAppend;
    if (asyncAppend) {
      // Waits for the writes handed over (their answers come in `settle`), then hands over the rest.
      while (this.inFlight.length > 0) {
        asyncAppend.settle();
        this.commit();
      }
    }
    this.relays.drain();
  }

  /**
   * Resolves once everything accepted so far is durable (true), or once any of it turned out not
   * to be stored (false: its rooms have rolled back). Ends the turn's admission now, as `flush`,
   * but never waits for the storage on the event loop.
   */
  whenStored(): Promise<boolean> {
    this.commit();
    const pending = new Set([...this.inFlight.flat(), ...this.queue]);
    if (pending.size === 0) return Promise.resolve(true);
    return new Promise((done) => this.waiters.push({ pending, lost: false, done }));
  }

  /** The storage answered for these updates: stored, or not. */
  private answered(pending: Iterable<Pending>, stored: boolean): void {
    if (this.waiters.length === 0) return;
    for (const p of pending)
      for (const waiter of this.waiters) {
        if (!waiter.pending.delete(p)) continue;
        if (!stored) waiter.lost = true;
      }
    const done = this.waiters.filter((w) => w.pending.size === 0);
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.pending.size > 0);
    for (const waiter of done) waiter.done(!waiter.lost);
  }

  /** The end of the turn: rooms admit what they received; written now, relayed once durable. */
  private commit(): void {
    this.scheduled = false;
    if (this.admitting.size > 0) {
      const rooms = [...this.admitting];
      this.admitting.clear();
      for (const room of rooms) {
        const admitting = performance.now();
        room.endTurn();
        this.metrics.observeAdmission(performance.now() - admitting);
      }
    }
    if (this.queue.length === 0) return;
    const asyncAppend = this.storage.asyncAppend;
    if (asyncAppend) {
      // One write at a time, the turns admitted meanwhile together in the next one; a pipelined
      // storage takes each turn at once and groups what waits for it itself.
      if (asyncAppend.pipelined || this.inFlight.length === 0) this.handOver(asyncAppend);
      return;
    }
    const { byRoom, writes, updates } = this.take();
    const started = performance.now();
    let seqs: Map<string, number>;
    try {
      seqs = this.storage.appendUpdates(
        writes.map((w) => ({ roomId: w.room.id, updates: w.rows })),
        Date.now(),
      );
    } catch (error) {
      this.failed(byRoom.keys(), error);
      for (const [room, pending] of byRoom) room.writeFailed(writersOf(pending));
      return;
    }
    this.metrics.observePersist(performance.now() - started, updates);
    for (const w of writes)
      for (const row of durableRows(w.pending, w.rows, seqs.get(w.room.id) ?? 0))
        this.relays.add(w.room, row);
    this.relays.drain();
  }

  /** The queue's updates, grouped by room: one row per room and turn (merged), and the same bytes relayed. */
  private take(): {
    batch: Pending[];
    byRoom: Map<WriteTarget, Pending[]>;
    writes: RoomWrite[];
    updates: number;
  } {
    const batch = this.queue;
    this.queue = [];
    const byRoom = new Map<WriteTarget, Pending[]>();
    for (const p of batch) {
      const list = byRoom.get(p.room) ?? [];
      if (list.length === 0) byRoom.set(p.room, list);
      list.push(p);
    }
    const writes = [...byRoom].map(([room, pending]) => ({ room, pending, rows: rowsOf(pending) }));
    return { batch, byRoom, writes, updates: batch.reduce((n, p) => n + p.count, 0) };
  }

  /**
   * The queue's updates go to a storage that writes off the event loop (SQLite's writer thread,
   * PostgreSQL): relayed once it answers that they are durable. If they were stored but the disk
   * did not confirm it, nothing is relayed and the rooms' peers resync from storage. If nothing of
   * them was stored: `nothingStored`.
   */
  private handOver(asyncAppend: AsyncAppend): void {
    const { batch, byRoom, writes, updates } = this.take();
    this.inFlight.push(batch);
    const started = performance.now();
    const batches = writes.map((w) => ({ roomId: w.room.id, updates: w.rows }));
    asyncAppend.append(batches, Date.now(), (error, seqs) => {
      // Handed over after a write that stored nothing: it failed with that one (nothingStored).
      if (!this.inFlight.includes(batch)) return;
      this.inFlight = this.inFlight.filter((b) => b !== batch);
      if (error && seqs) {
        this.failed(byRoom.keys(), error);
        for (const room of byRoom.keys()) room.syncFailed();
        this.answered(batch, false);
      } else if (error || !seqs) {
        this.nothingStored(asyncAppend, byRoom, error);
      } else {
        this.metrics.observePersist(performance.now() - started, updates);
        for (const w of writes)
          for (const row of durableRows(w.pending, w.rows, seqs.get(w.room.id) ?? 0))
            this.relays.add(w.room, row);
        this.answered(batch, true);
      }
      if (this.queue.length > 0 || this.admitting.size > 0) this.schedule();
    });
  }

  /**
   * A write stored nothing. Its rooms' updates admitted since were built on it: dropped too, and
   * so is every write handed over after it (a pipelined storage refuses those until `recovered`,
   * so none of them is stored either). Every room involved rolls back to what storage holds and
   * closes every writer involved (4507), who resend.
   */
  private nothingStored(asyncAppend: AsyncAppend, byRoom: Map<WriteTarget, Pending[]>, error: unknown): void {
    const lost = [...byRoom.values()].flat();
    for (const later of this.inFlight.splice(0)) lost.push(...later);
    const rooms = new Set(lost.map((p) => p.room));
    lost.push(...this.queue.filter((p) => rooms.has(p.room)));
    this.queue = this.queue.filter((p) => !rooms.has(p.room));
    this.failed(rooms, error);
    for (const room of rooms) room.writeFailed(writersOf(lost.filter((p) => p.room === room)));
    this.answered(lost, false);
    asyncAppend.recovered?.();
  }

  private failed(rooms: Iterable<WriteTarget>, error: unknown): void {
    this.metrics.persistFailed();
    this.onFailure(
      [...rooms].map((r) => r.id),
      error,
    );
  }
}
