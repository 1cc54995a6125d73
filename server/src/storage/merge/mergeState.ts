/**
 * What a compaction stores in place of a room's log: its snapshot and updates applied to a fresh
 * document and encoded once (deleted content collected, as Yjs does on every change). Pure: runs
 * in the merge worker, and in tests.
 */
import * as Y from 'yjs';
import { encodeSyncStep2 } from '../../sync/messages.ts';

export function mergeState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  return merged(snapshot, updates).state;
}

function merged(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
): { state: Uint8Array; stateVector: Uint8Array } {
  // A snapshot alone is the state already: only its state vector is read from it.
  if (snapshot && updates.length === 0)
    return { state: snapshot, stateVector: Y.encodeStateVectorFromUpdate(snapshot) };
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
  } finally {
    doc.destroy();
  }
}

/**
 * The merged state framed as the sync step 2 a newcomer with nothing is sent; the state itself is
 * the view from `stateAt` on. With its state vector: a kept answer plus what changed since
 * (StoredAnswers) serves later newcomers.
 */
export function mergedAnswer(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
): { syncStep2: Uint8Array; stateAt: number; stateVector: Uint8Array } {
  const { state, stateVector } = merged(snapshot, updates);
  const syncStep2 = encodeSyncStep2(state);
  return { syncStep2, stateAt: syncStep2.byteLength - state.byteLength, stateVector };
}
