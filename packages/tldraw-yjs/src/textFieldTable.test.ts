/**
 * Which fields are texts is data the app hands in (a TextFieldTable), not a list inside the
 * binding: a record type the table names is merged per character, one it does not name is merged
 * as whole values, by the index and by the binding alike.
 */
import type { TLRecord } from '@tldraw/editor';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getShape, makePeer, Relay, seedDoc, stepIds, updateShape } from '../test/testPeers.ts';
import { entriesArray } from './docLayout.ts';
import { recordIndex } from './RecordIndex.ts';
import {
  checkTextFieldTable,
  NO_TEXT_FIELDS,
  readText,
  type TextFieldTable,
  textFieldsOf,
} from './textFields.ts';

/** Made-up record types: the binding knows none of them but through the table. */
const TABLE: TextFieldTable = { 'shape/sticky': ['props.body'] };

const card = (id: string, type: string, body: string) => ({
  id,
  typeName: 'shape',
  type,
  x: 0,
  y: 0,
  props: { body },
  meta: {},
});

/** Two partners, cut off from each other, each change every card's body; then they meet. */
function editApart(table: TextFieldTable, edit: (body: string, partner: 0 | 1) => string) {
  const seed = new Y.Doc();
  recordIndex(seed, table);
  seed.transact(() =>
    recordIndex(seed).writeMany([
      ['shape:sticky', card('shape:sticky', 'sticky', 'Dat klopt')],
      ['shape:label', card('shape:label', 'label', 'Dat klopt')],
    ]),
  );
  const docs = [0, 1].map(() => {
    const doc = new Y.Doc();
    recordIndex(doc, table);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
    return doc;
  });
  docs.forEach((doc, partner) => {
    const index = recordIndex(doc);
    doc.transact(() => {
      for (const id of ['shape:sticky', 'shape:label']) {
        const body = String((index.get(id)!.props as { body: string }).body);
        index.setFields(id, { 'props.body': edit(body, partner as 0 | 1) });
      }
    });
  });
  const [a, b] = docs as [Y.Doc, Y.Doc];
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  const body = (doc: Y.Doc, id: string) => (recordIndex(doc).get(id)!.props as { body: string }).body;
  return { a, b, body };
}

const before = (s: string, p: 0 | 1) => (p === 0 ? `Ja, ${s}` : `${s} toch?`);

describe('the text-field table', () => {
  it('merges per character the fields of a record type it names, and no other', () => {
    const { a, b, body } = editApart(TABLE, before);
    for (const doc of [a, b]) {
      // Named in the table: both partners' words kept, where each typed them.
      expect(body(doc, 'shape:sticky')).toBe('Ja, Dat klopt toch?');
      expect(readText(doc, 'shape:sticky', 'props.body')).toBe('Ja, Dat klopt toch?');
      // Not named: one value wins, the same on both screens; the other partner's edit is gone.
      expect(['Ja, Dat klopt', 'Dat klopt toch?']).toContain(body(doc, 'shape:label'));
      expect(readText(doc, 'shape:label', 'props.body')).toBeUndefined();
    }
    expect(body(a, 'shape:label')).toBe(body(b, 'shape:label'));
    // The text lives in its text only; the other field in the entries array (both values, until
    // the next write of it deletes the loser).
    const stored = entriesArray(a)
      .toArray()
      .filter((e) => e.f === 'props.body')
      .map((e) => e.r);
    expect(new Set(stored)).toEqual(new Set(['shape:label']));
  });

  it('with another table, the same records merge the other way', () => {
    const { a, body } = editApart({ 'shape/label': ['props.body'] }, before);
    expect(body(a, 'shape:label')).toBe('Ja, Dat klopt toch?');
    expect(['Ja, Dat klopt', 'Dat klopt toch?']).toContain(body(a, 'shape:sticky'));
    expect(readText(a, 'shape:sticky', 'props.body')).toBeUndefined();
  });

  it('is what the binding merges by: a loop step left out of its table loses a partner’s words', () => {
    for (const [table, both] of [
      [{ 'shape/loop-step': ['props.text'] }, true],
      [NO_TEXT_FIELDS, false],
    ] as const) {
      const seed = seedDoc('structuur-lost-alles-op', table);
      const a = makePeer('a', seed, { textFields: table });
      const b = makePeer('b', seed, { textFields: table });
      const relay = new Relay([a.doc, b.doc]);
      const id = stepIds(a.store)[0]!;
      const text = String(getShape(a.store, id).props.text);
      relay.cut();
      updateShape(a.store, id, {}, { text: `Eerst: ${text}` });
      updateShape(b.store, id, {}, { text: `${text}, en dan?` });
      a.binding.flush();
      b.binding.flush();
      relay.heal();
      const merged = [a, b].map((p) => getShape(p.store, id).props.text);
      expect(merged[0]).toBe(merged[1]);
      if (both) expect(merged[0]).toBe(`Eerst: ${text}, en dan?`);
      else expect([`Eerst: ${text}`, `${text}, en dan?`]).toContain(merged[0]);
      expect(readText(a.doc, id, 'props.text') !== undefined).toBe(both);
      expect(a.invalid).toEqual([]);
      expect(a.store.get(id as TLRecord['id'])).toBeDefined();
    }
  });

  it('is fixed by the first recordIndex of a document: other text fields later throw', () => {
    const doc = new Y.Doc();
    const index = recordIndex(doc, TABLE);
    expect(recordIndex(doc)).toBe(index);
    expect(recordIndex(doc, { 'shape/sticky': ['props.body'] })).toBe(index); // equal, not the same object
    expect(() => recordIndex(doc, { 'shape/sticky': ['props.title'] })).toThrow(/other text fields/);
    expect(() => recordIndex(doc, NO_TEXT_FIELDS)).toThrow(/other text fields/);
    const bare = new Y.Doc();
    expect(recordIndex(bare).textFields).toBe(NO_TEXT_FIELDS);
    expect(() => recordIndex(bare, TABLE)).toThrow(/other text fields/);
  });

  it('reads its fields per record type and refuses a table it cannot follow', () => {
    expect(textFieldsOf(TABLE, 'shape', 'sticky')).toEqual(['props.body']);
    expect(textFieldsOf(TABLE, 'shape', 'label')).toEqual([]);
    expect(textFieldsOf(TABLE, 'shape', 'constructor')).toEqual([]);
    expect(() => checkTextFieldTable({ 'shape/x': ['text'] })).toThrow(/props.<key>/);
    expect(() => checkTextFieldTable({ 'shape/x': ['props'] })).toThrow(/props.<key>/);
    expect(() => checkTextFieldTable({ shape: ['props.text'] })).toThrow(/<typeName>\/<type>/);
    expect(() => recordIndex(new Y.Doc(), { 'shape/x': ['x'] })).toThrow(/props.<key>/);
  });
});
