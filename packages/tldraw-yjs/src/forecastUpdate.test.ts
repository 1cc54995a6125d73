import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { cardDoc } from '../test/cardDoc.ts';
import { docMetaMap, entriesArray } from './docLayout.ts';
import { forecastUpdate } from './forecastUpdate.ts';
import { recordIndex, writeRecords } from './RecordIndex.ts';

const shape = (id: string, x = 0) => ({
  id,
  typeName: 'shape',
  type: 'loop-step',
  x,
  y: 0,
  props: { w: 240, h: 120, text: 'Er doet zich een complex vraagstuk voor.' },
  meta: {},
});

/** A server document and a client that starts in step with it. */
function setup() {
  const server = cardDoc();
  writeRecords(server, [shape('shape:1'), shape('shape:2', 50)]);
  const client = cardDoc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function updateFrom(doc: Y.Doc, write: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(write);
  return Y.encodeStateAsUpdate(doc, before);
}

function forecast(doc: Y.Doc, update: Uint8Array) {
  return forecastUpdate(doc, recordIndex(doc), Y.decodeUpdate(update));
}

/**
 * The forecast's view of every touched record must equal the document's once applied, except for
 * the text fields the update edits: the forecast names those (`texts`), and their new value is
 * read once applied (the applied check validates it).
 */
function expectForecastMatches(server: Y.Doc, update: Uint8Array) {
  const result = forecast(server, update);
  if (!result.ok) throw new Error(result.reason);
  const touched = [
    ...result.changes.added,
    ...result.changes.removed,
    ...result.changes.fields.keys(),
    ...result.changes.orphans,
  ];
  const edited = new Set(result.texts.map((t) => `${t.recordId}#${t.field}`));
  const withoutEdited = (id: string, record: Record<string, unknown> | null) => {
    if (!record) return record;
    const props = { ...(record.props as Record<string, unknown>) };
    for (const key of Object.keys(props)) if (edited.has(`${id}#props.${key}`)) delete props[key];
    return { ...record, props };
  };
  const foreseen = touched.map((id) => [id, withoutEdited(id, result.view.get(id))]);
  Y.applyUpdate(server, update);
  expect(foreseen).toEqual(touched.map((id) => [id, withoutEdited(id, recordIndex(server).get(id))]));
  return result;
}

describe('forecastUpdate', () => {
  it('foresees a moved shape, a new shape and a removed one exactly as applying them gives', () => {
    const { server, client } = setup();
    const update = updateFrom(client, () => {
      const index = recordIndex(client);
      index.setFields('shape:1', { x: 99, 'props.text': 'Nieuw' });
      index.write('shape:3', shape('shape:3', 7));
      index.write('shape:2', null);
    });
    const result = expectForecastMatches(server, update);
    expect([...result.changes.added]).toEqual(['shape:3']);
    expect([...result.changes.removed]).toEqual(['shape:2']);
    expect([...result.changes.fields.get('shape:1')!].sort()).toEqual(['props.text', 'x']);
  });

  it('foresees a field left without a value, and entries that belong to no record', () => {
    const { server, client } = setup();
    const removeX = updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: undefined }));
    const forecastX = forecast(server, removeX);
    expect(forecastX.ok && forecastX.view.get('shape:1')).not.toHaveProperty('x');
    const junk = updateFrom(client, () => entriesArray(client).push([{ r: 'shape:junk', f: 'blob', v: 1 }]));
    const forecastJunk = forecast(server, junk);
    expect(forecastJunk.ok && [...forecastJunk.changes.orphans]).toEqual(['shape:junk']);
  });

  it('shows the entry left by a concurrent writer when the value is deleted, as the index does', () => {
    const { server, client } = setup();
    const other = cardDoc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const a = updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 1 }));
    const b = updateFrom(other, () => recordIndex(other).setFields('shape:1', { x: 2 }));
    Y.applyUpdate(server, a);
    Y.applyUpdate(server, b);
    const shown = recordIndex(server).field('shape:1', 'x');
    // A hand-made delete of just the shown entry (an honest write would delete both).
    const position = entriesArray(server)
      .toArray()
      .findLastIndex((e) => e.r === 'shape:1' && e.f === 'x');
    const writer = cardDoc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    const reveal = updateFrom(writer, () => entriesArray(writer).delete(position, 1));
    const result = expectForecastMatches(server, reveal);
    expect(result.view.field('shape:1', 'x')).toBe(shown === 1 ? 2 : 1);
  });

  it('knows every entry two writers left, and once a writer cleans them reads later edits without a walk', () => {
    const { server, client } = setup();
    const other = cardDoc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const index = recordIndex(server);
    const a = updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 1 }));
    const b = updateFrom(other, () => recordIndex(other).setFields('shape:1', { x: 2 }));
    // (Which of two concurrent entries shows is Yjs's order: the forecast cannot know it, and the
    // server checks such an update again once applied.)
    Y.applyUpdate(server, a);
    Y.applyUpdate(server, b);
    expect(index.duplicatesOf('shape:1', 'x')?.size).toBe(2);
    // The client sees both entries; its next write deletes both.
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expectForecastMatches(
      server,
      updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 3 })),
    );
    expect(index.duplicatesOf('shape:1', 'x')).toBeUndefined();
    expect(index.field('shape:1', 'x')).toBe(3);
    // A big map made every such edit walk the whole array, in the forecast and in the index.
    const walks = vi.spyOn(entriesArray(server), 'toArray');
    for (let x = 4; x < 10; x++)
      expectForecastMatches(
        server,
        updateFrom(client, () => recordIndex(client).setFields('shape:1', { x })),
      );
    expect(walks).not.toHaveBeenCalled();
    expect(index.field('shape:1', 'x')).toBe(9);
  });

  it('finds the duplicates a stored document already holds when it is loaded', () => {
    const { server, client } = setup();
    const other = cardDoc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(
      server,
      updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 1 })),
    );
    Y.applyUpdate(
      server,
      updateFrom(other, () => recordIndex(other).setFields('shape:1', { x: 2 })),
    );
    const loaded = cardDoc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(server));
    const index = recordIndex(loaded);
    expect([...(index.duplicatesOf('shape:1', 'x') ?? [])].map((e) => e.v).sort()).toEqual([1, 2]);
    expect(index.field('shape:1', 'x')).toBe(recordIndex(server).field('shape:1', 'x'));
    expect(index.duplicatesOf('shape:1', 'y')).toBeUndefined();
  });

  it('finds an update that depends on changes the document does not have', () => {
    const { server, client } = setup();
    const first = updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 5 }));
    const second = updateFrom(client, () => recordIndex(client).setFields('shape:1', { x: 6 }));
    expect(forecast(server, second)).toMatchObject({ ok: false, kind: 'out-of-step' });
    expect(forecast(server, first).ok).toBe(true);
  });

  it('refuses deleting what is not an entry (the schema in meta)', () => {
    const server = cardDoc();
    docMetaMap(server).set('schema', { v: 1 });
    writeRecords(server, [shape('shape:1')]);
    const client = cardDoc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const update = updateFrom(client, () => docMetaMap(client).delete('schema'));
    expect(forecast(server, update)).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('agrees with the applied result over a random run of ordinary writes from three partners', () => {
    const server = cardDoc();
    writeRecords(server, [shape('shape:0')]);
    const partners = [cardDoc(), cardDoc(), cardDoc()];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 300; round++) {
      const doc = partners[round % 3]!;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
      const index = recordIndex(doc);
      const ids = index.ids();
      const update = updateFrom(doc, () => {
        const pick = random();
        if (pick < 0.2 || ids.length === 0) index.write(`shape:${round}`, shape(`shape:${round}`, round));
        else if (pick < 0.3) index.write(ids[Math.floor(random() * ids.length)]!, null);
        else index.setFields(ids[Math.floor(random() * ids.length)]!, { x: round, y: -round });
      });
      expectForecastMatches(server, update);
    }
  });
});
