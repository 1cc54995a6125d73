/**
 * Bringing a room's document to the current schema. Migration runs here, on the server, when a
 * room loads (RoomDocument.migrate, as the server's own change) or a restore point is read:
 * never in whichever client happens to connect first.
 */
import { isConversationType } from '@patroonkaart/model';
import { migrateRecords } from '@patroonkaart/schema';
import { docMetaMap, readText, recordIndex, SCHEMA_KEY, type TextFieldTable } from '@patroonkaart/tldraw-yjs';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import { SERVER_ORIGIN } from './docFromStorage.ts';

export interface MigrationOutcome {
  /** The update that migrated the document, to be stored; null when nothing changed. */
  update: Uint8Array | null;
  migrated: number;
  failed: string[];
  /** The document was written by a newer schema than this server's. */
  docIsNewer: boolean;
}

export function migrateDoc(
  doc: Y.Doc,
  schema: StoreSchema<UnknownRecord, unknown>,
  textFields: TextFieldTable,
): MigrationOutcome {
  const meta = docMetaMap(doc);
  const persisted = meta.get(SCHEMA_KEY) as SerializedSchema | undefined;
  const outcome: MigrationOutcome = { update: null, migrated: 0, failed: [], docIsNewer: false };
  const current = schema.serialize();
  if (!persisted) {
    outcome.update = captureUpdate(doc, () => meta.set(SCHEMA_KEY, current));
    return outcome;
  }
  const needed = schema.getMigrationsSince(persisted);
  if (!needed.ok) {
    outcome.docIsNewer = true;
    return outcome;
  }
  if (needed.value.length === 0) return outcome;
  const index = recordIndex(doc, textFields);
  // The conversation's records are ours, not tldraw's: they have no migrations of tldraw's kind.
  const mapIds = index.ids().filter((id) => !isConversationType(index.field(id, 'typeName')));
  const result = migrateRecords(
    schema,
    persisted,
    mapIds.map((id) => index.get(id)).filter((r) => r !== null),
  );
  if (!result.ok) {
    // Nothing is written: the room stays as it was, in its old schema, and the log says why.
    outcome.failed.push(result.reason);
    return outcome;
  }
  outcome.update = captureUpdate(doc, () => {
    for (const id of mapIds) if (!result.records.has(id)) index.write(id, null);
    for (const [id, next] of result.records) if (index.write(id, next)) outcome.migrated++;
    meta.set(SCHEMA_KEY, current);
  });
  return outcome;
}

/**
 * Moves text fields a document from before texts holds as entries into their texts
 * (packages/tldraw-yjs, textFields.ts), as the server's own change: from then on partners typing
 * in one card at once both keep every character. Returns the update to store, or null.
 */
export function migrateTexts(doc: Y.Doc, textFields: TextFieldTable): Uint8Array | null {
  const index = recordIndex(doc, textFields);
  return captureUpdate(doc, () => {
    for (const id of index.ids()) {
      const entries = index.entriesOf(id);
      if (!entries) continue;
      const fields = index.textFieldsOf(entries.get('typeName')?.v, entries.get('type')?.v);
      const patch: Record<string, unknown> = {};
      for (const field of fields) {
        const legacy = entries.get(field);
        if (legacy) patch[field] = readText(doc, id, field) ?? legacy.v;
      }
      if (Object.keys(patch).length > 0) index.setFields(id, patch);
    }
  });
}

function captureUpdate(doc: Y.Doc, fn: () => void): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('update', onUpdate);
  try {
    doc.transact(fn, SERVER_ORIGIN);
  } finally {
    doc.off('update', onUpdate);
  }
  return updates.length ? Y.mergeUpdates(updates) : null;
}
