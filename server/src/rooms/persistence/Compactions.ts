/**
 * When a room's update log becomes a snapshot: soon after `COMPACT_AFTER_UPDATES` stored updates
 * (no sooner than `COMPACT_MIN_INTERVAL_MS` after the room's last compaction), and when a room
 * unloads or the server stops. Nothing of it runs on the event loop in proportion to the map: what
 * storage holds is read, merged into one state on the merge worker (StoredStates, storage/merge)
 * and written back in place of the log up to the last update read. Updates stored meanwhile stay
 * in the log. One compaction of a room at a time; `drain` waits for those under way (a stop).
 */
import type { Logger } from 'pino';
import type { Storage } from '../../storage/Storage.ts';
import type { StoredStates } from './StoredStates.ts';

/** What a compaction needs of a loaded room (Room implements it). */
export interface CompactedRoom {
  readonly id: string;
  /** Storage replaced `removedBytes` of the room (its snapshot and log) by `addedBytes`. */
  compacted(removedBytes: number, addedBytes: number): void;
}

export class Compactions {
  private readonly storage: Pick<Storage, 'compact'>;
  private readonly states: Pick<StoredStates, 'readOrJoin'>;
  private readonly minIntervalMs: number;
  /** Whether the room is still the one loaded under its id (an unloaded one is not compacted late). */
  private readonly isLoaded: (room: CompactedRoom) => boolean;
  private readonly log: Logger;
  private readonly pending = new WeakSet<CompactedRoom>();
  private readonly last = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** By room id (a room unloaded and loaded again is one room to storage). */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    storage: Pick<Storage, 'compact'>,
    states: Pick<StoredStates, 'readOrJoin'>,
    minIntervalMs: number,
    isLoaded: (room: CompactedRoom) => boolean,
    log: Logger,
  ) {
    this.storage = storage;
    this.states = states;
    this.minIntervalMs = minIntervalMs;
    this.isLoaded = isLoaded;
    this.log = log;
  }

  /** Soon, and no sooner than the minimum interval after the room's last compaction. */
  due(room: CompactedRoom): void {
    if (this.pending.has(room)) return;
    this.pending.add(room);
    const last = this.last.get(room.id) ?? Number.NEGATIVE_INFINITY;
    const wait = Math.max(0, last + this.minIntervalMs - performance.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pending.delete(room);
      if (this.isLoaded(room)) this.now(room);
    }, wait);
    this.timers.add(timer);
  }

  /** Now (a room unloading, a stop); after the room's compaction under way, if there is one. */
  now(room: CompactedRoom): void {
    const at = performance.now();
    // Only the last interval matters: older times are forgotten, so rooms that came and went are too.
    if (this.last.size > 1000)
      for (const [id, t] of this.last) if (at - t > this.minIntervalMs) this.last.delete(id);
    this.last.set(room.id, at);
    const before = this.running.get(room.id) ?? Promise.resolve();
    const run = before.then(() => this.compact(room));
    this.running.set(room.id, run);
    void run.then(() => {
      if (this.running.get(room.id) === run) this.running.delete(room.id);
    });
  }

  /** No more scheduled compactions; those under way go on (`drain`). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Every compaction under way is written (or failed, and logged). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private async compact(room: CompactedRoom): Promise<void> {
    try {
      const { stored, own } = await this.states.readOrJoin(room.id);
      if (stored.logLength === 0) return;
      const bytes = stored.state.byteLength;
      // Storage takes the snapshot (moved to its thread, not copied on this one); a read shared
      // with a newcomer keeps its bytes, so storage gets a copy of those.
      await this.storage.compact(room.id, own ? stored.state : stored.state.slice(), stored.lastSeq);
      room.compacted(stored.storedBytes, bytes);
    } catch (error) {
      this.log.error({ roomId: room.id, err: error }, 'compaction failed; the update log is kept');
    } finally {
      // The interval counts from the end: a slow compaction is not followed at once by the next.
      this.last.set(room.id, performance.now());
    }
  }
}
