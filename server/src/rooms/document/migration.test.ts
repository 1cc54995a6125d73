/** Stored documents are brought to the current schema when a room loads, on the server. */

import { getTemplate } from '@patroonkaart/model';
import { createPatroonkaartSchema, TEXT_FIELDS, templateRecords } from '@patroonkaart/schema';
import { docMetaMap, readText, recordIndex, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRoomDoc, docFromStorage } from './docFromStorage.ts';
import { migrateDoc, migrateTexts } from './migration.ts';

const schema = createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>;

/** A room document as a server from before loop steps had an `organisation` wrote it. */
function oldDoc(): Y.Doc {
  const records = templateRecords(getTemplate('structuur-lost-alles-op')!, { pageId: 'page:page' }).map(
    (r) =>
      r.type === 'loop-step'
        ? {
            ...r,
            props: Object.fromEntries(
              Object.entries(r.props as object).filter(([k]) => k !== 'organisation'),
            ),
          }
        : r,
  );
  const doc = docFromStorage(
    {
      snapshot: createRoomDoc(schema, TEXT_FIELDS, records),
      updates: [],
      lastSeq: 0,
      byteSize: 0,
    },
    TEXT_FIELDS,
  );
  const current = docMetaMap(doc).get(SCHEMA_KEY) as SerializedSchema & { sequences: Record<string, number> };
  docMetaMap(doc).set(SCHEMA_KEY, {
    ...current,
    sequences: { ...current.sequences, 'com.tldraw.shape.loop-step': 0 },
  });
  return doc;
}

const loopSteps = (doc: Y.Doc) =>
  recordIndex(doc)
    .ids()
    .map((id) => recordIndex(doc).get(id)!)
    .filter((r) => r.type === 'loop-step');

describe('migrateDoc', () => {
  it('adds `organisation` to loop steps written at version 0 and records the current schema', () => {
    const doc = oldDoc();
    const stored = Y.encodeStateAsUpdate(doc);
    expect(loopSteps(doc).every((r) => !('organisation' in (r.props as object)))).toBe(true);
    const outcome = migrateDoc(doc, schema, TEXT_FIELDS);
    expect(outcome.failed).toEqual([]);
    expect(outcome.migrated).toBe(6);
    expect(loopSteps(doc).map((r) => (r.props as { organisation: unknown }).organisation)).toEqual(
      new Array(6).fill(''),
    );
    expect(docMetaMap(doc).get(SCHEMA_KEY)).toEqual(schema.serialize());
    // Every migrated record now passes the current schema.
    for (const r of loopSteps(doc)) expect(() => schema.types.shape!.validate(r)).not.toThrow();

    // The returned update carries the migration to a copy that never ran it (it is what gets stored).
    const copy = docFromStorage(
      { snapshot: stored, updates: [outcome.update!], lastSeq: 1, byteSize: 0 },
      TEXT_FIELDS,
    );
    expect(loopSteps(copy).every((r) => (r.props as { organisation?: string }).organisation === '')).toBe(
      true,
    );
  });

  it('does nothing to a current document', () => {
    const doc = docFromStorage(
      { snapshot: createRoomDoc(schema, TEXT_FIELDS, []), updates: [], lastSeq: 0, byteSize: 0 },
      TEXT_FIELDS,
    );
    expect(migrateDoc(doc, schema, TEXT_FIELDS)).toEqual({
      update: null,
      migrated: 0,
      failed: [],
      docIsNewer: false,
    });
  });

  it('leaves a document from a newer schema untouched and says so', () => {
    const doc = oldDoc();
    const current = schema.serialize() as SerializedSchema & { sequences: Record<string, number> };
    docMetaMap(doc).set(SCHEMA_KEY, {
      ...current,
      sequences: { ...current.sequences, 'com.tldraw.shape.loop-step': 99 },
    });
    const before = Y.encodeStateVector(doc);
    const outcome = migrateDoc(doc, schema, TEXT_FIELDS);
    expect(outcome.docIsNewer).toBe(true);
    expect(outcome.update).toBeNull();
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('turns the link props of a room from before links were bindings into bindings', () => {
    const current = templateRecords(getTemplate('structuur-lost-alles-op')!, { pageId: 'page:page' });
    const links = current.filter((r) => r.type === 'behaviour-link');
    // The same room as an older server stored it: the bubble's step in `targetStepId`, no bindings.
    const old = current
      .filter((r) => r.type !== 'behaviour-link')
      .map((r) =>
        r.type === 'behaviour'
          ? {
              ...r,
              props: { ...(r.props as object), targetStepId: links.find((l) => l.fromId === r.id)!.toId },
            }
          : r,
      );
    const answer = { id: 'answer:a1', typeName: 'answer', text: 'blijft staan' };
    const doc = docFromStorage(
      {
        snapshot: createRoomDoc(schema, TEXT_FIELDS, old),
        updates: [],
        lastSeq: 0,
        byteSize: 0,
      },
      TEXT_FIELDS,
    );
    recordIndex(doc).write(answer.id, answer);
    const sequences = { ...(schema.serialize() as { sequences: Record<string, number> }).sequences };
    delete sequences['com.patroonkaart.links'];
    docMetaMap(doc).set(SCHEMA_KEY, {
      schemaVersion: 2,
      sequences: { ...sequences, 'com.tldraw.shape.behaviour': 0, 'com.tldraw.shape.first-step': 0 },
    });

    const outcome = migrateDoc(doc, schema, TEXT_FIELDS);
    expect(outcome.failed).toEqual([]);
    const index = recordIndex(doc);
    const all = index.ids().map((id) => index.get(id)!);
    const migrated = all.filter((r) => r.type === 'behaviour-link');
    expect(migrated.map((l) => [l.fromId, l.toId]).sort()).toEqual(
      links.map((l) => [l.fromId, l.toId]).sort(),
    );
    for (const r of all.filter((r) => r.typeName === 'shape' || r.typeName === 'binding'))
      expect(() => schema.validateRecord(null as never, r as never, 'initialize', null)).not.toThrow();
    expect(index.get(answer.id)).toEqual(answer);
  });

  it('moves the texts of a room from before texts into texts, so typing together merges', () => {
    const doc = new Y.Doc();
    const index = recordIndex(doc, TEXT_FIELDS);
    const step = { id: 'shape:s', typeName: 'shape', type: 'loop-step', x: 0, y: 0, props: {}, meta: {} };
    // The old layout: each text an entry of its own.
    doc.transact(() =>
      index.array.push([
        ...Object.entries(step).map(([f, v]) => ({ r: step.id, f, v })),
        { r: step.id, f: 'props.text', v: 'Structuur lost alles op' },
      ]),
    );
    const stored = Y.encodeStateAsUpdate(doc);
    const update = migrateTexts(doc, TEXT_FIELDS);
    expect(update).not.toBeNull();
    expect(readText(doc, step.id, 'props.text')).toBe('Structuur lost alles op');
    expect(index.entriesOf(step.id)!.has('props.text')).toBe(false);
    expect(migrateTexts(doc, TEXT_FIELDS)).toBeNull();
    const copy = docFromStorage(
      { snapshot: stored, updates: [update!], lastSeq: 1, byteSize: 0 },
      TEXT_FIELDS,
    );
    expect((recordIndex(copy).get(step.id)!.props as { text: string }).text).toBe('Structuur lost alles op');
  });
});
