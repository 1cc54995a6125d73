import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { arrayChanges } from './arrayChanges.ts';

/** A small deterministic generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const contentOf = (items: Iterable<Y.Item>) =>
  [...items].flatMap((item) => item.content.getContent() as string[]).sort();

describe('arrayChanges', () => {
  it('reports what YArrayEvent.changes reports, for local and remote, merged and concurrent edits', () => {
    let transactions = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const mismatches: string[] = [];
      const outbox: Uint8Array[][] = docs.map(() => []);
      docs.forEach((doc, d) => {
        const array = doc.getArray<string>('entries');
        array.observe((event, transaction) => {
          transactions++;
          const mine = arrayChanges(array, transaction);
          const expectedAdded = contentOf(event.changes.added);
          const expectedDeleted = contentOf(event.changes.deleted);
          if (JSON.stringify(contentOf(mine.added)) !== JSON.stringify(expectedAdded))
            mismatches.push(`seed ${seed} doc ${d}: added ${contentOf(mine.added)} != ${expectedAdded}`);
          if (JSON.stringify(contentOf(mine.deleted)) !== JSON.stringify(expectedDeleted))
            mismatches.push(
              `seed ${seed} doc ${d}: deleted ${contentOf(mine.deleted)} != ${expectedDeleted}`,
            );
        });
        doc.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin !== 'remote') outbox[d]!.push(u);
        });
      });
      let serial = 0;
      const value = () => `v${seed}.${serial++}`;
      for (let step = 0; step < 120; step++) {
        const d = Math.floor(next() * docs.length);
        const doc = docs[d]!;
        const array = doc.getArray<string>('entries');
        const op = next();
        if (op < 0.5) {
          // A local transaction of a few inserts and deletes, some of what it inserted included.
          doc.transact(() => {
            const ops = 1 + Math.floor(next() * 4);
            for (let k = 0; k < ops; k++) {
              if (array.length > 0 && next() < 0.4) {
                const at = Math.floor(next() * array.length);
                array.delete(at, Math.min(array.length - at, 1 + Math.floor(next() * 3)));
              } else if (next() < 0.5) array.push([value(), value()]);
              else array.insert(Math.floor(next() * (array.length + 1)), [value()]);
            }
          });
        } else {
          // Deliver another doc's pending updates, one by one or merged into one.
          const from = Math.floor(next() * docs.length);
          if (from === d || outbox[from]!.length === 0) continue;
          const updates = outbox[from]!.splice(0);
          for (const target of docs)
            if (target !== docs[from]) {
              if (next() < 0.5) Y.applyUpdate(target, Y.mergeUpdates(updates), 'remote');
              else for (const u of updates) Y.applyUpdate(target, u, 'remote');
            }
        }
      }
      expect(mismatches).toEqual([]);
    }
    expect(transactions).toBeGreaterThan(3000);
  });

  it('ignores the items of other types in the same transaction', () => {
    const doc = new Y.Doc();
    const entries = doc.getArray<string>('entries');
    const other = doc.getArray<string>('other');
    const seen: string[][] = [];
    entries.observe((_event, transaction) => seen.push(contentOf(arrayChanges(entries, transaction).added)));
    doc.transact(() => {
      entries.push(['a']);
      other.push(['b']);
      doc.getText('text:x#y').insert(0, 'c');
    });
    expect(seen).toEqual([['a']]);
  });
});
