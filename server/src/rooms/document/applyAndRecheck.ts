/**
 * Applies one client update that passed admission to a room's document, then checks again what it
 * actually did (the last word; the forecast may differ from the result for a crafted concurrent
 * write): no parked structs (the
 * sender is out of step), no new root types but texts, no write to the schema in `meta`, every touched record
 * valid (checkRecords). The caller rolls the document back when this refuses.
 */
import {
  DOC_META_MAP,
  parseTextRoot,
  type RecordChanges,
  type RecordIndex,
  type Repairs,
  rootCount,
  rootsCreatedSince,
  TEXT_ROOT_LIMITS,
} from '@patroonkaart/tldraw-yjs';
import * as Y from 'yjs';
import { checkRecords, type RecordCheckContext } from '../admission/checkRecords.ts';
import { type Refusal, refusal } from '../session/Refusal.ts';

export type ApplyOutcome =
  | { ok: true; changed: boolean; removed: string[]; repairs: Repairs }
  | { ok: false; refusal: Refusal };

export function applyAndRecheck(
  doc: Y.Doc,
  index: RecordIndex,
  update: Uint8Array,
  origin: unknown,
  ctx: Omit<RecordCheckContext, 'index'>,
): ApplyOutcome {
  const changes: RecordChanges[] = [];
  let metaTouched = false;
  const offRecords = index.onChange((c) => changes.push(c));
  const meta = doc.getMap(DOC_META_MAP);
  const onMeta = (_events: unknown, txn: Y.Transaction) => {
    if (txn.origin === origin) metaTouched = true;
  };
  meta.observeDeep(onMeta);
  const rootsBefore = rootCount(doc);
  let applied: Y.Transaction | null = null;
  const onTransaction = (txn: Y.Transaction) => {
    if (txn.origin === origin) applied = txn;
  };
  doc.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    return fail('malformed', `unreadable update: ${error instanceof Error ? error.message : error}`);
  } finally {
    offRecords();
    meta.unobserveDeep(onMeta);
    doc.off('afterTransaction', onTransaction);
  }
  // Yjs parks an update whose dependencies it lacks inside the document, where it would sit
  // unstored and be integrated (and relayed) later as part of someone else's update. A client
  // that sends one is out of step with the room: refuse it, and it resyncs on reconnect.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
    return fail('outOfStep', 'depends on changes the server does not have');
  if (rootCount(doc) !== rootsBefore) {
    // Only texts of record fields may appear (textFields.ts), and only so many at once.
    const added = rootsCreatedSince(doc, rootsBefore);
    if (!added.every((name) => parseTextRoot(name) !== null))
      return fail('invalidRecord', 'update writes outside the entries array and the texts');
    if (added.length > TEXT_ROOT_LIMITS.newRootsPerUpdate)
      return fail('invalidRecord', `update starts ${added.length} texts`);
  }
  if (metaTouched) return fail('invalidRecord', 'clients may not change the document schema');
  const repairs: Repairs = new Map();
  const removed: string[] = [];
  for (const c of changes) {
    const checked = checkRecords({ ...ctx, index }, c);
    if (!checked.ok) return checked;
    for (const [id, patch] of checked.repairs) repairs.set(id, patch);
    removed.push(...c.removed);
  }
  const changed = changes.length > 0 || (applied !== null && transactionChanged(applied));
  return { ok: true, changed, removed, repairs };
}

/** Whether a transaction added or deleted anything (a duplicate update does neither). */
export function transactionChanged(txn: Y.Transaction): boolean {
  if (txn.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of txn.afterState) if (clock > (txn.beforeState.get(client) ?? 0)) return true;
  return false;
}

function fail(code: Refusal['code'], detail: string): ApplyOutcome {
  return { ok: false, refusal: refusal(code, detail) };
}
