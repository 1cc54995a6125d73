/**
 * The `.patroonkaart.json` map file on the server: a template is exported as one and imported from
 * one. The format is the client's (client/src/export/mapFile.ts: format, version, schema, records),
 * read by the same rules: migrated from the file's schema, every record validated, the reference
 * rules over the records as they will be placed (a shape whose parent is not in the file goes on
 * the page, a binding with an end outside the file is left out). What the client refuses, this
 * refuses, with the same reasons as HTTP error codes.
 */
import { MAP_FILE_FORMAT, MAP_FILE_VERSION, type MapFile, type MapFileSchema } from '@patroonkaart/protocol';
import { type JsonRecord, migrateRecords } from '@patroonkaart/schema';
import { checkJsonValue, ENTRY_LIMITS } from '@patroonkaart/tldraw-yjs';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import { mapProblem, TEMPLATE_PAGE } from './checkMap.ts';

type Rec = Record<string, unknown>;

export interface FileProblem {
  code: 'not-a-map' | 'map-too-new' | 'invalid-map' | 'too-large' | 'empty-map';
  /** For the log: never sent to the client. */
  detail: string;
}

export interface ReadMapFile {
  /** Every shape and binding of the file, valid, its shapes without a parent in the file on TEMPLATE_PAGE. */
  records: JsonRecord[];
  title: unknown;
  /** A template's file: its name and description (unchecked). */
  template: { name?: unknown; description?: unknown } | null;
}

const isPlainObject = (v: unknown): v is Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A parsed JSON body as a map file, checked completely; nothing is stored by this. */
export function readMapFile(
  data: unknown,
  schema: StoreSchema<UnknownRecord, unknown>,
): { ok: true; file: ReadMapFile } | { ok: false; problem: FileProblem } {
  const fail = (code: FileProblem['code'], detail: string) => ({
    ok: false as const,
    problem: { code, detail },
  });
  if (
    !isPlainObject(data) ||
    data.format !== MAP_FILE_FORMAT ||
    !Array.isArray(data.records) ||
    !isPlainObject(data.schema)
  )
    return fail('not-a-map', 'format, records or schema missing');
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1)
    return fail('not-a-map', 'no format version');
  if (data.version > MAP_FILE_VERSION) return fail('map-too-new', `format version ${data.version}`);
  const persisted = data.schema as unknown as SerializedSchema;
  try {
    if (!schema.getMigrationsSince(persisted).ok) return fail('map-too-new', 'schema');
  } catch {
    return fail('not-a-map', 'schema unreadable');
  }
  const raw = data.records as unknown[];
  if (raw.length > ENTRY_LIMITS.maxEntriesPerUpdate) return fail('too-large', `${raw.length} records`);
  const ids = new Set<string>();
  for (const record of raw) {
    if (!isPlainObject(record) || typeof record.id !== 'string')
      return fail('invalid-map', 'a record without an id');
    // Before any migration touches it: plain JSON, no forbidden key at any depth, bounded.
    const json = checkJsonValue(record, ENTRY_LIMITS.maxRecordBytes);
    if (!json.ok) return fail('invalid-map', json.reason);
    if (ids.has(record.id)) return fail('invalid-map', 'a record id twice');
    ids.add(record.id);
  }
  let migrated: ReturnType<typeof migrateRecords>;
  try {
    migrated = migrateRecords(schema, persisted, raw as Rec[]);
  } catch (error) {
    migrated = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!migrated.ok) return fail('invalid-map', `migration: ${migrated.reason}`);
  const all = [...migrated.records.values()];
  const present = new Set(all.map((r) => String(r.id)));
  const placed: JsonRecord[] = [];
  for (const r of all) {
    if (r.typeName === 'shape')
      placed.push((present.has(String(r.parentId)) ? r : { ...r, parentId: TEMPLATE_PAGE }) as JsonRecord);
    else if (r.typeName === 'binding') {
      if (present.has(String(r.fromId)) && present.has(String(r.toId))) placed.push(r as JsonRecord);
    } else return fail('invalid-map', `a record of type ${String(r.typeName).slice(0, 40)}`);
  }
  if (!placed.some((r) => r.typeName === 'shape')) return fail('empty-map', 'no shapes');
  const problem = mapProblem(schema, placed);
  if (problem) return fail(problem.code, problem.detail);
  const template = isPlainObject(data.template) ? data.template : null;
  return { ok: true, file: { records: placed, title: data.title, template } };
}

/** A template as a map file, in the current schema: importable as a map, and as a template again. */
export function mapFileOf(
  template: { name: string; description: string },
  records: JsonRecord[],
  schema: StoreSchema<UnknownRecord, unknown>,
  now = new Date(),
): MapFile {
  return {
    format: MAP_FILE_FORMAT,
    version: MAP_FILE_VERSION,
    exportedAt: now.toISOString(),
    title: template.name,
    schema: schema.serialize() as unknown as MapFileSchema,
    records,
    template: { name: template.name, description: template.description },
  };
}
