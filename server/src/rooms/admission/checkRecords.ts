/**
 * The checks of the records an update touches, as they are (or will be) after it: every touched record valid for the schema and within its size bounds, no entry left on a
 * record that does not exist, every reference pointing at something of the right kind. The
 * server's defence in two places: on the forecast of an update, before it is applied (a refusal
 * then costs nothing to undo), and on the applied result, the last word (what fails there is
 * rolled back, never stored or relayed).
 */

import { conversationRecordProblem, isConversationType } from '@patroonkaart/model';
import {
  checkReferences,
  ENTRY_LIMITS,
  type RecordChanges,
  type RecordView,
  type ReferenceRule,
  type Repairs,
  truncate,
  validateRecordJson,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import { type Refusal, refusal } from '../session/Refusal.ts';
import { repairProblem } from './checkRepairs.ts';

export interface RecordCheckContext {
  schema: StoreSchema<UnknownRecord, unknown>;
  /** The records after the update: applied (the index) or forecast (forecastUpdate). */
  index: RecordView;
  /** Whether to look for referrers of removed records (repairs only; the applied check does). */
  findReferrers?: boolean;
  rules: readonly ReferenceRule[];
  /** Whether a record id that is gone existed in this room lately (removed, not forged). */
  wasRemoved(id: string): boolean;
  /**
   * Records already validated as they now are (the applied check after a forecast that foresaw
   * them exactly): their schema and size checks are not repeated. References are always checked.
   */
  validated?(id: string): boolean;
}

export type RecordCheck = { ok: true; repairs: Repairs } | { ok: false; refusal: Refusal };

export function checkRecords(ctx: RecordCheckContext, changes: RecordChanges): RecordCheck {
  const fail = (detail: string): RecordCheck => ({ ok: false, refusal: refusal('invalidRecord', detail) });
  if (changes.malformed > 0) return fail(`${changes.malformed} malformed entries`);
  if (changes.removed.has('document:document')) return fail('the document record cannot be removed');
  for (const id of [...changes.added, ...changes.fields.keys()]) {
    if (ctx.validated?.(id)) continue;
    const record = ctx.index.get(id);
    const fieldCount = ctx.index.fieldCount(id);
    if (fieldCount > ENTRY_LIMITS.maxFieldsPerRecord)
      return fail(`record ${short(id)} has ${fieldCount} fields`);
    const bytes = JSON.stringify(record).length;
    if (bytes > ENTRY_LIMITS.maxRecordBytes) return fail(`record ${short(id)} is ${bytes} bytes`);
    if (record && isConversationType(record.typeName)) {
      const problem = conversationRecordProblem(record);
      if (problem) return fail(`invalid record ${short(id)}: ${problem}`);
      continue;
    }
    const result = validateRecordJson(ctx.schema, id, record, null);
    if (!result.ok) return fail(`invalid record ${short(id)}: ${result.report.reason}`);
  }
  const gone = (id: string) => changes.removed.has(id) || ctx.wasRemoved(id);
  const repairs: Repairs = new Map();
  for (const id of changes.orphans) {
    // Fields a partner wrote while another removed the record: removal wins, the server tidies up.
    // Entries of a record that never existed are someone storing data outside any record.
    if (!gone(id)) return fail(`entries for ${short(id)}, which is not a record`);
    repairs.set(id, null);
  }
  const references = checkReferences(ctx.index, changes, ctx.rules, gone, ctx.findReferrers ?? true);
  if (references.problem) {
    const p = references.problem;
    return fail(`${short(p.id)}.${p.field} ${p.reason} (${short(p.target)})`);
  }
  for (const [id, patch] of references.repairs) if (!repairs.has(id)) repairs.set(id, patch);
  const unsound = repairProblem(ctx, repairs);
  if (unsound) return fail(unsound);
  return { ok: true, repairs };
}

function short(id: string): string {
  return truncate(id, 80);
}
