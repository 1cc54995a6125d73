/**
 * Brings a set of records written in an older schema to ours: a stored room when it loads, a
 * restore point, an imported map file. tldraw's own `migrateStorage` runs every kind of migration,
 * including the store-wide one that turns link props into bindings (links.ts), which a
 * record-by-record migration cannot do. It runs on a copy: the caller writes the outcome only
 * when every migration succeeded, so a failure never leaves half a migrated room.
 */
import type { SerializedSchema, StoreSchema, SynchronousStorage, UnknownRecord } from '@tldraw/store';

type Rec = Record<string, unknown>;

export type MigrateRecordsResult =
  | { ok: true; records: Map<string, Rec>; changed: boolean }
  | { ok: false; reason: string };

/**
 * `records` in `persisted`'s schema, migrated to `schema`. Not-yet-newer is the caller's check:
 * a document written by a newer schema is refused here with a reason.
 */
export function migrateRecords(
  schema: StoreSchema<UnknownRecord, unknown>,
  persisted: SerializedSchema,
  records: Iterable<Rec>,
): MigrateRecordsResult {
  const needed = schema.getMigrationsSince(persisted);
  if (!needed.ok) return { ok: false, reason: 'written by a newer version' };
  const store = new Map<string, Rec>();
  for (const record of records) {
    if (typeof record.id !== 'string') return { ok: false, reason: 'a record without an id' };
    store.set(record.id, structuredClone(record));
  }
  if (needed.value.length === 0) return { ok: true, records: store, changed: false };
  let current = persisted;
  const storage: SynchronousStorage<UnknownRecord> = {
    get: (id) => store.get(id) as UnknownRecord | undefined,
    set: (id, record) => void store.set(id, record as unknown as Rec),
    delete: (id) => void store.delete(id),
    keys: () => store.keys(),
    values: () => store.values() as Iterable<UnknownRecord>,
    entries: () => store.entries() as Iterable<[string, UnknownRecord]>,
    getSchema: () => current,
    setSchema: (next) => {
      current = next;
    },
  };
  try {
    schema.migrateStorage(storage);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, records: store, changed: true };
}
