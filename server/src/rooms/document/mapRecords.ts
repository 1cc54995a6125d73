/**
 * A room's map as records: every record but the conversation's, in the current schema (a template
 * is made of it). A document read from storage is migrated here, on this copy only.
 */
import { isConversationType } from '@patroonkaart/model';
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex, type TextFieldTable } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { StoredDoc } from '../../storage/Storage.ts';
import { docFromStorage } from './docFromStorage.ts';
import { migrateDoc } from './migration.ts';

/**
 * `state`: a loaded room's whole document (migrated when it loaded); or what storage holds of a
 * room that is not loaded. Null when the stored document cannot be read in this schema.
 */
export function mapRecords(
  from: { state: Uint8Array } | { stored: StoredDoc },
  schema: StoreSchema<UnknownRecord, unknown>,
): Record<string, unknown>[] | null {
  let doc: Y.Doc;
  if ('state' in from) {
    doc = new Y.Doc();
    recordIndex(doc, TEXT_FIELDS);
    Y.applyUpdate(doc, from.state);
  } else doc = docFromStorage(from.stored, TEXT_FIELDS);
  try {
    const migration = 'stored' in from ? migrateDoc(doc, schema, TEXT_FIELDS) : null;
    if (migration && (migration.docIsNewer || migration.failed.length)) return null;
    return recordsOfMap(doc, TEXT_FIELDS);
  } finally {
    doc.destroy();
  }
}

/** The map's records in a document: every record but the conversation's. */
export function recordsOfMap(doc: Y.Doc, textFields: TextFieldTable): Record<string, unknown>[] {
  const index = recordIndex(doc, textFields);
  return index
    .ids()
    .map((id) => index.get(id))
    .filter((r) => r !== null)
    .filter((r) => !isConversationType(r.typeName));
}
