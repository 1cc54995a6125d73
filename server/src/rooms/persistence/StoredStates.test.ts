/**
 * A room's stored state: from a storage that reads and merges off the event loop itself (SQLite),
 * the stored bytes never come through here; from any other, read and then merged on the worker.
 */
import { describe, expect, it } from 'vitest';
import type { StoredDoc } from '../../storage/Storage.ts';
import { StoredStates } from './StoredStates.ts';

const framed = new Uint8Array([1, 2, 9, 9, 9]);
const sv = new Uint8Array([1, 4, 2]);

describe('StoredStates', () => {
  it("takes a storage's merged read, and never its raw one", async () => {
    const states = new StoredStates(
      {
        loadDoc: () => Promise.reject(new Error('the raw bytes came through the event loop')),
        loadMerged: async () => ({
          syncStep2: framed,
          stateAt: 2,
          stateVector: sv,
          lastSeq: 7,
          byteSize: 30,
          logLength: 4,
        }),
      },
      { merge: () => Promise.reject(new Error('merged twice')) },
    );
    const stored = await states.read('r');
    expect([...stored.state]).toEqual([9, 9, 9]);
    expect(stored).toMatchObject({
      syncStep2: framed,
      stateVector: sv,
      lastSeq: 7,
      storedBytes: 30,
      logLength: 4,
    });
  });

  it('reads and has the worker merge when the storage cannot', async () => {
    const doc: StoredDoc = {
      snapshot: new Uint8Array([5]),
      updates: [new Uint8Array([6])],
      lastSeq: 3,
      byteSize: 2,
    };
    const merged: unknown[] = [];
    const states = new StoredStates(
      { loadDoc: async () => doc },
      {
        merge: async (snapshot, updates) => {
          merged.push([snapshot, updates]);
          return { state: framed.subarray(2), syncStep2: framed, stateVector: sv };
        },
      },
    );
    const stored = await states.readAlone('r');
    expect(merged).toEqual([[doc.snapshot, doc.updates]]);
    expect(stored).toMatchObject({ lastSeq: 3, storedBytes: 2, logLength: 1 });
  });
});
