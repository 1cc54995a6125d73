/**
 * After an update is applied to a room's document, checks every record it touched against the
 * shared schema. The server's last line of defence: a bad record is never stored or relayed.
 */
import { type RecordChanges, type RecordIndex, validateRecordJson } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';

export interface TouchedProblem {
  id: string;
  reason: string;
}

export function validateTouched(
  schema: StoreSchema<UnknownRecord, unknown>,
  index: RecordIndex,
  changes: RecordChanges,
): TouchedProblem | null {
  for (const id of [...changes.added, ...changes.fields.keys()]) {
    const result = validateRecordJson(schema, id, index.get(id), null);
    if (!result.ok) return { id, reason: result.report.reason };
  }
  return null;
}
