/**
 * Durable before broadcast, batched per tick: accepted updates of every room wait here until the
 * end of the current event-loop turn and are written to storage in one transaction (one sync for
 * all rooms). Rooms that received client updates this turn are asked first to admit them
 * (`endTurn`), so a room checks a turn's updates together rather than one by one. Each room is
 * then told, once: `written` (it relays), or `writeFailed` (a full disk:
 * it relays nothing, rolls itself back and tells its writers to resend), so no peer ever sees an
 * update that is not stored. With a storage whose commits reach the disk later (`durability`,
 * SQLite's WalSync) a quiet turn is synced before it ends; after a busy one `written` waits for the
 * disk while the server goes on admitting the next turn's updates. With a storage that writes
 * off the event loop (`asyncAppend`, PostgreSQL) a turn's batch is handed over and relayed once
 * the database answers that it is committed; the turns admitted meanwhile go in the next batch,
 * one at a time. `flush` makes everything durable and relayed before it returns (waiting for the
 * database, if need be). The queue knows rooms only as that interface.
 */

import * as Y from 'yjs';
import type { Metrics } from '../../metrics.ts';
import type { AsyncAppend, Storage } from '../../storage/Storage.ts';
import type { RoomSession } from '../session/RoomSession.ts';
import { type DurableRow, RelayBatch, type RelayTarget } from './RelayBatch.ts';

/** A turn of at most this many updates, this long after the last commit, is synced before it ends. */
const QUIET_TURN = 1;
const QUIET_GAP_MS = 2;

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

interface Pending {
  room: WriteTarget;
  update: Uint8Array;
  sender: RoomSession | null;
  /** Client updates merged into `update` (a turn's updates admitted together count as each). */
  count: number;
  /** performance.now() when it was accepted, for the relay-latency histogram. */
  at: number;
}

export class PersistQueue {
  private queue: Pending[] = [];
  /** Handed over to an `asyncAppend` and not yet answered (one batch at a time). */
  private inFlight: Pending[] | null = null;
  /** Rooms with client updates still to admit before this turn's write. */
  private readonly admitting = new Set<WriteTarget>();
  private scheduled = false;
  /** Durable rows on their way out: merged per room when one sync confirms several commits. */
  private readonly relays: RelayBatch;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private readonly storage: Storage;
  private readonly metrics: Metrics;
  private readonly onFailure: (roomIds: string[], error: unknown) => void;

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
    return [...(this.inFlight ?? []), ...this.queue].filter((p) => p.room === room).map((p) => p.update);
  }

  /** Writes, makes durable and relays everything accepted so far, before returning. */
  flush(): void {
    this.commit();
    const asyncAppend = this.storage.asyncAppend;
    if (asyncAppend) {
      // Waits for the write handed over (its answer comes in `settle`), then hands over the rest.
      while (this.inFlight) {
        asyncAppend.settle();
        this.commit();
      }
    } else this.storage.durability?.syncNow();
    this.relays.drain();
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
      // One write at a time: the turns admitted meanwhile go together in the next one.
      if (!this.inFlight) this.handOver(asyncAppend);
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
      this.failed(byRoom, error);
      for (const [room, pending] of byRoom) room.writeFailed(writersOf(pending));
      return;
    }
    const relay = (error: Error | null) => {
      if (error) {
        this.failed(byRoom, error);
        for (const room of byRoom.keys()) room.syncFailed();
        return;
      }
      this.metrics.observePersist(performance.now() - started, updates);
      for (const w of writes)
        for (const row of durableRows(w.pending, w.rows, seqs.get(w.room.id) ?? 0))
          this.relays.add(w.room, row);
    };
    const durability = this.storage.durability;
    if (!durability) {
      relay(null);
      this.relays.drain();
      return;
    }
    // A quiet turn syncs at once: on a 2-core machine, waking the thread pool and coming back
    // added a millisecond to every relay at low load. A busy turn, or a steady stream of small
    // ones (many rooms), hands the sync over: one sync then covers every commit made meanwhile,
    // and the server goes on reading while the disk works. Either way one sync, never both: a
    // pool sync started for a turn then synced inline had the disk flush twice per update.
    const quiet = updates <= QUIET_TURN && started - this.lastCommitAt >= QUIET_GAP_MS;
    this.lastCommitAt = started;
    if (quiet) {
      durability.syncNow(relay);
      this.relays.drain();
    } else durability.whenDurable(relay);
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
   * The queue's updates go to a storage that writes off the event loop (PostgreSQL): relayed once
   * it answers that they are committed. If it fails, nothing of its rooms was stored, and their
   * updates admitted since (built on it) are dropped too: those rooms roll back to what storage
   * holds and close every writer involved (4507), who resend.
   */
  private handOver(asyncAppend: AsyncAppend): void {
    const { batch, byRoom, writes, updates } = this.take();
    this.inFlight = batch;
    const started = performance.now();
    const batches = writes.map((w) => ({ roomId: w.room.id, updates: w.rows }));
    asyncAppend.append(batches, Date.now(), (error, seqs) => {
      this.inFlight = null;
      if (error || !seqs) {
        this.failed(byRoom, error);
        const later = this.queue.filter((p) => byRoom.has(p.room));
        this.queue = this.queue.filter((p) => !byRoom.has(p.room));
        for (const [room, pending] of byRoom)
          room.writeFailed(writersOf([...pending, ...later.filter((p) => p.room === room)]));
      } else {
        this.metrics.observePersist(performance.now() - started, updates);
        for (const w of writes)
          for (const row of durableRows(w.pending, w.rows, seqs.get(w.room.id) ?? 0))
            this.relays.add(w.room, row);
      }
      if (this.queue.length > 0 || this.admitting.size > 0) this.schedule();
    });
  }

  private failed(byRoom: Map<WriteTarget, Pending[]>, error: unknown): void {
    this.metrics.persistFailed();
    this.onFailure(
      [...byRoom.keys()].map((r) => r.id),
      error,
    );
  }
}

interface RoomWrite {
  room: WriteTarget;
  pending: Pending[];
  rows: Uint8Array[];
}

/** The clients who sent some of these updates. */
function writersOf(pending: readonly Pending[]): Set<RoomSession> {
  return new Set(pending.map((p) => p.sender).filter((s): s is RoomSession => s !== null));
}

/** A room's updates of one turn, merged; one by one in the unlikely case Yjs cannot merge them. */
function rowsOf(pending: readonly Pending[]): Uint8Array[] {
  if (pending.length === 1) return [pending[0]!.update];
  const updates = pending.map((p) => p.update);
  try {
    return [Y.mergeUpdates(updates)];
  } catch {
    return updates;
  }
}

/** A room's rows of one turn, numbered up to `lastSeq`, with what each merges and who sent it. */
function durableRows(
  pending: readonly Pending[],
  rows: readonly Uint8Array[],
  lastSeq: number,
): DurableRow[] {
  const senders = new Set(pending.map((p) => p.sender));
  // One row merges the whole turn; otherwise (Yjs could not merge) each row is one pending update.
  const counts = rows.length === 1 ? [pending.reduce((n, p) => n + p.count, 0)] : pending.map((p) => p.count);
  return rows.map((update, i) => ({
    update,
    seq: lastSeq - rows.length + 1 + i,
    count: counts[i]!,
    senders,
    accepted: rows.length === 1 ? pending : [pending[i]!],
  }));
}
