/**
 * A compaction gives storage the merged state it read itself (storage moves it to its thread,
 * no copy on the event loop), and only a copy of a read it shares with a newcomer, whose answer is
 * framed in the same bytes.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Compactions } from './Compactions.ts';
import type { StoredState } from './StoredStates.ts';

function stored(): StoredState {
  const syncStep2 = new Uint8Array([0, 1, 5, 7, 7, 7, 7, 7]);
  return {
    state: syncStep2.subarray(3),
    syncStep2,
    stateVector: new Uint8Array([0]),
    lastSeq: 9,
    storedBytes: 40,
    logLength: 3,
  };
}

async function compactOnce(own: boolean) {
  const read = stored();
  const given: Uint8Array[] = [];
  const told: [number, number][] = [];
  const compactions = new Compactions(
    {
      async compact(_roomId, snapshot) {
        given.push(snapshot);
      },
    },
    { readOrJoin: async () => ({ stored: read, own }) },
    0,
    () => true,
    pino({ level: 'silent' }),
  );
  compactions.now({ id: 'r', compacted: (removed, added) => told.push([removed, added]) });
  await compactions.drain();
  return { read, given, told };
}

describe('Compactions', () => {
  it('gives storage the state of a read of its own, not a copy', async () => {
    const { read, given, told } = await compactOnce(true);
    expect(given).toHaveLength(1);
    expect(given[0]).toBe(read.state);
    expect(told).toEqual([[40, 5]]);
  });

  it('gives storage a copy of a read shared with a newcomer, whose answer keeps its bytes', async () => {
    const { read, given, told } = await compactOnce(false);
    expect(given).toHaveLength(1);
    expect(given[0]).not.toBe(read.state);
    expect(given[0]!.buffer).not.toBe(read.syncStep2.buffer);
    expect([...given[0]!]).toEqual([7, 7, 7, 7, 7]);
    expect(told).toEqual([[40, 5]]);
  });
});
