/** The boundary check: nothing from the document enters a store without passing its schema. */
import type { Store, StoreSchema, UnknownRecord } from '@tldraw/store';

export interface InvalidRecordReport {
  id: string;
  typeName: string | null;
  reason: string;
}

export type IncomingResult<R> = { ok: true; record: R } | { ok: false; report: InvalidRecordReport };

interface RecordTypeLike {
  scope: string;
  validate(record: unknown, recordBefore?: unknown): unknown;
}

/**
 * Validates one record read from the document against a schema, without a store: the server uses
 * this on every record an update touches. `before` is the record's previous valid state, if any.
 */
export function validateRecordJson<R extends UnknownRecord>(
  schema: StoreSchema<R, unknown>,
  id: string,
  raw: Record<string, unknown> | null,
  before: R | null,
): IncomingResult<R> {
  const typeName = raw && typeof raw.typeName === 'string' ? raw.typeName : null;
  const fail = (reason: string): IncomingResult<R> => ({ ok: false, report: { id, typeName, reason } });
  if (!raw) return fail('not a record');
  if (raw.id !== id) return fail(`id field ${JSON.stringify(raw.id)} does not match its key`);
  if (!typeName) return fail('missing typeName');
  const recordType = (schema.types as Record<string, RecordTypeLike | undefined>)[typeName];
  if (recordType?.scope !== 'document') {
    return fail(`unknown or non-document record type "${typeName}"`);
  }
  if (!id.startsWith(`${typeName}:`)) return fail(`id "${id}" does not start with "${typeName}:"`);
  try {
    return { ok: true, record: recordType.validate(raw, before ?? undefined) as R };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** The same check for a store: uses the store's own validation hooks as well. */
export function validateIncoming<R extends UnknownRecord>(
  store: Store<R>,
  id: string,
  raw: Record<string, unknown> | null,
): IncomingResult<R> {
  const before = (store.get(id as R['id']) as R | undefined) ?? null;
  const checked = validateRecordJson(store.schema, id, raw, before);
  if (!checked.ok) return checked;
  try {
    const record = store.schema.validateRecord(
      store,
      checked.record,
      before ? 'updateRecord' : 'createRecord',
      before,
    );
    return { ok: true, record };
  } catch (error) {
    return { ok: false, report: { id, typeName: checked.record.typeName, reason: String(error) } };
  }
}
