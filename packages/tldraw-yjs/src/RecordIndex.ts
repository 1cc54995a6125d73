/**
 * A live view of the document's records over the entries array: record id -> field -> the
 * rightmost live entry, with each text field (the ones its TextFieldTable names) read from its
 * own Y.Text (textFields.ts). Kept
 * current by observing the array and the texts; reports, per transaction, which records appeared,
 * disappeared, and which of their fields changed. Writers go through it too, because deleting an
 * old entry needs its position and a text is written as an edit, not a value.
 */
import type * as Y from 'yjs';
import { arrayChanges } from './arrayChanges.ts';
import { ArrayTail } from './arrayTail.ts';
import { type Entry, entriesArray, flattenRecord, isEntry, unflattenRecord } from './docLayout.ts';
import { EntryIds } from './entryIds.ts';
import { jsonEqual } from './jsonEqual.ts';
import {
  checkTextFieldTable,
  NO_TEXT_FIELDS,
  parseTextRoot,
  readText,
  rootCount,
  rootNameOf,
  sameTextFields,
  TEXT_ROOT_PREFIX,
  type TextFieldTable,
  textFieldsOf,
  textOf,
  textRootsOf,
  writeText,
} from './textFields.ts';

/** What one transaction did to the records. */
export interface RecordChanges {
  /** Records that did not exist before the transaction and do now. */
  added: Set<string>;
  removed: Set<string>;
  /** id -> fields whose value changed (for records that existed before and still do). */
  fields: Map<string, Set<string>>;
  /** Entries in the transaction that break the rules of entryRules.ts (never indexed). */
  malformed: number;
  /**
   * Records the transaction touched that have live entries but no `typeName` after it: fields a
   * concurrent writer left on a removed record, or entries of a record that never existed.
   */
  orphans: Set<string>;
}

export type RecordChangeListener = (changes: RecordChanges, transaction: Y.Transaction) => void;

/** What the checks read: the records as they are (RecordIndex) or as an update would leave them. */
export interface RecordView {
  ids(): string[];
  has(id: string): boolean;
  get(id: string): Record<string, unknown> | null;
  field(id: string, field: string): unknown;
  fieldCount(id: string): number;
}

export class RecordIndex implements RecordView {
  readonly array: Y.Array<Entry>;
  readonly doc: Y.Doc;
  /** Which fields of which record types are texts (handed in: the binding knows no record type). */
  readonly textFields: TextFieldTable;
  private readonly records = new Map<string, Map<string, Entry>>();
  private readonly entryIds = new EntryIds();
  private readonly tail: ArrayTail;
  private readonly listeners = new Set<RecordChangeListener>();
  /**
   * Fields with more than one live entry (left by writers who set them at once), each with every
   * one of them; a field not here has at most one, its value's. Kept exact, so a later edit of such
   * a field, once a writer has cleaned it, costs no walk over the array.
   */
  private readonly duplicates = new Map<string, Set<Entry>>();
  private readonly observer: (event: Y.YArrayEvent<Entry>, transaction: Y.Transaction) => void;
  private readonly afterTransaction: (transaction: Y.Transaction) => void;
  /** What the entries observer found in the running transaction, reported with its texts after it. */
  private pending: RecordChanges | null = null;

  constructor(doc: Y.Doc, textFields: TextFieldTable = NO_TEXT_FIELDS) {
    checkTextFieldTable(textFields);
    this.doc = doc;
    this.textFields = textFields;
    this.array = entriesArray(doc);
    this.tail = new ArrayTail(this.array);
    rootCount(doc); // root names are learnt as roots are created, from now on (textFields.ts)
    for (const entry of this.array.toArray()) {
      if (!isEntry(entry)) continue;
      const fields = this.fieldsOf(entry.r, true);
      const earlier = fields.get(entry.f);
      if (earlier) {
        const key = `${entry.r}\u0000${entry.f}`;
        const live = this.duplicates.get(key) ?? new Set([earlier]);
        live.add(entry);
        this.duplicates.set(key, live);
      }
      fields.set(entry.f, entry);
    }
    this.observer = (_event, transaction) => {
      this.pending = this.apply(transaction);
    };
    this.array.observe(this.observer);
    this.afterTransaction = (transaction) => this.report(transaction);
    doc.on('afterTransaction', this.afterTransaction);
  }

  onChange(listener: RecordChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.array.unobserve(this.observer);
    this.doc.off('afterTransaction', this.afterTransaction);
    this.listeners.clear();
  }

  /** Ids of the records that exist. */
  ids(): string[] {
    return [...this.records.keys()].filter((id) => this.has(id));
  }

  get size(): number {
    return this.ids().length;
  }

  has(id: string): boolean {
    return this.records.get(id)?.has('typeName') ?? false;
  }

  /** The record as stored (not validated), or null if it does not exist. */
  get(id: string): Record<string, unknown> | null {
    const fields = this.records.get(id);
    if (!fields?.has('typeName')) return null;
    return this.withTexts(id, unflattenRecord(new Map([...fields].map(([f, e]) => [f, e.v]))));
  }

  /**
   * `record` (of id `id`) with its text fields read from their texts: the text when the document
   * has one, else the value the record already holds (a document from before texts), else ''.
   */
  withTexts(id: string, record: Record<string, unknown>): Record<string, unknown> {
    for (const field of this.textFieldsOf(record.typeName, record.type)) {
      const inner = field.slice(field.indexOf('.') + 1);
      const outer = field.slice(0, field.indexOf('.'));
      const text = readText(this.doc, id, field);
      const holder = record[outer];
      const nested: Record<string, unknown> =
        typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>) : {};
      record[outer] = nested;
      if (text !== undefined) nested[inner] = text;
      else if (typeof nested[inner] !== 'string') nested[inner] = '';
    }
    return record;
  }

  /** The fields of a `typeName`/`type` record that are texts. */
  textFieldsOf(typeName: unknown, type: unknown): readonly string[] {
    return textFieldsOf(this.textFields, typeName, type);
  }

  /** Number of live fields of a record (existing or not). */
  fieldCount(id: string): number {
    return this.records.get(id)?.size ?? 0;
  }

  /** One field's stored value. */
  field(id: string, field: string): unknown {
    const fields = this.records.get(id);
    if (fields && this.textFieldsOf(fields.get('typeName')?.v, fields.get('type')?.v).includes(field))
      return readText(this.doc, id, field) ?? fields.get(field)?.v ?? '';
    return fields?.get(field)?.v;
  }

  /** A record's live fields with the entry that holds each (what forecastUpdate starts from). */
  entriesOf(id: string): ReadonlyMap<string, Entry> | undefined {
    return this.records.get(id);
  }

  /**
   * Every live entry of a field that has more than one (left by writers who set it at once);
   * undefined when it has at most one.
   */
  duplicatesOf(id: string, field: string): ReadonlySet<Entry> | undefined {
    return this.duplicates.get(`${id}\u0000${field}`);
  }

  /**
   * Makes the stored record equal `record` (or removes it when null), writing only the fields that
   * differ: a new entry per changed field, the old ones deleted. Call inside a transaction.
   */
  write(id: string, record: Record<string, unknown> | null): boolean {
    return this.writeMany([[id, record]]);
  }

  /** Sets (or, with undefined, deletes) single fields of a record. Call inside a transaction. */
  setFields(id: string, patch: Record<string, unknown>): boolean {
    const current = this.records.get(id);
    const desired = new Map<string, unknown>();
    if (current) for (const [f, e] of current) desired.set(f, e.v);
    for (const [f, v] of Object.entries(patch)) {
      if (v === undefined) desired.delete(f);
      else desired.set(f, v);
    }
    return this.writeFieldsMany([[id, desired]]);
  }

  writeMany(changes: Iterable<[string, Record<string, unknown> | null]>): boolean {
    return this.writeFieldsMany(
      [...changes].map(([id, record]) => [id, record ? flattenRecord(record) : new Map<string, unknown>()]),
    );
  }

  private writeFieldsMany(changes: [string, Map<string, unknown>][]): boolean {
    const toPush: Entry[] = [];
    // The entries to delete: the current ones, and for a field concurrent writers duplicated,
    // every live entry of it (all found by identity, cheaply).
    const staleEntries = new Set<Entry>();
    const markStale = (id: string, f: string, entry: Entry | undefined) => {
      if (entry) staleEntries.add(entry);
      for (const duplicate of this.duplicates.get(`${id}\u0000${f}`) ?? []) staleEntries.add(duplicate);
    };
    let texts = false;
    for (const [id, desired] of changes) {
      const current = this.records.get(id);
      // A removed record takes its texts along: nothing is left that no record shows.
      if (desired.size === 0) texts = this.clearTexts(id) || texts;
      // A text field is written as an edit of its text; an entry left from before texts goes.
      for (const f of this.textFieldsOf(desired.get('typeName'), desired.get('type'))) {
        const value = desired.get(f);
        if (value === undefined) continue;
        desired.delete(f);
        if (typeof value === 'string' && writeText(textOf(this.doc, id, f), value)) texts = true;
      }
      for (const [f, v] of desired) {
        const existing = current?.get(f);
        if (existing && jsonEqual(existing.v, v)) continue;
        toPush.push({ r: id, f, v });
        markStale(id, f, existing);
      }
      if (current) for (const [f, entry] of current) if (!desired.has(f)) markStale(id, f, entry);
    }
    if (toPush.length === 0 && staleEntries.size === 0) return texts;
    // The stale entries are deleted by their ids; only entries the index has no id for need the
    // walk over the array (before the push, so the walk cannot meet the new entries).
    // One transaction (the caller's, when there is one): peers never see a field deleted and
    // not yet written again.
    this.doc.transact((transaction) => {
      const unplaced = new Set(this.entryIds.deleteAll(this.array, staleEntries));
      if (unplaced.size > 0) this.deleteByWalking(unplaced);
      this.tail.append(transaction, toPush);
    });
    return true;
  }

  private clearTexts(id: string): boolean {
    let cleared = false;
    for (const name of textRootsOf(this.doc, id)) {
      const text = this.doc.getText(name);
      if (text.length === 0) continue;
      text.delete(0, text.length);
      cleared = true;
    }
    return cleared;
  }

  private deleteByWalking(entries: ReadonlySet<unknown>): void {
    const positions: number[] = [];
    this.array.forEach((entry, i) => {
      if (entries.has(entry)) positions.push(i);
    });
    // From the end, one run of neighbouring positions at a time: the positions before it stay put.
    for (let last = positions.pop(); last !== undefined; last = positions.pop()) {
      let start = last;
      while (positions.at(-1) === start - 1) {
        positions.pop();
        start--;
      }
      this.array.delete(start, last - start + 1);
    }
  }

  private fieldsOf(id: string, create: true): Map<string, Entry>;
  private fieldsOf(id: string, create: false): Map<string, Entry> | undefined;
  private fieldsOf(id: string, create: boolean): Map<string, Entry> | undefined {
    let fields = this.records.get(id);
    if (!fields && create) {
      fields = new Map();
      this.records.set(id, fields);
    }
    return fields;
  }

  private apply(transaction: Y.Transaction): RecordChanges {
    const touched = new Map<string, Set<string>>();
    const added = new Map<string, Entry[]>();
    const deleted = new Set<Entry>();
    let malformed = 0;
    const touch = (entry: unknown, isAdded: boolean) => {
      if (!isEntry(entry)) {
        if (isAdded) malformed++;
        return;
      }
      let set = touched.get(entry.r);
      if (!set) {
        set = new Set();
        touched.set(entry.r, set);
      }
      set.add(entry.f);
      if (isAdded) {
        const key = `${entry.r}\u0000${entry.f}`;
        // Pushed in place: copying the list per entry made one update of many entries of a single
        // field quadratic (43,000 entries stalled the server for seconds).
        const list = added.get(key);
        if (list) list.push(entry);
        else added.set(key, [entry]);
      } else {
        deleted.add(entry);
      }
    };
    const { added: addedItems, deleted: deletedItems } = arrayChanges(this.array, transaction);
    for (const item of addedItems) {
      this.entryIds.remember(item);
      for (const c of item.content.getContent()) touch(c, true);
    }
    for (const item of deletedItems) for (const c of item.content.getContent()) touch(c, false);

    // Each touched record before the change: whether it existed, and its touched fields' values.
    const before = new Map<string, { fields: Set<string>; existed: boolean; values: Map<string, unknown> }>();
    for (const [id, fields] of touched) {
      const current = this.records.get(id);
      before.set(id, {
        fields,
        existed: this.has(id),
        values: new Map([...fields].map((f) => [f, current?.get(f)?.v])),
      });
    }
    // The new rightmost entry of each touched field. Every live entry of a field is known without
    // looking at the array: before the transaction its one entry (`existing`) or, duplicated, the
    // ones `duplicates` holds; then less what it deleted, plus what it added. With one left, that
    // is the value (the usual write: one entry pushed, the current one deleted). Only a field left
    // with several, whose rightmost changed, is found by scanning the array from the end.
    const pending = new Set<string>();
    for (const [id, fields] of touched) {
      const current = this.fieldsOf(id, true);
      for (const f of fields) {
        const key = `${id}\u0000${f}`;
        const existing = current.get(f);
        const adds = (added.get(key) ?? []).filter((e) => !deleted.has(e));
        const known = this.duplicates.get(key);
        const existingLive = existing !== undefined && !deleted.has(existing);
        // The usual edit, settled without building the set below: at most one entry was live
        // before, and at most one is added, so at most one is live after unless both are.
        if (!known && adds.length <= 1 && !(existingLive && adds.length === 1)) {
          const [only] = adds;
          if (only) current.set(f, only);
          else if (!existingLive) current.delete(f);
          continue;
        }
        const live = new Set<Entry>();
        for (const e of known ?? (existing ? [existing] : [])) if (!deleted.has(e)) live.add(e);
        for (const e of adds) live.add(e);
        if (live.size <= 1) {
          this.duplicates.delete(key);
          const [only] = live;
          if (only) current.set(f, only);
          else current.delete(f);
          continue;
        }
        this.duplicates.set(key, live);
        if (adds.length === 0 && existing && live.has(existing)) continue; // still the rightmost
        current.delete(f);
        pending.add(key);
      }
    }
    if (pending.size > 0) {
      const all = this.array.toArray();
      // (Scanning from the end needs the whole list; this path is for concurrent edits only.)
      for (let i = all.length - 1; i >= 0 && pending.size > 0; i--) {
        const entry = all[i];
        if (!isEntry(entry)) continue;
        if (!pending.delete(`${entry.r}\u0000${entry.f}`)) continue;
        this.fieldsOf(entry.r, true).set(entry.f, entry);
      }
    }

    const changes: RecordChanges = {
      added: new Set(),
      removed: new Set(),
      fields: new Map(),
      malformed,
      orphans: new Set(),
    };
    for (const [id, { fields, existed, values }] of before) {
      const after = this.has(id);
      const size = this.records.get(id)?.size ?? 0;
      if (size === 0) this.records.delete(id);
      else if (!after) changes.orphans.add(id);
      if (!existed && after) changes.added.add(id);
      else if (existed && !after) changes.removed.add(id);
      else if (after) {
        const changed = new Set<string>();
        for (const f of fields) if (!jsonEqual(values.get(f), this.field(id, f))) changed.add(f);
        if (changed.size) changes.fields.set(id, changed);
      }
    }
    return changes;
  }

  /** After a transaction: its entry changes and the text fields it edited, to every listener. */
  private report(transaction: Y.Transaction): void {
    let changes = this.pending;
    this.pending = null;
    for (const type of transaction.changed.keys()) {
      if (type._item !== null) continue;
      const name = rootNameOf(this.doc, type);
      if (!name?.startsWith(TEXT_ROOT_PREFIX)) continue;
      const root = parseTextRoot(name);
      if (!root || !this.has(root.recordId)) continue;
      changes ??= {
        added: new Set(),
        removed: new Set(),
        fields: new Map(),
        malformed: 0,
        orphans: new Set(),
      };
      if (changes.added.has(root.recordId)) continue;
      const fields = this.records.get(root.recordId);
      if (!fields) continue;
      if (!this.textFieldsOf(fields.get('typeName')?.v, fields.get('type')?.v).includes(root.field)) continue;
      let set = changes.fields.get(root.recordId);
      if (!set) {
        set = new Set();
        changes.fields.set(root.recordId, set);
      }
      set.add(root.field);
    }
    if (!changes) return;
    for (const listener of this.listeners) listener(changes, transaction);
  }
}

/** One index per document, so every reader and writer of a doc shares the same view. */
const indexes = new WeakMap<Y.Doc, RecordIndex>();

/**
 * The document's index. The first call makes it, with `textFields` (none when not given): hand
 * the app's text fields to it where the document is made, before anything else reads it. A later
 * call may leave them out; naming other text fields than the index has throws, because two views
 * of one document that disagree about which fields are texts would write the same words twice.
 */
export function recordIndex(doc: Y.Doc, textFields?: TextFieldTable): RecordIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = new RecordIndex(doc, textFields);
    indexes.set(doc, index);
  } else if (textFields && !sameTextFields(index.textFields, textFields)) {
    throw new Error(
      'recordIndex: this document is indexed with other text fields (hand them to its first recordIndex)',
    );
  }
  return index;
}

/** Writes records into a document in one transaction (seeding, tests, imports), with the text fields of its index. */
export function writeRecords(
  doc: Y.Doc,
  records: Iterable<{ id: string } & Record<string, unknown>>,
  origin?: unknown,
): void {
  const index = recordIndex(doc);
  doc.transact(
    () => index.writeMany([...records].map((r) => [r.id, r] as [string, Record<string, unknown>])),
    origin,
  );
}
