import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardDoc } from '../test/cardDoc.ts';
import { entriesArray } from './docLayout.ts';
import { type RecordChanges, RecordIndex, recordIndex, writeRecords } from './RecordIndex.ts';

const shape = (id: string, x = 0) => ({
  id,
  typeName: 'shape',
  type: 'loop-step',
  x,
  y: 0,
  props: { w: 240, h: 120, text: 'Er doet zich een complex vraagstuk voor.', organisation: '' },
  meta: {},
});

function pair() {
  const a = cardDoc();
  const b = cardDoc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

describe('RecordIndex', () => {
  it('reads back exactly the record that was written, props and meta included', () => {
    const doc = cardDoc();
    writeRecords(doc, [shape('shape:1', 5)]);
    expect(recordIndex(doc).get('shape:1')).toEqual(shape('shape:1', 5));
    expect(recordIndex(doc).ids()).toEqual(['shape:1']);
  });

  it('converges when two writers set the same field at once, and cleans the duplicate on the next write', () => {
    const { a, b, sync } = pair();
    writeRecords(a, [shape('shape:1')]);
    sync();
    a.transact(() => recordIndex(a).setFields('shape:1', { x: 1 }));
    b.transact(() => recordIndex(b).setFields('shape:1', { x: 2 }));
    sync();
    const x = recordIndex(a).field('shape:1', 'x');
    expect([1, 2]).toContain(x);
    expect(recordIndex(b).field('shape:1', 'x')).toBe(x);
    a.transact(() => recordIndex(a).setFields('shape:1', { x: 3 }));
    sync();
    const xEntries = entriesArray(b)
      .toArray()
      .filter((e) => e.r === 'shape:1' && e.f === 'x');
    expect(xEntries).toEqual([{ r: 'shape:1', f: 'x', v: 3 }]);
  });

  it('keeps what an index built afresh would find, duplicates included, over random concurrent writes', () => {
    const docs = [cardDoc(), cardDoc(), cardDoc()];
    const syncTwo = (from: Y.Doc, to: Y.Doc) =>
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    const syncAll = () => {
      for (const from of docs) for (const to of docs) if (from !== to) syncTwo(from, to);
    };
    writeRecords(docs[0]!, [shape('shape:1'), shape('shape:2')]);
    syncAll();
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let step = 1; step <= 400; step++) {
      const doc = pick(docs);
      const id = pick(['shape:1', 'shape:2']);
      doc.transact(() => recordIndex(doc).setFields(id, random() < 0.3 ? { x: step, y: step } : { x: step }));
      if (random() < 0.3) syncTwo(pick(docs), pick(docs));
      if (step % 100 === 0) syncAll();
    }
    syncAll();
    let duplicated = 0;
    for (const doc of docs) {
      const kept = recordIndex(doc);
      const fresh = new RecordIndex(doc);
      try {
        for (const id of ['shape:1', 'shape:2'])
          for (const field of ['x', 'y']) {
            expect(kept.field(id, field)).toBe(fresh.field(id, field));
            const values = (index: RecordIndex) =>
              [...(index.duplicatesOf(id, field) ?? [])].map((e) => e.v).sort();
            expect(values(kept)).toEqual(values(fresh));
            if (kept.duplicatesOf(id, field)) duplicated++;
          }
      } finally {
        fresh.destroy();
      }
    }
    // Writers who had not seen each other's last write leave duplicates: the run made some.
    expect(duplicated).toBeGreaterThan(0);
  });

  it('keeps both edits when different fields change at once', () => {
    const { a, b, sync } = pair();
    writeRecords(a, [shape('shape:1')]);
    sync();
    a.transact(() => recordIndex(a).setFields('shape:1', { 'props.text': 'nieuw' }));
    b.transact(() => recordIndex(b).setFields('shape:1', { x: 99 }));
    sync();
    for (const doc of [a, b]) {
      expect(recordIndex(doc).get('shape:1')).toMatchObject({ x: 99, props: { text: 'nieuw' } });
    }
  });

  it('lets a removal win over a concurrent move: the record is gone on both sides', () => {
    const { a, b, sync } = pair();
    writeRecords(a, [shape('shape:1')]);
    sync();
    a.transact(() => recordIndex(a).write('shape:1', null));
    b.transact(() => recordIndex(b).setFields('shape:1', { x: 50 }));
    sync();
    expect(recordIndex(a).has('shape:1')).toBe(false);
    expect(recordIndex(b).has('shape:1')).toBe(false);
  });

  it('reports added, removed and changed fields per transaction, and counts malformed entries', () => {
    const doc = cardDoc();
    const seen: RecordChanges[] = [];
    recordIndex(doc).onChange((c) => seen.push(c));
    writeRecords(doc, [shape('shape:1'), shape('shape:2')]);
    doc.transact(() => {
      recordIndex(doc).setFields('shape:1', { x: 7, 'props.text': 'ander' });
      recordIndex(doc).write('shape:2', null);
    });
    entriesArray(doc).push([{ nonsense: true } as never, 42 as never]);
    expect([...seen[0]!.added].sort()).toEqual(['shape:1', 'shape:2']);
    expect([...seen[1]!.fields.get('shape:1')!].sort()).toEqual(['props.text', 'x']);
    expect([...seen[1]!.removed]).toEqual(['shape:2']);
    expect(seen[2]!.malformed).toBe(2);
  });

  it('keeps the document about as small as its content through 20,000 drag frames', () => {
    const doc = cardDoc();
    const shapes = Array.from({ length: 20 }, (_, i) => shape(`shape:${i}`));
    writeRecords(doc, shapes);
    for (let frame = 0; frame < 20_000; frame++) {
      doc.transact(() => recordIndex(doc).setFields(`shape:${frame % 20}`, { x: frame, y: frame / 2 }));
    }
    const once = cardDoc();
    writeRecords(
      once,
      shapes.map((s) => recordIndex(doc).get(s.id)! as typeof s),
    );
    const ratio = Y.encodeStateAsUpdate(doc).byteLength / Y.encodeStateAsUpdate(once).byteLength;
    expect(ratio).toBeLessThan(2);
  });
});
