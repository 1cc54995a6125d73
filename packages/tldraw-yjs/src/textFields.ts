/**
 * Text fields: the words on a card, merged character by character. Two partners rephrasing one
 * step at once both keep every character they typed, where they typed it, because each text
 * field is a Y.Text of its own rather than one value in the entries array.
 *
 *   doc.getText('text:<record id>#<field>')   the field's text ('text:shape:abc#props.text')
 *
 * A root type per field (not a Y.Text nested in an entry) because root types exist by name: two
 * partners who start typing into the same empty card at once write into the same text, where two
 * nested texts created concurrently would leave one of them orphaned. Which fields are texts is
 * fixed here, per record type; their values never live in the entries array (a writer deletes any
 * entry of such a field it finds, left by a document from before texts; the server migrates those
 * on load). A text field with neither a text nor an entry reads as ''.
 */
import type * as Y from 'yjs';
import { isValidRecordId, parseField } from './entryRules.ts';

/** `<typeName>/<type>` -> the fields of such a record that are texts. */
export const TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'shape/loop-step': ['props.text'],
  'shape/behaviour': ['props.name', 'props.utterance'],
  'shape/first-step': ['props.what', 'props.who'],
  'shape/pattern-title': ['props.text'],
};

export const TEXT_ROOT_PREFIX = 'text:';
const NONE: readonly string[] = [];

export function textFieldsOf(typeName: unknown, type: unknown): readonly string[] {
  return TEXT_FIELDS[`${String(typeName)}/${String(type)}`] ?? NONE;
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

/** The root name of a root type (Yjs does not keep it on the type). */
export function rootNameOf<T>(doc: Y.Doc, type: Y.AbstractType<T>): string | null {
  const cached = rootNames.get(type);
  if (cached !== undefined) return cached;
  for (const [name, t] of doc.share) {
    if ((t as unknown) === type) {
      rootNames.set(type, name);
      return name;
    }
  }
  return null;
}
const rootNames = new WeakMap<object, string>();
