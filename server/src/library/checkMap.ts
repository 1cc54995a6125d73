/**
 * A template's map checked as the server checks any map: every record by the entry rules a room's
 * document holds its fields to (field names, plain JSON, sizes), by the store schema's validators,
 * and the whole by the reference rules (packages/schema, REFERENCE_RULES), its shapes on
 * TEMPLATE_PAGE. A room's records passed these when they were written; a template is checked
 * again because it is a new set (a loop map picked out of the room, or a file from anywhere).
 */
import { REFERENCE_RULES } from '@patroonkaart/schema';
import {
  checkEntry,
  checkJsonValue,
  ENTRY_LIMITS,
  flattenRecord,
  recordSetProblem,
  truncate,
  validateRecordJson,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';

type Rec = Record<string, unknown>;

/** The page a template's shapes sit on while checked and stored, and a new room's page. */
export const TEMPLATE_PAGE = 'page:page';

export interface MapProblem {
  /** `too-large`: more fields than one update may add (an exported template must import as a map). */
  code: 'invalid-map' | 'too-large';
  /** For the log, bounded: never sent to the client. */
  detail: string;
}

export function mapProblem(
  schema: StoreSchema<UnknownRecord, unknown>,
  records: readonly Rec[],
): MapProblem | null {
  const invalid = (detail: string): MapProblem => ({ code: 'invalid-map', detail: truncate(detail, 300) });
  const ids = new Set<string>();
  let fields = 0;
  for (const record of records) {
    const id = typeof record.id === 'string' ? record.id : '';
    if (ids.has(id)) return invalid(`${short(id)} twice`);
    ids.add(id);
    if (record.typeName !== 'shape' && record.typeName !== 'binding')
      return invalid(`${short(id)} is not a shape or a binding`);
    const json = checkJsonValue(record, ENTRY_LIMITS.maxRecordBytes);
    if (!json.ok) return invalid(`${short(id)}: ${json.reason}`);
    const flat = flattenRecord(record);
    if (flat.size > ENTRY_LIMITS.maxFieldsPerRecord) return invalid(`${short(id)} has ${flat.size} fields`);
    for (const [f, v] of flat) {
      const entry = checkEntry({ r: id, f, v });
      if (!entry.ok) return invalid(`${short(id)}: ${entry.reason}`);
    }
    fields += flat.size;
    const checked = validateRecordJson(schema, id, record, null);
    if (!checked.ok) return invalid(`${short(id)}: ${checked.report.reason}`);
  }
  if (fields > ENTRY_LIMITS.maxEntriesPerUpdate)
    return { code: 'too-large', detail: `${fields} fields (at most ${ENTRY_LIMITS.maxEntriesPerUpdate})` };
  const page = { id: TEMPLATE_PAGE, typeName: 'page', name: '', index: 'a1', meta: {} };
  const problem = recordSetProblem([page, ...records], REFERENCE_RULES);
  if (problem)
    return invalid(`${short(problem.id)}.${problem.field} ${problem.reason} (${short(problem.target)})`);
  return null;
}

function short(id: string): string {
  return truncate(id, 80);
}
