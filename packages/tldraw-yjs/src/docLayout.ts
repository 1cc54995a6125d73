/**
 * The Y.Doc layout, the one format every client and the server agree on (see README.md):
 *
 *   doc.getArray('entries')  Entry[]: { r: record id, f: field, v: JSON value }
 *   doc.getMap('meta')       'schema' -> the tldraw SerializedSchema the document is written in
 *
 * A record is the set of its fields; the rightmost live entry of a (record, field) pair is its
 * value. Fields are a record's top-level keys ('x', 'typeName', …) and, one level down, its props
 * and meta ('props.text', 'meta.note'); 'props' and 'meta' themselves are marker entries saying
 * the object exists. A record exists while it has a 'typeName' entry.
 *
 * Why an append-only array and not a Y.Map per record: writing a field pushes a new entry and
 * deletes the old one. Yjs merges runs of deleted array items from one writer into a single
 * tombstone, so two hours of dragging leave the document about as large as its content; a Y.Map
 * keeps one tombstone per overwrite and grew a thousandfold in our benchmark. Field granularity is
 * kept: partners editing different fields of one shape write different entries and both survive.
 */
import type * as Y from 'yjs';
import { checkEntry, parseField } from './entryRules.ts';

export const ENTRIES_ARRAY = 'entries';
export const DOC_META_MAP = 'meta';
export const SCHEMA_KEY = 'schema';
export interface Entry {
  r: string;
  f: string;
  v: unknown;
}

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>;

export function entriesArray(doc: Y.Doc): Y.Array<Entry> {
  return doc.getArray<Entry>(ENTRIES_ARRAY);
}

export function docMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DOC_META_MAP);
}

/** Whether an item of the entries array obeys every rule of entryRules.ts (skipped if not). */
export function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  if (checkedEntries.has(value)) return true;
  if (!checkEntry(value).ok) return false;
  checkedEntries.add(value);
  return true;
}
/** Entries already found valid: Yjs hands out the same object each time, and they never change. */
const checkedEntries = new WeakSet<object>();

function isNested(key: string): boolean {
  return key === 'props' || key === 'meta';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record as field -> value, the way it is stored. */
export function flattenRecord(record: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (isNested(key) && isPlainObject(value)) {
      fields.set(key, {});
      for (const [k, v] of Object.entries(value)) if (v !== undefined) fields.set(`${key}.${k}`, v);
    } else {
      fields.set(key, value);
    }
  }
  return fields;
}

/**
 * The record a set of stored fields describes (the inverse of flattenRecord). A field name that
 * breaks the grammar is skipped: a name is a key, never a path that could reach a prototype.
 */
export function unflattenRecord(fields: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [field, value] of fields) {
    const name = parseField(field);
    if (!name) continue;
    if (name.inner === null) {
      if (isNested(name.outer)) {
        if (!Object.hasOwn(record, name.outer)) record[name.outer] = {};
      } else record[name.outer] = value;
      continue;
    }
    const current = Object.hasOwn(record, name.outer) ? record[name.outer] : undefined;
    const nested = isPlainObject(current) ? current : {};
    nested[name.inner] = value;
    record[name.outer] = nested;
  }
  return record;
}
