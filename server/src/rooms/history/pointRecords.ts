/**
 * What a restore point holds, read as the map's records, and what a restore changes. Pure: runs in
 * the point worker (pointWorker.ts), so decoding a whole map never runs on the event loop, and in
 * tests. The conversation's records are not part of the map: a point shows and puts back the map.
 */
import { isConversationType } from '@patroonkaart/model';
import { type RecordIndex, recordIndex, type TextFieldTable } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import { recordsOfMap } from '../document/mapRecords.ts';
import { migrateDoc } from '../document/migration.ts';

export type MapRecord = Record<string, unknown>;
/** A record to write (the index writes only the fields that differ), or null to remove it. */
export type RecordChange = [id: string, record: MapRecord | null];

export interface Rules {
  schema: StoreSchema<UnknownRecord, unknown>;
  textFields: TextFieldTable;
}

/**
 * The map's records at a point, in the current schema (a point taken before an upgrade is migrated
 * as the room itself was); null when the point cannot be read by this server (a newer schema's, or
 * a migration that fails).
 */
export function pointRecords(state: Uint8Array, rules: Rules): MapRecord[] | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const migration = migrateDoc(doc, rules.schema, rules.textFields);
    if (migration.docIsNewer || migration.failed.length) return null;
    return recordsOfMap(doc, rules.textFields);
  } finally {
    doc.destroy();
  }
}

/**
 * What makes the map's records exactly `records`: remove what is not among them, write them all
 * (the index writes only the fields that differ). The conversation's records are not the map's.
 */
export function restoreChanges(index: RecordIndex, records: readonly MapRecord[]): RecordChange[] {
  const wanted = new Map(records.map((r) => [r.id as string, r]));
  const changes: RecordChange[] = [];
  for (const id of index.ids())
    if (!wanted.has(id) && !isConversationType(index.field(id, 'typeName'))) changes.push([id, null]);
  for (const [id, record] of wanted) changes.push([id, record]);
  return changes;
}

/**
 * The changes that put a room whose state is `current` back to the point's map: only the records
 * that differ, so the event loop writes no more than a restore really changes. Null when the point
 * cannot be read (pointRecords).
 */
export function changesToRestore(
  pointState: Uint8Array,
  current: Uint8Array,
  rules: Rules,
): RecordChange[] | null {
  const records = pointRecords(pointState, rules);
  if (!records) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, current);
    const index = recordIndex(doc, rules.textFields);
    return restoreChanges(index, records).filter(
      ([id, record]) => record === null || !sameValue(index.get(id), record),
    );
  } finally {
    doc.destroy();
  }
}

/** Deep equality of JSON values, whatever the order of their keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(ob, k) && sameValue((a as Record<string, unknown>)[k], ob[k]));
}
