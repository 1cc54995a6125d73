/**
 * Text fields: the words on a card, merged character by character. Two partners rephrasing one
 * step at once both keep every character they typed, where they typed it, because each text
 * field is a Y.Text of its own rather than one value in the entries array.
 *
 *   doc.getText('text:<record id>#<field>')   the field's text ('text:shape:abc#props.text')
 *
 * A root type per field (not a Y.Text nested in an entry) because root types exist by name: two
 * partners who start typing into the same empty card at once write into the same text, where two
 * nested texts created concurrently would leave one of them orphaned. Which fields are texts, per
 * record type, is the app's to say: it hands a `TextFieldTable` to the binding and to the first
 * `recordIndex(doc, textFields)` of a document (as it hands the reference rules to the checks);
 * every other field is one value. Their values never live in the entries array (a writer deletes
 * any entry of such a field it finds, left by a document from before texts; the server migrates
 * those on load). A text field with neither a text nor an entry reads as ''.
 */
import type * as Y from 'yjs';
import { isValidRecordId, parseField } from './entryRules.ts';

/** `<typeName>/<type>` -> the fields of such a record that are texts ('shape/note': ['props.body']). */
export type TextFieldTable = Readonly<Record<string, readonly string[]>>;

/** No field is a text: every field is merged as a whole value. */
export const NO_TEXT_FIELDS: TextFieldTable = Object.freeze({});

export const TEXT_ROOT_PREFIX = 'text:';
const NONE: readonly string[] = [];

/** The fields of a `typeName`/`type` record that are texts in `table`. */
export function textFieldsOf(table: TextFieldTable, typeName: unknown, type: unknown): readonly string[] {
  const key = `${String(typeName)}/${String(type)}`;
  return (Object.hasOwn(table, key) ? table[key] : undefined) ?? NONE;
}

/** Every field that is a text in some record type of `table`: what a text of a removed record may have been. */
export function anyTextField(table: TextFieldTable): ReadonlySet<string> {
  let fields = anyFields.get(table);
  if (!fields) {
    fields = new Set(Object.values(table).flat());
    anyFields.set(table, fields);
  }
  return fields;
}
const anyFields = new WeakMap<TextFieldTable, ReadonlySet<string>>();

/** Throws unless every key is `<typeName>/<type>` and every field is one level down (`props.<key>`, `meta.<key>`). */
export function checkTextFieldTable(table: TextFieldTable): void {
  for (const [key, fields] of Object.entries(table)) {
    if (!/^[^/]+\/[^/]+$/.test(key)) throw new Error(`text fields: '${key}' is not <typeName>/<type>`);
    for (const field of fields)
      if (parseField(field)?.inner == null)
        throw new Error(`text fields of ${key}: '${field}' is not a props.<key> or meta.<key> field`);
  }
}

/** Whether two tables name the same text fields for the same record types. */
export function sameTextFields(a: TextFieldTable, b: TextFieldTable): boolean {
  if (a === b) return true;
  const entries = Object.entries(a);
  if (entries.length !== Object.keys(b).length) return false;
  return entries.every(([k, x]) => {
    const y = Object.hasOwn(b, k) ? b[k] : undefined;
    return y !== undefined && x.length === y.length && x.every((f, i) => f === y[i]);
  });
}

export function textRootName(recordId: string, field: string): string {
  return `${TEXT_ROOT_PREFIX}${recordId}#${field}`;
}

/** The record and field a root name stands for, or null when it breaks the grammar. */
export function parseTextRoot(name: string): { recordId: string; field: string } | null {
  if (!name.startsWith(TEXT_ROOT_PREFIX)) return null;
  const hash = name.lastIndexOf('#');
  if (hash <= TEXT_ROOT_PREFIX.length) return null;
  const recordId = name.slice(TEXT_ROOT_PREFIX.length, hash);
  const field = name.slice(hash + 1);
  if (!isValidRecordId(recordId) || !parseField(field)) return null;
  return { recordId, field };
}

/** The field's text, or undefined when the document has no text for it yet. */
export function readText(doc: Y.Doc, recordId: string, field: string): string | undefined {
  const name = textRootName(recordId, field);
  return doc.share.has(name) ? doc.getText(name).toString() : undefined;
}

export function textOf(doc: Y.Doc, recordId: string, field: string): Y.Text {
  return doc.getText(textRootName(recordId, field));
}

/**
 * Makes the text equal `value` with the smallest edit around one changed span (common prefix and
 * suffix kept): what typing, pasting or replacing a word does. Call inside a transaction.
 */
export function writeText(text: Y.Text, value: string): boolean {
  const current = text.toString();
  if (current === value) return false;
  const { start, deleteCount, insert } = textDiff(current, value);
  if (deleteCount > 0) text.delete(start, deleteCount);
  if (insert) text.insert(start, insert);
  return true;
}

/** The one span where `before` and `after` differ. */
export function textDiff(
  before: string,
  after: string,
): { start: number; deleteCount: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair: an emoji is one character to a partner.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    start,
    deleteCount: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * How many texts one update may start, and how many one record may ever have. A record type has
 * at most two text fields; the margin is for an id used again for another kind of card (undo).
 * An update carries at most 20,000 entries, about 2,000 cards: 4,000 new texts is the most an
 * honest one (an imported map) starts. Each root stays in the document for good (Yjs never drops
 * a root type), so both bound what a partner can leave behind. How long a text may be is the
 * schema's to say (the server checks it).
 */
export const TEXT_ROOT_LIMITS = {
  newRootsPerUpdate: 4000,
  rootsPerRecord: 4,
} as const;

/** The root name of a root type (Yjs does not keep it on the type). */
export function rootNameOf<T>(doc: Y.Doc, type: Y.AbstractType<T>): string | null {
  return rootsOf(doc).names.get(type) ?? null;
}

/** The names of the text roots that name `recordId`, in the order they were created. */
export function textRootsOf(doc: Y.Doc, recordId: string): readonly string[] {
  return rootsOf(doc).byRecord.get(recordId) ?? NONE;
}

/** How many root types the document has had created so far (never fewer: Yjs keeps every root). */
export function rootCount(doc: Y.Doc): number {
  return rootsOf(doc).created.length;
}

/** The names of the roots created after the first `from`. */
export function rootsCreatedSince(doc: Y.Doc, from: number): readonly string[] {
  return rootsOf(doc).created.slice(from);
}

/**
 * Each root type's name, kept as the root is created. Yjs creates every root through
 * `doc.share.set` (a local `getText`, and each root an update names as it is read); watching that
 * one call costs O(1) per root. Finding a name by scanning `doc.share` instead cost O(roots) per
 * changed root: 15,000 new roots stalled a server for seconds.
 */
class RootNames {
  readonly names = new WeakMap<object, string>();
  readonly byRecord = new Map<string, string[]>();
  readonly created: string[] = [];

  constructor(doc: Y.Doc) {
    const share = doc.share;
    for (const [name, type] of share) this.remember(name, type, true);
    const set = share.set.bind(share);
    share.set = (name, type) => {
      this.remember(name, type, !share.has(name));
      return set(name, type);
    };
  }

  private remember(name: string, type: object, isNew: boolean): void {
    this.names.set(type, name);
    if (!isNew) return; // an untyped root given its type: same name, already counted
    this.created.push(name);
    const root = parseTextRoot(name);
    if (!root) return;
    const list = this.byRecord.get(root.recordId);
    if (list) list.push(name);
    else this.byRecord.set(root.recordId, [name]);
  }
}

const registries = new WeakMap<Y.Doc, RootNames>();

function rootsOf(doc: Y.Doc): RootNames {
  let roots = registries.get(doc);
  if (!roots) {
    roots = new RootNames(doc);
    registries.set(doc, roots);
  }
  return roots;
}
