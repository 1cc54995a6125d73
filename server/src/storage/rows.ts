/**
 * The SQL implementations share one table layout (SqliteStorage.ts, postgres/migrations.ts):
 * these turn its rows into the Storage interface's records. Numbers go through Number(), since a
 * PostgreSQL driver may hand a BIGINT back as a string.
 */
import type { PointsKept, RestorePoint, RestorePointInfo, RoomRecord, WorkshopRecord } from './Storage.ts';
import type { TemplateInfo } from './TemplateStore.ts';

type Row = Record<string, unknown>;

export function roomFromRow(row: Row): RoomRecord {
  return {
    id: String(row.id),
    template: String(row.template),
    createdAt: Number(row.created_at),
    touchedAt: Number(row.touched_at),
    facilitatorTokenHash: String(row.facilitator_token_hash),
    editTokenHash: String(row.edit_token_hash),
    viewTokenHash: String(row.view_token_hash),
    sealedLinks: String(row.sealed_links),
  };
}

export function pointFromRow(row: Row): RestorePointInfo {
  return {
    id: Number(row.id),
    createdAt: Number(row.created_at),
    reason: String(row.reason),
    label: String(row.label),
    shapeCount: Number(row.shape_count),
    people: JSON.parse(String(row.people)) as RestorePointInfo['people'],
    bytes: Number(row.bytes ?? 0),
  };
}

/** The ids of a room's points (`newestFirst`) that `kept` does not keep: one rule for every storage. */
export function pointsToDrop(
  newestFirst: readonly Pick<RestorePointInfo, 'id' | 'createdAt' | 'bytes'>[],
  kept: PointsKept,
): number[] {
  const drop: number[] = [];
  let bytes = 0;
  newestFirst.forEach((p, i) => {
    bytes += p.bytes;
    const tooMany = i >= kept.keep;
    const tooBig = i > 0 && bytes > kept.maxBytes;
    if (tooMany || tooBig || p.createdAt < kept.olderThan) drop.push(p.id);
  });
  return drop;
}

export function workshopFromRow(row: Row): WorkshopRecord {
  return {
    id: String(row.id),
    createdAt: Number(row.created_at),
    facilitatorTokenHash: String(row.facilitator_token_hash),
    roomIds: JSON.parse(String(row.room_ids)) as string[],
  };
}

/** A template's row without its map (the list). */
export function templateFromRow(row: Row): TemplateInfo {
  return {
    id: String(row.id),
    name: String(row.name),
    description: String(row.description),
    stepCount: Number(row.step_count),
    createdAt: Number(row.created_at),
  };
}

/** The library's order, newest first (ties: by id, so every storage lists them alike). */
export function newestTemplateFirst(a: TemplateInfo, b: TemplateInfo): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** A restore point's values, in the order of its INSERT's columns (room_id ... state). */
export function pointValues(
  roomId: string,
  p: Omit<RestorePoint, 'id'>,
): [string, number, string, string, number, string, Uint8Array] {
  return [roomId, p.createdAt, p.reason, p.label, p.shapeCount, JSON.stringify(p.people), p.state];
}
