/**
 * What an update would do to the records, worked out without applying it, so that a server can
 * refuse an invalid update at the cost of reading it rather than the cost of rolling a room back
 * (Yjs cannot take an integrated update out again; rolling back means rebuilding the document).
 *
 * The forecast is exact about what the update deletes, and assumes that each entry it adds becomes
 * its field's value ("the new entry wins"), which is what every ordinary write does. Where that
 * assumption is wrong (an entry written concurrently, to the left of a live one) the forecast is
 * stricter than the outcome: it checks a value that will not be shown. The caller still checks the
 * applied result, which stays the last word.
 *
 * It also finds, before anything is applied, what Yjs would otherwise park inside the document: a
 * change that depends on changes the document does not have (the sender is out of step).
 */
import * as Y from 'yjs';
import { type Entry, entriesArray, isEntry, unflattenRecord } from './docLayout.ts';
import { jsonEqual } from './jsonEqual.ts';
import { must } from './must.ts';
import type { RecordChanges, RecordIndex, RecordView } from './RecordIndex.ts';
import { parseTextRoot, readText, rootNameOf, TEXT_ROOT_PREFIX } from './textFields.ts';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** A text the update writes into (textFields.ts), how many characters it inserts there, and whether it starts it. */
export interface TextEdit {
  recordId: string;
  field: string;
  inserted: number;
  newRoot: boolean;
}

export type Forecast =
  | {
      ok: true;
      view: RecordView;
      changes: RecordChanges;
      texts: TextEdit[];
      /**
       * Once the update is applied: whether the record now has exactly the fields the forecast
       * checked and no text the update edited (the forecast read texts as they were). Then a check
       * of the forecast holds for the applied record too, and need not run twice.
       */
      foresaw(id: string): boolean;
    }
  | { ok: false; kind: 'out-of-step' | 'invalid'; reason: string };

type Fields = Map<string, unknown>;

export function forecastUpdate(doc: Y.Doc, index: RecordIndex, decoded: DecodedUpdate): Forecast {
  const array = entriesArray(doc) as unknown as Y.AbstractType<unknown>;
  const docState = (client: number) => Y.getState(doc.store, client);
  // How far each client's changes reach once the update is in: the document's, then the update's.
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? docState(client);
  const added: { item: Y.Item; from: number }[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const next = reachOf(client);
    if (clock > next) return outOfStep(`change ${client}:${clock} follows a gap`);
    const end = clock + struct.length;
    if (end <= next) continue; // the document already has it
    reach.set(client, end);
    if (struct instanceof Y.Item) added.push({ item: struct, from: Math.max(next - clock, 0) });
  }
  const known = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
  const rootOf = rootFinder(doc, decoded);
  const texts = new Map<string, TextEdit>();
  for (const { item, from } of added) {
    if (!known(item.origin) || !known(item.rightOrigin))
      return outOfStep('placed next to a change the server does not have');
    const root = rootOf(item);
    // Entries go into the entries array, characters into a text; deleted content anywhere of ours.
    // Any item in a text counts as writing it: an empty or deleted one still starts a root.
    const name = root?.startsWith(TEXT_ROOT_PREFIX) ? parseTextRoot(root) : null;
    if (name && root !== null) {
      if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentDeleted))
        return invalid('writes other than characters into a text');
      const edit = texts.get(root) ?? {
        recordId: name.recordId,
        field: name.field,
        inserted: 0,
        newRoot: !doc.share.has(root),
      };
      if (item.content instanceof Y.ContentString) edit.inserted += item.length - from;
      texts.set(root, edit);
    } else if (item.content instanceof Y.ContentString) {
      return invalid('writes characters outside a text field');
    } else if (item.content instanceof Y.ContentAny) {
      if (root !== ENTRIES) return invalid('writes outside the entries array');
    } else if (root !== ENTRIES) {
      return invalid('writes outside the entries array');
    }
  }

  // Deletions: of entries in the document (found through the struct store), and of the update's own.
  const deletedLive = new Set<Entry>();
  const deletesText = { seen: false };
  const deletedNew = new Map<number, [number, number][]>();
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > reachOf(client)) return outOfStep('deletes a change the server does not have');
      const inDoc = Math.min(end, docState(client));
      if (clock < inDoc && !collectDeleted(doc, array, client, clock, inDoc, deletedLive, deletesText))
        return invalid('deletes outside the entries array and the texts');
      if (end > inDoc) {
        const list = deletedNew.get(client) ?? [];
        list.push([Math.max(clock, inDoc), end]);
        deletedNew.set(client, list);
      }
    }
  }
  for (const list of deletedNew.values()) list.sort((a, b) => a[0] - b[0]);
  const isDeletedNew = (client: number, clock: number) => inRanges(deletedNew.get(client), clock);

  // The records as the update leaves them: start from the current fields of each touched record.
  const after = new Map<string, Fields>();
  const touched = new Map<string, Set<string>>();
  /** Marks field `f` of record `id` as touched; returns the record's fields after the update. */
  const touch = (id: string, f: string): Fields => {
    let fields = after.get(id);
    if (!fields) {
      fields = new Map();
      for (const [field, e] of index.entriesOf(id) ?? []) fields.set(field, e.v);
      after.set(id, fields);
    }
    const touchedFields = touched.get(id);
    if (touchedFields) touchedFields.add(f);
    else touched.set(id, new Set([f]));
    return fields;
  };
  const revealed: [string, string][] = [];
  for (const entry of deletedLive) {
    const fields = touch(entry.r, entry.f);
    if (index.entriesOf(entry.r)?.get(entry.f) !== entry) continue; // not the value: nothing shows
    fields.delete(entry.f);
    if (index.duplicatesOf(entry.r, entry.f)) revealed.push([entry.r, entry.f]);
  }
  if (revealed.length > 0) revealValues(index, revealed, deletedLive, after);
  for (const { item, from } of added) {
    if (!(item.content instanceof Y.ContentAny)) continue;
    const values = item.content.arr;
    for (let k = from; k < values.length; k++) {
      const entry = values[k];
      if (!isEntry(entry) || isDeletedNew(item.id.client, item.id.clock + k)) continue;
      touch(entry.r, entry.f).set(entry.f, entry.v);
    }
  }
  const changes = changesOf(index, after, touched);
  // An edited text changes its field (its new value is known once applied: the applied check reads it).
  for (const { recordId, field } of texts.values()) {
    if (!index.has(recordId) || changes.removed.has(recordId)) continue;
    const set = changes.fields.get(recordId) ?? new Set<string>();
    set.add(field);
    changes.fields.set(recordId, set);
  }
  // Texts are read as they were: an update that edits any text is checked again once applied.
  const editsTexts = texts.size > 0 || deletesText.seen;
  const foresaw = (id: string) => !editsTexts && sameFields(after.get(id), index.entriesOf(id));
  return { ok: true, view: new ForecastView(index, after), changes, texts: [...texts.values()], foresaw };
}

function sameFields(forecast: Fields | undefined, live: ReadonlyMap<string, Entry> | undefined): boolean {
  if (!forecast || !live || forecast.size !== live.size) return false;
  for (const [f, entry] of live) {
    const v = forecast.get(f);
    if (v !== entry.v && (v === undefined || !jsonEqual(v, entry.v))) return false;
  }
  return true;
}

const ENTRIES = 'entries';

/**
 * The root type each added item lands in, by name ('entries', 'text:…', or null when elsewhere).
 * An item that names no parent sits beside its neighbour, in the document or earlier in the update.
 */
function rootFinder(doc: Y.Doc, decoded: DecodedUpdate): (item: Y.Item) => string | null {
  const byClient = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  const inUpdate = (id: Y.ID): Y.Item | null => {
    const list = byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = must(list[mid], 'an item inside the search range');
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return null;
  };
  const memo = new Map<Y.Item, string | null>();
  return (start) => {
    const chain: Y.Item[] = [];
    let item: Y.Item | null = start;
    let found: string | null = null;
    // Iterative: a run of typed characters is a chain of neighbours as long as the text.
    while (item) {
      const known = memo.get(item);
      if (known !== undefined) {
        found = known;
        break;
      }
      chain.push(item);
      if (typeof item.parent === 'string') {
        found = item.parent;
        break;
      }
      if (item.parent !== null) break; // a nested type: none of ours
      const neighbour: Y.ID | null = item.origin ?? item.rightOrigin;
      if (neighbour === null) break;
      if (neighbour.clock < Y.getState(doc.store, neighbour.client)) {
        const struct = Y.getItem(doc.store, neighbour);
        const parent = struct instanceof Y.Item ? struct.parent : null;
        if (parent instanceof Y.AbstractType && parent._item === null) found = rootNameOf(doc, parent);
        break;
      }
      item = inUpdate(neighbour);
      if (item && chain.includes(item)) break;
    }
    for (const visited of chain) memo.set(visited, found);
    return found;
  };
}

/** Whether `clock` falls in one of the sorted [from, to) ranges (binary search: ranges are many). */
function inRanges(ranges: [number, number][] | undefined, clock: number): boolean {
  if (!ranges) return false;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = must(ranges[mid], 'a range inside the search range');
    if (clock < from) hi = mid - 1;
    else if (clock >= to) lo = mid + 1;
    else return true;
  }
  return false;
}

function isTextRoot(doc: Y.Doc, parent: unknown): boolean {
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return false;
  return rootNameOf(doc, parent)?.startsWith(TEXT_ROOT_PREFIX) ?? false;
}

/** Adds the live entries in client's [from, to) to `into`; false if the range holds a non-entry. */
function collectDeleted(
  doc: Y.Doc,
  array: Y.AbstractType<unknown>,
  client: number,
  from: number,
  to: number,
  into: Set<Entry>,
  deletesText: { seen: boolean },
): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs) return true;
  for (let i = Y.findIndexSS(structs, from); ; i++) {
    const struct = structs[i];
    if (!struct || struct.id.clock >= to) break;
    if (!(struct instanceof Y.Item) || struct.deleted) continue;
    if (struct.parent !== array || struct.parentSub !== null) {
      if (isTextRoot(doc, struct.parent) && struct.parentSub === null) {
        deletesText.seen = true;
        continue;
      }
      return false;
    }
    if (!(struct.content instanceof Y.ContentAny)) continue;
    const start = Math.max(from, struct.id.clock) - struct.id.clock;
    const end = Math.min(to, struct.id.clock + struct.length) - struct.id.clock;
    for (let k = start; k < end; k++) {
      const entry = struct.content.arr[k];
      if (isEntry(entry)) into.add(entry);
    }
  }
  return true;
}

/**
 * A field whose value is deleted while another live entry of it remains (left by concurrent
 * writers) shows that entry next. The index knows every live entry of such a field: with one left,
 * that is it; with several, the rightmost, found as the index finds it, from the end of the array.
 */
function revealValues(
  index: RecordIndex,
  fields: [string, string][],
  deleted: ReadonlySet<Entry>,
  after: Map<string, Fields>,
): void {
  const wanted = new Set<string>();
  for (const [r, f] of fields) {
    const left = [...(index.duplicatesOf(r, f) ?? [])].filter((e) => !deleted.has(e));
    if (left.length > 1) wanted.add(`${r}\u0000${f}`);
    else if (left[0]) after.get(r)?.set(f, left[0].v);
  }
  if (wanted.size === 0) return;
  const all = index.array.toArray();
  for (let i = all.length - 1; i >= 0 && wanted.size > 0; i--) {
    const entry = all[i];
    if (!isEntry(entry) || deleted.has(entry)) continue;
    if (wanted.delete(`${entry.r}\u0000${entry.f}`)) after.get(entry.r)?.set(entry.f, entry.v);
  }
}

function changesOf(index: RecordIndex, after: Map<string, Fields>, touched: Map<string, Set<string>>) {
  const changes: RecordChanges = {
    added: new Set(),
    removed: new Set(),
    fields: new Map(),
    malformed: 0,
    orphans: new Set(),
  };
  for (const [id, fields] of after) {
    const before = index.has(id);
    const exists = fields.has('typeName');
    if (!exists && fields.size > 0) changes.orphans.add(id);
    if (!before && exists) changes.added.add(id);
    else if (before && !exists) changes.removed.add(id);
    else if (exists) {
      const changed = new Set<string>();
      for (const f of must(touched.get(id), 'the touched fields of a record'))
        if (!jsonEqual(index.field(id, f), fields.get(f))) changed.add(f);
      if (changed.size > 0) changes.fields.set(id, changed);
    }
  }
  return changes;
}

/** The index with the forecast's records laid over it. */
class ForecastView implements RecordView {
  private readonly index: RecordIndex;
  private readonly after: ReadonlyMap<string, Fields>;

  constructor(index: RecordIndex, after: ReadonlyMap<string, Fields>) {
    this.index = index;
    this.after = after;
  }

  ids(): string[] {
    const ids = new Set(this.index.ids());
    for (const [id, fields] of this.after) {
      if (fields.has('typeName')) ids.add(id);
      else ids.delete(id);
    }
    return [...ids];
  }

  has(id: string): boolean {
    const fields = this.after.get(id);
    return fields ? fields.has('typeName') : this.index.has(id);
  }

  get(id: string): Record<string, unknown> | null {
    const fields = this.after.get(id);
    if (!fields) return this.index.get(id);
    return fields.has('typeName') ? this.index.withTexts(id, unflattenRecord(fields)) : null;
  }

  field(id: string, field: string): unknown {
    const fields = this.after.get(id);
    if (!fields) return this.index.field(id, field);
    // A text field reads as RecordIndex reads it (its text, else a legacy entry, else '').
    if (this.index.textFieldsOf(fields.get('typeName'), fields.get('type')).includes(field))
      return readText(this.index.doc, id, field) ?? fields.get(field) ?? '';
    return fields.get(field);
  }

  fieldCount(id: string): number {
    return this.after.get(id)?.size ?? this.index.fieldCount(id);
  }
}

function outOfStep(reason: string): Forecast {
  return { ok: false, kind: 'out-of-step', reason };
}

function invalid(reason: string): Forecast {
  return { ok: false, kind: 'invalid', reason };
}
