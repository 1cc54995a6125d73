/** A compaction's state: what the log held, deleted content collected, the same on the worker. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep2 } from '../../sync/messages.ts';
import { mergeState } from './mergeState.ts';
import { StateMerger } from './StateMerger.ts';

function history() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const records = doc.getMap<Y.Map<unknown>>('records');
  doc.transact(() => {
    for (let i = 0; i < 50; i++) {
      const record = new Y.Map<unknown>();
      record.set('text', 'x'.repeat(200));
      records.set(`shape:${i}`, record);
    }
  });
  const snapshot = Y.encodeStateAsUpdate(doc);
  updates.length = 0;
  for (let i = 0; i < 45; i++) records.delete(`shape:${i}`);
  records.get('shape:49')?.set('text', 'laatste');
  const expected = records.toJSON();
  doc.destroy();
  return { snapshot, updates, expected };
}

describe('mergeState', () => {
  it('holds exactly what the snapshot and updates held, smaller once content was deleted', () => {
    const { snapshot, updates, expected } = history();
    const merged = mergeState(snapshot, updates);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, merged);
    expect(doc.getMap('records').toJSON()).toEqual(expected);
    const logBytes = snapshot.byteLength + updates.reduce((n, u) => n + u.byteLength, 0);
    expect(merged.byteLength).toBeLessThan(logBytes / 2);
  });

  it('merges on the merge worker to the same bytes, framed as a sync step 2, and says plainly when it cannot', async () => {
    const { snapshot, updates } = history();
    const expected = mergeState(snapshot, updates);
    const merger = new StateMerger();
    try {
      const merged = await merger.merge(snapshot, updates);
      expect([...merged.state]).toEqual([...expected]);
      expect([...merged.syncStep2]).toEqual([...encodeSyncStep2(expected)]);
      // The bytes moved to the worker rather than being copied there.
      expect(snapshot.byteLength).toBe(0);
      // A snapshot alone is framed as it is.
      const alone = await merger.merge(expected.slice(), []);
      expect([...alone.state]).toEqual([...expected]);
      await expect(merger.merge(null, [new Uint8Array([9, 9, 9])])).rejects.toThrow();
    } finally {
      merger.close();
    }
  });
});
