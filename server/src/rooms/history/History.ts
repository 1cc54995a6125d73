/**
 * Room history: restore points of each room, so a facilitator can see the map as it was and put
 * it back (after a partner selected everything and pressed Delete, or a leaked link scribbled over
 * it). Points are whole documents (the snapshot machinery: Y.encodeStateAsUpdate), taken
 * automatically every few minutes of activity and before a large deletion, on demand, and before
 * every restore (so a restore can itself be undone). A room keeps at most `maxPoints` and
 * `maxBytes`, none older than `keepDays`: history stays bounded however long a room lives.
 *
 * Encoding a big room costs tens of milliseconds, so points are read from storage once
 * everything accepted is durable and merged off the event loop (`storedState`): automatic points
 * (in the turn after they are due), points on demand and points before a restore. Such a point may
 * hold a few milliseconds more than the moment it was asked for, so a large deletion meanwhile
 * gets a point of its own. Only what must be exact is encoded here: the point before a large
 * deletion (the deletion is being applied) and an automatic point taken at once (`settle`: a
 * deletion, an unloading, a stop). The points a partner can cause are rationed and kept out of the
 * turn that caused them: a large deletion gets a point only when the map changed since the last
 * point and no other such point was taken in the last `autoEveryMs` (its write waits for the next
 * turn). Writes go to storage without holding the turn; `drain` waits for them (a stop). A room's
 * last point is read when it loads (`prime`).
 */
import { MAX_RESTORE_LABEL_CHARS } from '@patroonkaart/protocol';
import type { RecordIndex } from '@patroonkaart/tldraw-yjs';
import type { Config } from '../../config.ts';
import type { RestorePoint, RestorePointInfo, Storage } from '../../storage/Storage.ts';
import { PointReader } from './PointReader.ts';

/** What history needs of a loaded room (Room implements it). */
export interface HistoryRoom {
  readonly id: string;
  /** The whole document, encoded. */
  encodeState(): Uint8Array;
  /** Shapes on the map now. */
  shapeCount(): number;
  /** Who is in the room, as their presence says. */
  people(): { name: string; organisation: string }[];
  /** A change of the server's own (a restore), stored and relayed like any accepted update. */
  applyServerChange(change: (index: RecordIndex) => void): void;
}

export type PointReason = 'auto' | 'before-delete' | 'manual' | 'before-restore';

/** What a room's history remembers between points (in memory; a restart starts afresh). */
interface RoomMarks {
  /** When the last point was taken (read from storage on first use). */
  lastAt: number;
  lastBeforeDeleteAt: number;
  /** Whether the document changed since the last point. */
  changed: boolean;
  /**
   * A point waiting for the next turn: its write, or (automatic) its encoding too; `run` takes it
   * now. `auto`: an automatic point, which a point taken meanwhile makes needless.
   */
  pending: { immediate: ReturnType<typeof setImmediate>; run(): void; auto: boolean } | null;
  /** Points being read from storage: each may come to hold a deletion made meanwhile. */
  reading: number;
  /** One such deletion had a point of its own taken while these reads are under way. */
  covered: boolean;
}

export class History {
  private readonly storage: Storage;
  private readonly config: Config['history'];
  private readonly marks = new Map<string, RoomMarks>();
  /** Points being written. */
  private readonly writing = new Set<Promise<unknown>>();
  private readonly onError: (roomId: string, error: unknown) => void;
  /** The room's whole state as storage holds it once everything accepted so far is durable. */
  private readonly storedState: (roomId: string) => Promise<Uint8Array>;
  private readonly points = new PointReader();

  constructor(
    storage: Storage,
    config: Config['history'],
    onError: (roomId: string, error: unknown) => void,
    storedState: (roomId: string) => Promise<Uint8Array>,
  ) {
    this.onError = onError;
    this.storedState = storedState;
    this.storage = storage;
    this.config = config;
  }

  /** After an accepted change: an automatic point, in the next turn, once `autoEveryMs` has passed. */
  afterChange(room: HistoryRoom, now = Date.now()): void {
    const marks = this.marksOf(room.id);
    marks.changed = true;
    if (marks.pending || now - marks.lastAt < this.config.autoEveryMs) return;
    marks.lastAt = now;
    this.defer(
      marks,
      () => {
        marks.changed = false;
        this.writeLater(room.id, this.fromStorage(room, marks, 'auto', '', now));
      },
      () => {
        marks.changed = false;
        this.writeLater(room.id, Promise.resolve(this.capture(room, 'auto', '', now)));
      },
      true,
    );
  }

  /**
   * Before an update that removes many shapes is applied. The state is encoded now (after the
   * update it is gone), the write waits for the next turn; a point waiting to be taken is taken
   * now instead, since it would otherwise capture the map after the deletion.
   */
  beforeLargeDeletion(room: HistoryRoom, now = Date.now()): void {
    const marks = this.marksOf(room.id);
    if (marks.pending) {
      this.settle(room.id);
      return;
    }
    // A point read from storage now may come to hold this deletion: not a point before it.
    const unprotected = marks.reading > 0 && !marks.covered;
    if (!unprotected && (!marks.changed || now - marks.lastBeforeDeleteAt < this.config.autoEveryMs)) return;
    if (unprotected) marks.covered = true;
    const point = Promise.resolve(this.capture(room, 'before-delete', '', now));
    marks.lastAt = now;
    marks.lastBeforeDeleteAt = now;
    marks.changed = false;
    const write = () => this.writeLater(room.id, point);
    this.defer(marks, write, write, false);
  }

  /**
   * On demand and before a restore: read from storage once everything accepted so far is durable,
   * merged off the event loop; answered once written (the caller answers with its id). It holds
   * everything accepted before the call, and may hold a few milliseconds more (a restore applies
   * its change only after). An automatic point waiting for its turn is not needed any more.
   */
  take(
    room: HistoryRoom,
    reason: PointReason,
    label: string,
    now = Date.now(),
  ): Promise<RestorePointInfo | null> {
    return this.track(this.write(room.id, this.beginTake(room, reason, label, now)));
  }

  /** `take`'s point, read but not yet written. */
  private beginTake(
    room: HistoryRoom,
    reason: PointReason,
    label: string,
    now: number,
  ): Promise<Omit<RestorePoint, 'id'>> {
    const marks = this.marksOf(room.id);
    if (marks.pending?.auto) {
      clearImmediate(marks.pending.immediate);
      marks.pending = null;
    } else this.settle(room.id);
    marks.lastAt = now;
    marks.changed = false;
    return this.fromStorage(room, marks, reason, label, now);
  }

  /**
   * The room's last point, read before the room serves anyone: its first automatic point then
   * waits `autoEveryMs` after the last one, across restarts.
   */
  async prime(roomId: string): Promise<void> {
    if (this.marks.has(roomId)) return;
    const lastAt = (await this.storage.listRestorePoints(roomId))[0]?.createdAt;
    if (lastAt !== undefined && !this.marks.has(roomId)) this.marksOf(roomId).lastAt = lastAt;
  }

  /** Every point being written is stored (or failed). */
  async drain(): Promise<void> {
    while (this.writing.size) await Promise.allSettled([...this.writing]);
  }

  /** Takes a room's waiting point now (the room is about to be unloaded or the server to stop); its write goes on. */
  settle(roomId: string): void {
    const pending = this.marks.get(roomId)?.pending;
    if (!pending) return;
    clearImmediate(pending.immediate);
    pending.run();
  }

  /** A deleted room: its waiting point is dropped and nothing of it is remembered. */
  forget(roomId: string): void {
    const pending = this.marks.get(roomId)?.pending;
    if (pending) clearImmediate(pending.immediate);
    this.marks.delete(roomId);
  }

  /** `later` in the next turn, unless `settle` runs `now` first. */
  private defer(marks: RoomMarks, later: () => void, now: () => void, auto: boolean): void {
    marks.pending = {
      auto,
      immediate: setImmediate(() => {
        marks.pending = null;
        later();
      }),
      run: () => {
        marks.pending = null;
        now();
      },
    };
  }

  /** A point of what storage holds once everything accepted so far is durable, merged off the event loop. */
  private async fromStorage(
    room: HistoryRoom,
    marks: RoomMarks,
    reason: PointReason,
    label: string,
    now: number,
  ): Promise<Omit<RestorePoint, 'id'>> {
    const shapeCount = room.shapeCount();
    const people = room.people();
    marks.reading++;
    try {
      const state = await this.storedState(room.id);
      return {
        createdAt: now,
        reason,
        label: cleanLabel(label),
        shapeCount,
        people,
        bytes: state.byteLength,
        state,
      };
    } finally {
      marks.reading--;
      if (marks.reading === 0) marks.covered = false;
    }
  }

  private capture(
    room: HistoryRoom,
    reason: PointReason,
    label: string,
    now: number,
  ): Omit<RestorePoint, 'id'> {
    const state = room.encodeState();
    return {
      createdAt: now,
      reason,
      label: cleanLabel(label),
      shapeCount: room.shapeCount(),
      people: room.people(),
      bytes: state.byteLength,
      state,
    };
  }

  /** A point written when storage gets to it; a failure is told to `onError` (a deleted room is none). */
  private writeLater(roomId: string, point: Promise<Omit<RestorePoint, 'id'>>): void {
    this.track(this.write(roomId, point)).catch((error: unknown) => this.onError(roomId, error));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.writing.add(work);
    const done = () => this.writing.delete(work);
    work.then(done, done);
    return work;
  }

  /** The point's description once stored; null when the room was deleted meanwhile (by another process too). */
  private async write(
    roomId: string,
    taking: Promise<Omit<RestorePoint, 'id'>>,
  ): Promise<RestorePointInfo | null> {
    const point = await taking;
    if (!(await this.storage.getRoom(roomId))) return null;
    const id = await this.storage.addRestorePoint(roomId, point);
    const { maxPoints, maxBytes, keepDays } = this.config;
    await this.storage.pruneRestorePoints(roomId, {
      keep: maxPoints,
      maxBytes,
      olderThan: point.createdAt - keepDays * 86_400_000,
    });
    const { state: _state, ...info } = point;
    return { id, ...info };
  }

  private marksOf(roomId: string): RoomMarks {
    let marks = this.marks.get(roomId);
    if (!marks) {
      marks = {
        lastAt: Number.NEGATIVE_INFINITY,
        lastBeforeDeleteAt: Number.NEGATIVE_INFINITY,
        changed: true,
        pending: null,
        reading: 0,
        covered: false,
      };
      this.marks.set(roomId, marks);
    }
    return marks;
  }

  list(roomId: string): Promise<RestorePointInfo[]> {
    return this.storage.listRestorePoints(roomId);
  }

  /**
   * A point and the map's records at it, the preview (`{point, records}`), as UTF-8 JSON in parts
   * to send one after the other: the records in the current schema (a point taken before an
   * upgrade is migrated as the room itself was), read and written as JSON off the event loop; null
   * when the point is gone or this server cannot read it.
   */
  async pointJson(roomId: string, id: number): Promise<Uint8Array[] | null> {
    const stored = await this.storage.getRestorePoint(roomId, id);
    if (!stored) return null;
    const { state, ...point } = stored;
    const records = await this.points.recordsJson(state);
    if (records === null) return null;
    return [Buffer.from(`{"point":${JSON.stringify(point)},"records":`), records, Buffer.from('}')];
  }

  /**
   * Puts the map back as it was at point `id`, as a new change; a point is taken just before (from
   * storage, as `take`). What the restore changes is worked out off the event loop, against that
   * same state: the room's document then writes only the records that differ.
   */
  async restore(room: HistoryRoom, id: number, now = Date.now()): Promise<RestorePointInfo | null> {
    const target = await this.storage.getRestorePoint(room.id, id);
    if (!target) return null;
    // Tracked from the read on: a stop waits for the whole restore's point (`drain`).
    const before = await this.track(this.beginTake(room, 'before-restore', '', now));
    // The point's state goes to storage as its own; the worker gets a copy.
    const changes = await this.points.changesToRestore(target.state, before.state.slice());
    if (!changes) return null;
    const info = await this.track(this.write(room.id, Promise.resolve(before)));
    if (!info) return null;
    room.applyServerChange((index) => index.writeMany(changes));
    this.marksOf(room.id).changed = true;
    return info;
  }

  /** Stops the point worker (after `drain`, when the server stops). */
  close(): void {
    this.points.close();
  }
}

const cleanLabel = (label: string) => label.trim().slice(0, MAX_RESTORE_LABEL_CHARS);
