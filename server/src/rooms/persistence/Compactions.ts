/**
 * When a room's update log becomes a snapshot: soon after `COMPACT_AFTER_UPDATES` stored updates
 * (no sooner than `COMPACT_MIN_INTERVAL_MS` after the room's last compaction), and when a room
 * unloads or the server stops. The snapshot is taken on the event loop; storage writes it without
 * holding the turn, and `drain` waits for the writes under way (a stop).
 */
import type { Logger } from 'pino';
import type { Storage } from '../../storage/Storage.ts';
import type { Snapshot } from '../document/RoomDocument.ts';

/** What a compaction needs of a loaded room (Room implements it). */
export interface CompactedRoom {
  readonly id: string;
  /** The whole document up to its last stored update, or null while updates wait to be written. */
  snapshot(): Snapshot | null;
  /** Storage now holds `snapshot` in place of the log up to its sequence number. */
  compacted(snapshot: Snapshot): void;
}

export class Compactions {
  private readonly storage: Pick<Storage, 'compact'>;
  private readonly minIntervalMs: number;
  /** Whether the room is still the one loaded under its id (an unloaded one is not compacted late). */
  private readonly isLoaded: (room: CompactedRoom) => boolean;
  private readonly log: Logger;
  private readonly pending = new WeakSet<CompactedRoom>();
  private readonly last = new WeakMap<CompactedRoom, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly writing = new Set<Promise<void>>();

  constructor(
    storage: Pick<Storage, 'compact'>,
    minIntervalMs: number,
    isLoaded: (room: CompactedRoom) => boolean,
    log: Logger,
  ) {
    this.storage = storage;
    this.minIntervalMs = minIntervalMs;
    this.isLoaded = isLoaded;
    this.log = log;
  }

  /** Soon, and no sooner than the minimum interval after the room's last compaction. */
  due(room: CompactedRoom): void {
    if (this.pending.has(room)) return;
    this.pending.add(room);
    const last = this.last.get(room) ?? Number.NEGATIVE_INFINITY;
    const wait = Math.max(0, last + this.minIntervalMs - performance.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pending.delete(room);
      if (this.isLoaded(room)) this.now(room);
    }, wait);
    this.timers.add(timer);
  }

  /** Now (a room unloading, a stop); nothing when updates of the room still wait to be written. */
  now(room: CompactedRoom): void {
    // Only a document with nothing waiting is exactly what storage holds up to its last sequence.
    const snapshot = room.snapshot();
    if (!snapshot) return;
    this.last.set(room, performance.now());
    const write = this.storage.compact(room.id, snapshot.state, snapshot.lastSeq).then(
      () => room.compacted(snapshot),
      (error: unknown) =>
        this.log.error({ roomId: room.id, err: error }, 'compaction failed; the update log is kept'),
    );
    this.writing.add(write);
    void write.then(() => this.writing.delete(write));
  }

  /** No more scheduled compactions; those being written go on (`drain`). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Every compaction handed to storage is written (or failed, and logged). */
  async drain(): Promise<void> {
    while (this.writing.size) await Promise.all([...this.writing]);
  }
}
