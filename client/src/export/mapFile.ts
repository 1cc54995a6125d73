/**
 * The `.patroonkaart.json` file: a format version, the map's records and the schema they were
 * written in. Importing migrates the records to our schema, validates every one, gives them new
 * ids (so a copy never collides with what is there) and places them beside the existing map.
 * A wrong, corrupt or too new file is refused as a whole, with a reason a person can read.
 */
import { createPatroonkaartSchema, migrateRecords, REFERENCE_RULES } from '@patroonkaart/schema';
import { recordSetProblem, validateRecordJson } from '@patroonkaart/tldraw-yjs';
import type { SerializedSchema } from '@tldraw/store';
import { getIndicesAbove } from '@tldraw/utils';
import type { Editor, TLRecord, TLShapeId } from 'tldraw';
import { pendingImportKey } from './pendingImport.ts';

export const MAP_FILE_FORMAT = 'patroonkaart';
export const MAP_FILE_VERSION = 1;
export const MAP_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Imports the file the landing page left for this room, once. */
export function importPendingMap(editor: Editor, roomId: string): void {
  const key = pendingImportKey(roomId);
  const text = sessionStorage.getItem(key);
  if (text === null) return;
  sessionStorage.removeItem(key);
  try {
    placeMapRecords(editor, parseMapFile(text));
    editor.zoomToFit({ animation: { duration: 0 } });
  } catch (error) {
    console.error('Patroonkaart: the imported map could not be placed', error);
  }
}

export interface MapFile {
  format: typeof MAP_FILE_FORMAT;
  version: number;
  exportedAt: string;
  title: string;
  schema: SerializedSchema;
  records: Record<string, unknown>[];
}

export type MapFileError = 'not-json' | 'not-a-map' | 'too-new' | 'invalid-records' | 'too-large' | 'empty';

export class MapFileProblem extends Error {
  readonly code: MapFileError;
  constructor(code: MapFileError, detail?: string) {
    super(detail ?? code);
    this.code = code;
  }
}

export function buildMapFile(editor: Editor, ids: readonly TLShapeId[], title: string): MapFile {
  const shapeIds = new Set<string>();
  const collect = (id: TLShapeId) => {
    shapeIds.add(id);
    for (const child of editor.getSortedChildIdsForParent(id)) collect(child);
  };
  for (const id of ids) collect(id);
  const records: Record<string, unknown>[] = [];
  for (const id of shapeIds)
    records.push(structuredClone(editor.getShape(id as TLShapeId)) as unknown as Record<string, unknown>);
  for (const binding of editor.store.allRecords().filter((r) => r.typeName === 'binding')) {
    const b = binding as unknown as { fromId: string; toId: string };
    if (shapeIds.has(b.fromId) && shapeIds.has(b.toId))
      records.push(structuredClone(binding) as unknown as Record<string, unknown>);
  }
  return {
    format: MAP_FILE_FORMAT,
    version: MAP_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    title,
    schema: editor.store.schema.serialize(),
    records,
  };
}

/** Parses and checks a file completely before anything touches the canvas. */
export function parseMapFile(text: string): TLRecord[] {
  if (text.length > MAP_FILE_MAX_BYTES) throw new MapFileProblem('too-large');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MapFileProblem('not-json');
  }
  const file = data as Partial<MapFile>;
  if (
    typeof file !== 'object' ||
    file === null ||
    file.format !== MAP_FILE_FORMAT ||
    !Array.isArray(file.records) ||
    !file.schema
  ) {
    throw new MapFileProblem('not-a-map');
  }
  if (typeof file.version !== 'number' || file.version > MAP_FILE_VERSION)
    throw new MapFileProblem('too-new');
  const schema = createPatroonkaartSchema();
  if (!schema.getMigrationsSince(file.schema).ok) throw new MapFileProblem('too-new');
  for (const raw of file.records)
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new MapFileProblem('invalid-records');
  // A whole-file migration: an older file's link props become bindings (packages/schema, links.ts).
  const migrated = migrateRecords(schema as never, file.schema, file.records as Record<string, unknown>[]);
  if (!migrated.ok) throw new MapFileProblem('invalid-records', `migration: ${migrated.reason}`);
  const out: TLRecord[] = [];
  for (const record of migrated.records.values()) {
    if (record.typeName !== 'shape' && record.typeName !== 'binding')
      throw new MapFileProblem('invalid-records');
    const checked = validateRecordJson(schema as never, String(record.id), record, null);
    if (!checked.ok) throw new MapFileProblem('invalid-records', checked.report.reason);
    out.push(checked.record as unknown as TLRecord);
  }
  if (!out.some((r) => r.typeName === 'shape')) throw new MapFileProblem('empty');
  const problem = referenceProblem(out);
  if (problem) throw new MapFileProblem('invalid-records', problem);
  return out;
}

/**
 * The server's reference rules over the records as they will be placed (placeMapRecords): a shape
 * whose parent is not in the file goes on the page, a binding with an end outside the file is
 * left out. Two arrows bound to each other in a file made every screen of the new room fail.
 */
function referenceProblem(records: readonly TLRecord[]): string | null {
  const ids = new Set(records.map((r) => r.id as string));
  const page = { id: 'page:import', typeName: 'page', name: '', index: 'a1', meta: {} };
  const placed: Record<string, unknown>[] = [page];
  for (const r of records) {
    const record = r as unknown as Record<string, unknown>;
    if (r.typeName === 'shape' && !ids.has(String(record.parentId)))
      placed.push({ ...record, parentId: page.id });
    else if (r.typeName === 'shape' || (ids.has(String(record.fromId)) && ids.has(String(record.toId))))
      placed.push(record);
  }
  const p = recordSetProblem(placed, REFERENCE_RULES);
  return p ? `${p.id}.${p.field} ${p.reason} (${p.target})` : null;
}

/** Puts parsed records on the current page as a copy with fresh ids, beside what is there. */
export function placeMapRecords(editor: Editor, records: readonly TLRecord[]): TLShapeId[] {
  const idMap = new Map<string, string>();
  const fresh = (prefix: string) => `${prefix}:${crypto.randomUUID().replaceAll('-', '')}`;
  for (const r of records) idMap.set(r.id, fresh(r.typeName));
  const shapes = records.filter((r) => r.typeName === 'shape') as unknown as {
    id: string;
    x: number;
    y: number;
    parentId: string;
  }[];
  const topLevel = shapes.filter((s) => !idMap.has(s.parentId));
  const minX = Math.min(...topLevel.map((s) => s.x));
  const minY = Math.min(...topLevel.map((s) => s.y));
  const existing = editor.getCurrentPageShapeIds().size ? editor.getCurrentPageBounds() : undefined;
  const origin = existing ? { x: existing.maxX + 200, y: existing.minY } : { x: 0, y: 0 };
  const page = editor.getCurrentPageId();
  const start = editor.getHighestIndexForParent(page);
  const indices = [start, ...getIndicesAbove(start, topLevel.length)];
  let nextTopLevel = 0;
  const out: TLRecord[] = [];
  const sorted = [...records].sort((a, b) =>
    String((a as { index?: string }).index ?? '').localeCompare(
      String((b as { index?: string }).index ?? ''),
    ),
  );
  for (const r of sorted) {
    const copy = structuredClone(r) as unknown as Record<string, unknown>;
    copy.id = idMap.get(r.id);
    if (r.typeName === 'shape') {
      const parent = idMap.get(copy.parentId as string);
      if (parent) copy.parentId = parent;
      else {
        copy.parentId = page;
        copy.x = (copy.x as number) - minX + origin.x;
        copy.y = (copy.y as number) - minY + origin.y;
        copy.index = indices[nextTopLevel++];
      }
    } else {
      copy.fromId = idMap.get(copy.fromId as string);
      copy.toId = idMap.get(copy.toId as string);
      // A link or arrow end to a shape that is not in the file has nothing to tie to here.
      if (!copy.fromId || !copy.toId) continue;
    }
    out.push(copy as unknown as TLRecord);
  }
  editor.store.put(out);
  return out.filter((r) => r.typeName === 'shape').map((r) => r.id as TLShapeId);
}
