/**
 * After an update is applied to a room's document, checks every record it touched against the
 * shared schema. The server's last line of defence: a bad record is never stored or relayed.
 */
import { type RecordChanges, readYRecord, recordsMap, validateRecordJson } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type * as Y from 'yjs';

export interface TouchedProblem {
  id: string;
  reason: string;
}

export function validateTouched(
  schema: StoreSchema<UnknownRecord, unknown>,
  doc: Y.Doc,
  changes: RecordChanges,
): TouchedProblem | null {
  const records = recordsMap(doc);
  const ids = new Set([...changes.replaced, ...changes.fields.keys()]);
  for (const id of ids) {
    if (changes.removed.has(id)) continue;
    const yRecord = records.get(id);
    if (yRecord === undefined) continue;
    const result = validateRecordJson(schema, id, readYRecord(yRecord), null);
    if (!result.ok) return { id, reason: result.report.reason };
  }
  return null;
}
