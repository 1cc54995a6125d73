/**
 * Room history: restore points of each room, so a facilitator can see the map as it was and put
 * it back (after a partner selected everything and pressed Delete, or a leaked link scribbled over
 * it). Points are whole documents (the snapshot machinery: Y.encodeStateAsUpdate), taken
 * automatically every few minutes of activity and before any large deletion, on demand, and
 * before every restore (so a restore can itself be undone). A room keeps at most `maxPoints`,
 * none older than `keepDays`: history stays bounded however long a room lives.
 */
import { isConversationType } from '@patroonkaart/model';
import { type RecordIndex, recordIndex } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { Config } from '../config.ts';
import type { RestorePointInfo, Storage } from '../storage/Storage.ts';
import type { Room } from './Room.ts';
import { migrateDoc } from './roomDoc.ts';

export type PointReason = 'auto' | 'before-delete' | 'manual' | 'before-restore';

export class History {
  private readonly storage: Storage;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly config: Config['history'];
  /** When each room's last point was taken (read from storage on first use). */
  private readonly lastAt = new Map<string, number>();

  constructor(storage: Storage, schema: StoreSchema<UnknownRecord, unknown>, config: Config['history']) {
    this.storage = storage;
    this.schema = schema;
    this.config = config;
  }

  /** After an accepted change: an automatic point once `autoEveryMs` has passed since the last. */
  afterChange(room: Room, now = Date.now()): void {
    if (now - this.lastPointAt(room.id) >= this.config.autoEveryMs) this.take(room, 'auto', '', now);
  }

  take(room: Room, reason: PointReason, label: string, now = Date.now()): RestorePointInfo {
    const point = {
      createdAt: now,
      reason,
      label: label.trim().slice(0, 80),
      shapeCount: room.shapeCount(),
      people: room.people(),
      state: Y.encodeStateAsUpdate(room.doc),
    };
    const id = this.storage.addRestorePoint(room.id, point);
    this.lastAt.set(room.id, now);
    this.storage.pruneRestorePoints(room.id, this.config.maxPoints, now - this.config.keepDays * 86_400_000);
    const { state: _state, ...info } = point;
    return { id, ...info };
  }

  list(roomId: string): RestorePointInfo[] {
    return this.storage.listRestorePoints(roomId);
  }

  /**
   * The map's records at a point (the conversation's are not part of the map), in the current
   * schema: a point taken before an upgrade is migrated as the room itself was.
   */
  recordsAt(
    roomId: string,
    id: number,
  ): { point: RestorePointInfo; records: Record<string, unknown>[] } | null {
    const stored = this.storage.getRestorePoint(roomId, id);
    if (!stored) return null;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, stored.state);
      const migration = migrateDoc(doc, this.schema);
      if (migration.docIsNewer || migration.failed.length) return null;
      const index = recordIndex(doc);
      const records = index
        .ids()
        .map((rid) => index.get(rid)!)
        .filter((r) => !isConversationType(r.typeName));
      const { state: _state, ...point } = stored;
      return { point, records };
    } finally {
      doc.destroy();
    }
  }

  /** Puts the map back as it was at point `id`, as a new change; a point is taken just before. */
  restore(room: Room, id: number, now = Date.now()): RestorePointInfo | null {
    const target = this.recordsAt(room.id, id);
    if (!target) return null;
    const before = this.take(room, 'before-restore', '', now);
    room.applyServerChange((index) => index.writeMany(restoreChanges(index, target.records)));
    return before;
  }

  private lastPointAt(roomId: string): number {
    let at = this.lastAt.get(roomId);
    if (at === undefined) {
      at = this.storage.listRestorePoints(roomId)[0]?.createdAt ?? Number.NEGATIVE_INFINITY;
      this.lastAt.set(roomId, at);
    }
    return at;
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
