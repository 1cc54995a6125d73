/**
 * The Y.Doc layout, the one format every client and the server agree on (see README.md):
 *
 *   doc.getMap('records')  id -> Y.Map of the record's top-level fields
 *                                 'props' -> Y.Map of the record's props
 *                                 'meta'  -> Y.Map of the record's meta
 *   doc.getMap('meta')     'schema' -> the tldraw SerializedSchema the document is written in
 *
 * Property granularity is the point: two partners changing different fields of one shape each
 * write their own map key, so Yjs keeps both edits, and a move never resends the shape's text.
 */
import * as Y from 'yjs';
import { jsonEqual } from './jsonEqual.ts';

export const RECORDS_MAP = 'records';
export const DOC_META_MAP = 'meta';
export const SCHEMA_KEY = 'schema';
/** Fields of a record that are themselves objects merged key by key. */
export const NESTED_FIELDS = ['props', 'meta'] as const;

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>;
export type YRecord = Y.Map<unknown>;

export function recordsMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap<YRecord>(RECORDS_MAP);
}

export function docMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DOC_META_MAP);
}

function isNested(key: string): key is (typeof NESTED_FIELDS)[number] {
  return key === 'props' || key === 'meta';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the Y.Map for a new record. */
export function createYRecord(record: Record<string, unknown>): YRecord {
  const yRecord = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (isNested(key) && isPlainObject(value)) {
      const nested = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(value)) if (v !== undefined) nested.set(k, v);
      yRecord.set(key, nested);
    } else {
      yRecord.set(key, value);
    }
  }
  return yRecord;
}

/** Reads a record back as plain JSON. Tolerates anything a peer may have written. */
export function readYRecord(yRecord: unknown): Record<string, unknown> | null {
  if (!(yRecord instanceof Y.Map)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of yRecord.entries()) {
    out[key] = value instanceof Y.Map ? value.toJSON() : value instanceof Y.AbstractType ? undefined : value;
  }
  return out;
}

/**
 * Writes only the fields that differ between the Y.Map and `next`: the heart of field-level
 * merge. Returns whether anything was written.
 */
export function updateYRecord(yRecord: YRecord, next: Record<string, unknown>): boolean {
  let changed = false;
  for (const key of [...yRecord.keys()]) {
    if (next[key] === undefined) {
      yRecord.delete(key);
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const current = yRecord.get(key);
    if (isNested(key) && isPlainObject(value)) {
      if (current instanceof Y.Map) {
        changed = updateNested(current, value) || changed;
      } else {
        const nested = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(value)) if (v !== undefined) nested.set(k, v);
        yRecord.set(key, nested);
        changed = true;
      }
    } else if (current instanceof Y.AbstractType || !jsonEqual(current, value)) {
      yRecord.set(key, value);
      changed = true;
    }
  }
  return changed;
}

function updateNested(map: Y.Map<unknown>, next: Record<string, unknown>): boolean {
  let changed = false;
  for (const key of [...map.keys()]) {
    if (next[key] === undefined) {
      map.delete(key);
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (!jsonEqual(map.get(key), value)) {
      map.set(key, value);
      changed = true;
    }
  }
  return changed;
}

/** What one Yjs transaction did to the records: which were removed, which fields changed. */
export interface RecordChanges {
  /** Records whose entry in the records map was set (new, or replaced wholesale). */
  replaced: Set<string>;
  removed: Set<string>;
  /** id -> changed top-level keys; a nested change is reported as 'props.key' / 'meta.key'. */
  fields: Map<string, Set<string>>;
}

/** Sorts the events of an observeDeep callback on the records map into RecordChanges. */
export function collectRecordChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): RecordChanges {
  const changes: RecordChanges = { replaced: new Set(), removed: new Set(), fields: new Map() };
  const addField = (id: string, field: string) => {
    let set = changes.fields.get(id);
    if (!set) {
      set = new Set();
      changes.fields.set(id, set);
    }
    set.add(field);
  };
  for (const event of events) {
    const path = event.path;
    const keys = event.changes.keys;
    if (path.length === 0) {
      for (const [id, change] of keys) {
        if (change.action === 'delete') {
          changes.removed.add(id);
          changes.replaced.delete(id);
        } else {
          changes.replaced.add(id);
          changes.removed.delete(id);
        }
      }
    } else if (path.length === 1) {
      for (const key of keys.keys()) addField(String(path[0]), key);
    } else if (path.length === 2) {
      for (const key of keys.keys()) addField(String(path[0]), `${String(path[1])}.${key}`);
    } else {
      // Deeper shared types are not part of the layout; mark the record for a full re-read.
      changes.replaced.add(String(path[0]));
    }
  }
  return changes;
}
