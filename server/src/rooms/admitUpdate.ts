/**
 * Everything decided about a client's update before it is applied, in the order that keeps a
 * refusal cheap: read it (inspectUpdate: size, field names, record types), forecast what it does
 * to the records (forecastUpdate), check that forecast (checkApplied: schema, sizes, orphans,
 * references) and who may write it (checkPermissions). Pure over the document: nothing is changed.
 */
import {
  forecastUpdate,
  inspectUpdate,
  type RecordIndex,
  type RecordView,
  type ReferenceRule,
  type TextEdit,
  textFieldsOf,
  truncate,
  type UpdateRefusal,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type * as Y from 'yjs';
import { checkApplied } from './checkApplied.ts';
import { checkPermissions } from './checkPermissions.ts';
import { lostShapes } from './lostShapes.ts';
import { type Refusal, refusal } from './Refusal.ts';
import type { RoomSession } from './RoomSession.ts';

export interface AdmitContext {
  doc: Y.Doc;
  index: RecordIndex;
  documentTypes: ReadonlySet<string>;
  schema: StoreSchema<UnknownRecord, unknown>;
  rules: readonly ReferenceRule[];
  wasRemoved(id: string): boolean;
}

export type Admission =
  | {
      ok: true;
      /** Shapes the update removes or orphans (a large deletion gets a restore point first). */
      removedShapes: number;
      /** Votes cast after voting closed: accepted, then removed by the server. */
      late: string[];
      /** Once applied: whether a record is as the forecast (checked here) said it would be. */
      foresaw(id: string): boolean;
    }
  | { ok: false; refusal: Refusal };

/**
 * `session` null: the merged updates of several senders. Whose a conversation record is cannot
 * be told then, so such an update may not touch one (the room then admits them one by one).
 */
export function admitUpdate(
  ctx: AdmitContext,
  session: RoomSession | null,
  update: Uint8Array,
  now: number,
): Admission {
  const inspection = inspectUpdate(update, { documentTypes: ctx.documentTypes });
  if (!inspection.ok) return { ok: false, refusal: refusalOf(inspection.refusal) };
  const forecast = forecastUpdate(ctx.doc, ctx.index, inspection.decoded);
  if (!forecast.ok)
    return {
      ok: false,
      refusal: refusal(forecast.kind === 'out-of-step' ? 'outOfStep' : 'invalidRecord', forecast.reason),
    };
  const foreseen = checkApplied(
    {
      schema: ctx.schema,
      rules: ctx.rules,
      wasRemoved: ctx.wasRemoved,
      index: forecast.view,
      findReferrers: false,
    },
    forecast.changes,
  );
  if (!foreseen.ok) return foreseen;
  const texts = checkTextEdits(forecast.texts, forecast.view, ctx.wasRemoved);
  if (!texts.ok) return texts;
  const permitted = checkPermissions(session, ctx.index, forecast.view, forecast.changes, now);
  if (!permitted.ok) return permitted;
  const removedShapes = lostShapes(ctx.index, forecast.changes.removed);
  return { ok: true, removedShapes, late: permitted.late, foresaw: forecast.foresaw };
}

/** Characters one update may insert into one text: a whole card's worth (the schema's limit). */
const MAX_TEXT_INSERT = 2000;

/**
 * Text edits go to a known text field of a record that exists (or was just removed by someone
 * else: typing into a step another partner deleted is not an attack), and insert no more than a
 * field may hold. The text's length once applied is the applied check's: it validates the record.
 */
function checkTextEdits(
  edits: readonly TextEdit[],
  view: RecordView,
  wasRemoved: (id: string) => boolean,
): { ok: true } | { ok: false; refusal: Refusal } {
  for (const { recordId, field, inserted } of edits) {
    const fail = (why: string) => ({
      ok: false as const,
      refusal: refusal('invalidRecord', `text ${truncate(recordId, 80)} ${field}: ${why}`),
    });
    if (inserted > MAX_TEXT_INSERT) return fail(`${inserted} characters at once`);
    if (!view.has(recordId)) {
      if (wasRemoved(recordId)) continue;
      return fail('no such record');
    }
    if (!textFieldsOf(view.field(recordId, 'typeName'), view.field(recordId, 'type')).includes(field))
      return fail('not a text field');
  }
  return { ok: true };
}

function refusalOf(r: UpdateRefusal): Refusal {
  if (r.kind === 'unreadable') return refusal('malformed', r.reason);
  if (r.kind === 'too-many-entries') return refusal('messageTooLarge', r.reason);
  return refusal('invalidRecord', r.reason);
}
