/**
 * A room's Y.Doc from what storage holds (snapshot plus update log), and a new room's first
 * document. Migrating an old document to the current schema is migration.ts.
 */
import { docMetaMap, recordIndex, SCHEMA_KEY, type TextFieldTable } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { StoredDoc } from '../../storage/Storage.ts';

export const SERVER_ORIGIN = { name: 'server' };

/** A room's document as storage holds it, indexed with `textFields` (recordIndex) before anything reads it. */
export function docFromStorage(stored: StoredDoc, textFields: TextFieldTable): Y.Doc {
  const doc = new Y.Doc();
  recordIndex(doc, textFields);
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, SERVER_ORIGIN);
  for (const update of stored.updates) Y.applyUpdate(doc, update, SERVER_ORIGIN);
  return doc;
}

/** A new room's document: the schema it is written in, and its first records (their texts as texts). */
export function createRoomDoc(
  schema: StoreSchema<UnknownRecord, unknown>,
  textFields: TextFieldTable,
  records: readonly ({ id: string } & Record<string, unknown>)[],
): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    docMetaMap(doc).set(SCHEMA_KEY, schema.serialize());
    recordIndex(doc, textFields).writeMany(
      records.map((r) => [r.id, r] as [string, Record<string, unknown>]),
    );
  }, SERVER_ORIGIN);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
