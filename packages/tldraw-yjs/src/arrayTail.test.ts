import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ArrayTail } from './arrayTail.ts';
import { EntryIds } from './entryIds.ts';

/** A small deterministic generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Two worlds of three peers with the same client ids run the same script (local appends, deletes
 * by id that split items, merges of consecutive appends, remote updates in random order); one
 * world appends with `push`, the other with ArrayTail. Their documents must be byte-identical.
 */
function world(useTail: boolean) {
  const docs = [0, 1, 2].map((i) => {
    const doc = new Y.Doc();
    doc.clientID = 100 + i;
    return doc;
  });
  const arrays = docs.map((d) => d.getArray<object>('entries'));
  const tails = arrays.map((a) => new ArrayTail(a));
  const ids = arrays.map((a) => {
    const e = new EntryIds();
    a.observe((event) => {
      for (const item of event.changes.added) e.remember(item);
    });
    return e;
  });
  const outbox: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, d) => {
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') outbox[d]!.push(u);
    });
  });
  return {
    docs,
    append(d: number, values: object[]) {
      docs[d]!.transact((t) => {
        if (useTail) tails[d]!.append(t, values);
        else arrays[d]!.push(values);
      });
    },
    deleteOne(d: number, pick: number) {
      const live = arrays[d]!.toArray();
      if (live.length === 0) return;
      ids[d]!.deleteAll(arrays[d]!, [live[pick % live.length]!]);
    },
    deliver(from: number, to: number) {
      for (const u of outbox[from]!) Y.applyUpdate(docs[to]!, u, 'remote');
    },
    clear(from: number) {
      outbox[from]!.length = 0;
    },
  };
}

describe('ArrayTail', () => {
  it('appends exactly what Y.Array.push appends, across splits, merges and remote changes', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const next = random(seed);
      const a = world(false);
      const b = world(true);
      let n = 0;
      for (let step = 0; step < 120; step++) {
        const d = Math.floor(next() * 3);
        const r = next();
        if (r < 0.5) {
          const values = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ n: n++ }));
          a.append(d, values);
          b.append(d, values);
        } else if (r < 0.75) {
          const pick = Math.floor(next() * 1000);
          a.deleteOne(d, pick);
          b.deleteOne(d, pick);
        } else {
          const to = (d + 1 + Math.floor(next() * 2)) % 3;
          a.deliver(d, to);
          b.deliver(d, to);
          if (next() < 0.3) {
            a.clear(d);
            b.clear(d);
          }
        }
      }
      for (let d = 0; d < 3; d++)
        expect(Y.encodeStateAsUpdate(b.docs[d]!), `seed ${seed} doc ${d}`).toEqual(
          Y.encodeStateAsUpdate(a.docs[d]!),
        );
    }
  });

  it('appends to an empty array and after every item of the history', () => {
    const doc = new Y.Doc();
    const array = doc.getArray<object>('entries');
    const tail = new ArrayTail(array);
    doc.transact((t) => tail.append(t, [{ i: 0 }]));
    doc.transact((t) => tail.append(t, [{ i: 1 }, { i: 2 }]));
    array.delete(1, 1);
    doc.transact((t) => tail.append(t, [{ i: 3 }]));
    expect(array.toArray()).toEqual([{ i: 0 }, { i: 2 }, { i: 3 }]);
  });
});
