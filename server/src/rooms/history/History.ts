/**
 * Room history: restore points of each room, so a facilitator can see the map as it was and put
 * it back (after a partner selected everything and pressed Delete, or a leaked link scribbled over
 * it). Points are whole documents (the snapshot machinery: Y.encodeStateAsUpdate), taken
 * automatically every few minutes of activity and before a large deletion, on demand, and before
 * every restore (so a restore can itself be undone). A room keeps at most `maxPoints` and
 * `maxBytes`, none older than `keepDays`: history stays bounded however long a room lives.
 *
 * Encoding a big room costs tens of milliseconds, so the points a partner can cause are rationed
 * and kept out of the turn that caused them: a large deletion gets a point only when the map
 * changed since the last point and no other such point was taken in the last `autoEveryMs` (its
 * state is encoded before the deletion, its write waits for the next turn). An automatic point is
 * taken in the next turn from what storage holds once everything accepted is durable, merged off
 * the event loop (`storedState`): it may hold a few milliseconds more than the moment it was due,
 * so a large deletion meanwhile gets a point of its own, encoded here. A point on demand, before a
 * restore, or taken at once (`settle`: a deletion, an unloading, a stop) is encoded here: it must
 * be exact. Writes go to storage without holding the turn; `drain` waits for them (a stop). A
 * room's last point is read when it loads (`prime`).
 */
import { isConversationType } from '@patroonkaart/model';
import { MAX_RESTORE_LABEL_CHARS } from '@patroonkaart/protocol';
import { type RecordIndex, recordIndex, type TextFieldTable } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { Config } from '../../config.ts';
import type { RestorePoint, RestorePointInfo, Storage } from '../../storage/Storage.ts';
import { migrateDoc } from '../document/migration.ts';

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
  /** A point waiting for the next turn: its write, or (automatic) its encoding too; `run` takes it now. */
  pending: { immediate: ReturnType<typeof setImmediate>; run(): void } | null;
  /**
   * An automatic point is being read from storage (`reading`: it may come to hold a deletion made
   * meanwhile; `covered`: one such deletion had a point of its own taken).
   */
  capturing: 'no' | 'reading' | 'covered';
}

export class History {
  private readonly storage: Storage;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly textFields: TextFieldTable;
  private readonly config: Config['history'];
  private readonly marks = new Map<string, RoomMarks>();
  /** Points being written. */
  private readonly writing = new Set<Promise<unknown>>();
  private readonly onError: (roomId: string, error: unknown) => void;
  /** The room's whole state as storage holds it once everything accepted so far is durable. */
  private readonly storedState: (roomId: string) => Promise<Uint8Array>;

  constructor(
    storage: Storage,
    schema: StoreSchema<UnknownRecord, unknown>,
    textFields: TextFieldTable,
    config: Config['history'],
    onError: (roomId: string, error: unknown) => void,
    storedState: (roomId: string) => Promise<Uint8Array>,
  ) {
    this.onError = onError;
    this.storedState = storedState;
    this.storage = storage;
    this.schema = schema;
    this.textFields = textFields;
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
      () => this.takeFromStorage(room, marks, now),
      () => {
        marks.changed = false;
        this.writeLater(room.id, this.capture(room, 'auto', '', now));
      },
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
    // An automatic point read from storage now may come to hold this deletion: not a point before it.
    const unprotected = marks.capturing === 'reading';
    if (!unprotected && (!marks.changed || now - marks.lastBeforeDeleteAt < this.config.autoEveryMs)) return;
    if (unprotected) marks.capturing = 'covered';
    const point = this.capture(room, 'before-delete', '', now);
    marks.lastAt = now;
    marks.lastBeforeDeleteAt = now;
    marks.changed = false;
    const write = () => this.writeLater(room.id, point);
    this.defer(marks, write, write);
  }

  /** On demand and before a restore: taken now, answered once written (the caller answers with its id). */
  take(
    room: HistoryRoom,
    reason: PointReason,
    label: string,
    now = Date.now(),
  ): Promise<RestorePointInfo | null> {
    this.settle(room.id);
    const marks = this.marksOf(room.id);
    marks.lastAt = now;
    marks.changed = false;
    return this.track(this.write(room.id, this.capture(room, reason, label, now)));
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
  private defer(marks: RoomMarks, later: () => void, now: () => void): void {
    marks.pending = {
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

  /** An automatic point from what storage holds, merged off the event loop. */
  private takeFromStorage(room: HistoryRoom, marks: RoomMarks, now: number): void {
    marks.changed = false;
    marks.capturing = 'reading';
    const shapeCount = room.shapeCount();
    const people = room.people();
    const work = this.storedState(room.id).then((state) =>
      this.write(room.id, {
        createdAt: now,
        reason: 'auto',
        label: '',
        shapeCount,
        people,
        bytes: state.byteLength,
        state,
      }),
    );
    this.track(work)
      .catch((error: unknown) => this.onError(room.id, error))
      .finally(() => {
        marks.capturing = 'no';
      });
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
      label: label.trim().slice(0, MAX_RESTORE_LABEL_CHARS),
      shapeCount: room.shapeCount(),
      people: room.people(),
      bytes: state.byteLength,
      state,
    };
  }

  /** A point written when storage gets to it; a failure is told to `onError` (a deleted room is none). */
  private writeLater(roomId: string, point: Omit<RestorePoint, 'id'>): void {
    this.track(this.write(roomId, point)).catch((error: unknown) => this.onError(roomId, error));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.writing.add(work);
    const done = () => this.writing.delete(work);
    work.then(done, done);
    return work;
  }

  /** The point's description once stored; null when the room was deleted meanwhile (by another process too). */
  private async write(roomId: string, point: Omit<RestorePoint, 'id'>): Promise<RestorePointInfo | null> {
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
        capturing: 'no',
      };
      this.marks.set(roomId, marks);
    }
    return marks;
  }

  list(roomId: string): Promise<RestorePointInfo[]> {
    return this.storage.listRestorePoints(roomId);
  }

  /**
   * The map's records at a point (the conversation's are not part of the map), in the current
   * schema: a point taken before an upgrade is migrated as the room itself was.
   */
  async recordsAt(
    roomId: string,
    id: number,
  ): Promise<{ point: RestorePointInfo; records: Record<string, unknown>[] } | null> {
    const stored = await this.storage.getRestorePoint(roomId, id);
    if (!stored) return null;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, stored.state);
      const migration = migrateDoc(doc, this.schema, this.textFields);
      if (migration.docIsNewer || migration.failed.length) return null;
      const index = recordIndex(doc, this.textFields);
      const records = index
        .ids()
        .map((rid) => index.get(rid))
        .filter((r) => r !== null)
        .filter((r) => !isConversationType(r.typeName));
      const { state: _state, ...point } = stored;
      return { point, records };
    } finally {
      doc.destroy();
    }
  }

  /** Puts the map back as it was at point `id`, as a new change; a point is taken just before. */
  async restore(room: HistoryRoom, id: number, now = Date.now()): Promise<RestorePointInfo | null> {
    const target = await this.recordsAt(room.id, id);
    if (!target) return null;
    const before = await this.take(room, 'before-restore', '', now);
    if (!before) return null;
    room.applyServerChange((index) => index.writeMany(restoreChanges(index, target.records)));
    this.marksOf(room.id).changed = true;
    return before;
  }
}

/**
 * What makes the map's records exactly `records`: remove what is not among them, write them all
 * (the index writes only the fields that differ). The conversation's records are not the map's.
 */
export function restoreChanges(
  index: RecordIndex,
  records: readonly Record<string, unknown>[],
): [string, Record<string, unknown> | null][] {
  const wanted = new Map(records.map((r) => [r.id as string, r]));
  const changes: [string, Record<string, unknown> | null][] = [];
  for (const id of index.ids())
    if (!wanted.has(id) && !isConversationType(index.field(id, 'typeName'))) changes.push([id, null]);
  for (const [id, record] of wanted) changes.push([id, record]);
  return changes;
}
