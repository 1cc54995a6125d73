/**
 * The document records the schema it was written with. A client older than the document must
 * not write (its records would be invalid to newer peers); migrating stored documents is the
 * server's job, on load, never whichever client connects first.
 */
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';

/** 'same': identical; 'older': the document is older (the server migrates it); 'newer': we are outdated. */
export type SchemaComparison = 'same' | 'older' | 'newer';

export function compareSchema<R extends UnknownRecord>(
  ours: StoreSchema<R, unknown>,
  docSchema: unknown,
): SchemaComparison {
  if (typeof docSchema !== 'object' || docSchema === null) return 'newer';
  const theirs = docSchema as SerializedSchema;
  const migrations = ours.getMigrationsSince(theirs);
  if (!migrations.ok) return 'newer';
  return migrations.value.length > 0 ? 'older' : 'same';
}
