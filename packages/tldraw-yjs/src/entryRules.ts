/**
 * What a single entry of the document may hold: the one rule book that the server applies before
 * it accepts an update and every browser applies before it builds a record. Field names are data,
 * never paths into objects; values are plain JSON of bounded size and depth.
 *
 *   field  = key | "props." key | "meta." key
 *   key    = [A-Za-z_$][A-Za-z0-9_$-]{0,63}, and not "__proto__", "constructor" or "prototype"
 *   id     = 1-256 characters, "<typeName>:<rest>", no control characters
 */
import type { Entry } from './docLayout.ts';

/** The documented bounds (README, SECURITY.md). */
export const ENTRY_LIMITS = {
  /** Entries one update may add. Our own largest write (importing a 500-shape map) is ~12,000. */
  maxEntriesPerUpdate: 20_000,
  /** Live fields one record may have (a tldraw arrow, the widest shape, has about 30). */
  maxFieldsPerRecord: 256,
  /** Estimated JSON size of one record (a long freehand stroke is well under 100 KiB). */
  maxRecordBytes: 512 * 1024,
  /** Nesting of a value (tldraw's rich text is about 6 deep). */
  maxValueDepth: 32,
  maxIdLength: 256,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KEY = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const ID = /^[A-Za-z_][A-Za-z0-9_-]*:[^\u0000-\u001f\u007f]+$/;

export function isSafeKey(key: string): boolean {
  return KEY.test(key) && !FORBIDDEN_KEYS.has(key);
}

/** A field split into its parts, or null when the name is not allowed. */
export interface FieldName {
  /** The record's top-level key ('x', 'props', …). */
  readonly outer: string;
  /** The key inside props/meta, or null for a top-level field. */
  readonly inner: string | null;
}

/**
 * Field names seen so far: a record is rebuilt from its fields on every check, and the same few
 * dozen names came through the regular expression thousands of times a second. Bounded, so names
 * a peer invents cannot grow it without end; past the bound, names are parsed each time.
 */
const parsedFields = new Map<string, FieldName | null>();
const MAX_PARSED_FIELDS = 4096;

export function parseField(field: string): FieldName | null {
  const known = parsedFields.get(field);
  if (known !== undefined) return known;
  const parsed = parseFieldName(field);
  if (parsedFields.size < MAX_PARSED_FIELDS) parsedFields.set(field, parsed);
  return parsed;
}

function parseFieldName(field: string): FieldName | null {
  const dot = field.indexOf('.');
  if (dot === -1) return isSafeKey(field) ? { outer: field, inner: null } : null;
  const outer = field.slice(0, dot);
  const inner = field.slice(dot + 1);
  if (outer !== 'props' && outer !== 'meta') return null;
  return isSafeKey(inner) ? { outer, inner } : null;
}

export function isValidRecordId(id: string): boolean {
  return id.length <= ENTRY_LIMITS.maxIdLength && ID.test(id);
}

/** The typeName an id claims (`shape:abc` -> `shape`). */
export function idTypeName(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

export type ValueCheck = { ok: true; bytes: number } | { ok: false; reason: string };

/**
 * Whether a value is plain JSON: null, booleans, finite numbers, strings, arrays and objects whose
 * prototype is Object's own (lib0 decodes a `__proto__` key by swapping the prototype, which
 * `Object.keys` would not show) with no forbidden key. Returns an estimate of its JSON size.
 */
export function checkJsonValue(
  value: unknown,
  maxBytes: number,
  maxDepth: number = ENTRY_LIMITS.maxValueDepth,
): ValueCheck {
  let bytes = 0;
  let problem: string | null = null;
  const walk = (v: unknown, depth: number): void => {
    if (problem) return;
    if (depth > maxDepth) {
      problem = `nested deeper than ${maxDepth}`;
      return;
    }
    if (v === null || typeof v === 'boolean') {
      bytes += 5;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) problem = 'not a finite number';
      bytes += 8;
    } else if (typeof v === 'string') {
      bytes += v.length + 2;
    } else if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) problem = 'array with a foreign prototype';
      bytes += 2;
      for (const item of v) walk(item, depth + 1);
    } else if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        problem = 'object with a foreign prototype';
        return;
      }
      bytes += 2;
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) {
          problem = `forbidden key "${key}"`;
          return;
        }
        bytes += key.length + 3;
        walk((v as Record<string, unknown>)[key], depth + 1);
      }
    } else {
      problem = `not JSON (${typeof v})`;
    }
    if (bytes > maxBytes) problem ??= `larger than ${maxBytes} bytes`;
  };
  walk(value, 0);
  return problem ? { ok: false, reason: problem } : { ok: true, bytes };
}

export type EntryCheck = { ok: true; entry: Entry; bytes: number } | { ok: false; reason: string };

/** One item of the entries array, checked against every rule above. */
export function checkEntry(value: unknown): EntryCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'entry is not an object' };
  if (Object.getPrototypeOf(value) !== Object.prototype) return { ok: false, reason: 'entry prototype' };
  const keys = Object.keys(value);
  if (
    keys.length !== 3 ||
    !Object.hasOwn(value, 'r') ||
    !Object.hasOwn(value, 'f') ||
    !Object.hasOwn(value, 'v')
  )
    return { ok: false, reason: 'entry is not { r, f, v }' };
  const { r, f, v } = value as Record<string, unknown>;
  if (typeof r !== 'string' || !isValidRecordId(r)) return { ok: false, reason: 'bad record id' };
  if (typeof f !== 'string') return { ok: false, reason: 'field is not a string' };
  const field = parseField(f);
  if (!field) return { ok: false, reason: `field name not allowed: ${truncate(f, 60)}` };
  if (field.inner === null && (f === 'props' || f === 'meta')) {
    // A marker entry: the nested object exists.
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length > 0)
      return { ok: false, reason: `${f} marker must be {}` };
  }
  const checked = checkJsonValue(v, ENTRY_LIMITS.maxRecordBytes);
  if (!checked.ok) return { ok: false, reason: `value of ${f}: ${checked.reason}` };
  return { ok: true, entry: { r, f, v }, bytes: checked.bytes + r.length + f.length + 16 };
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
