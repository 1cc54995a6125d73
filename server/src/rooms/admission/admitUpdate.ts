/**
 * Everything decided about a client's update before it is applied, in the order that keeps a
 * refusal cheap: read it (inspectUpdate: size, field names, record types), forecast what it does
 * to the records (forecastUpdate), check that forecast (checkRecords: schema, sizes, orphans,
 * references), the texts it writes (checkTextEdits) and who may write it (checkPermissions). Pure over the document: nothing is changed.
 */
import {
  forecastUpdate,
  inspectUpdate,
  type RecordIndex,
  type ReferenceRule,
  type UpdateRefusal,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type * as Y from 'yjs';
import { type Refusal, refusal } from '../session/Refusal.ts';
import type { RoomSession } from '../session/RoomSession.ts';
import { checkPermissions } from './checkPermissions.ts';
import { checkRecords } from './checkRecords.ts';
import { checkTextEdits } from './checkTextEdits.ts';
import { lostShapes } from './lostShapes.ts';

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
      /** Records gone once applied that may leave texts behind: the server clears them. */
      tidy: string[];
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
  const foreseen = checkRecords(
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
  const texts = checkTextEdits(
    ctx.doc,
    forecast.texts,
    forecast.view,
    forecast.changes.removed,
    ctx.wasRemoved,
    ctx.index.textFields,
  );
  if (!texts.ok) return texts;
  const permitted = checkPermissions(session, ctx.index, forecast.view, forecast.changes, now);
  if (!permitted.ok) return permitted;
  const removedShapes = lostShapes(ctx.index, forecast.changes.removed);
  return { ok: true, removedShapes, late: permitted.late, tidy: texts.tidy, foresaw: forecast.foresaw };
}

function refusalOf(r: UpdateRefusal): Refusal {
  if (r.kind === 'unreadable') return refusal('malformed', r.reason);
  if (r.kind === 'too-many-entries') return refusal('messageTooLarge', r.reason);
  return refusal('invalidRecord', r.reason);
}
