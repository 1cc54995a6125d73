/**
 * What a compaction stores in place of a room's log: its snapshot and updates applied to a fresh
 * document and encoded once (deleted content collected, as Yjs does on every change). Pure: runs
 * in the merge worker, and in tests.
 */
import * as Y from 'yjs';
import { encodeSyncStep2 } from '../../sync/messages.ts';

export function mergeState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The merged state framed as the sync step 2 a newcomer with nothing is sent; the state itself is
 * the view from `stateAt` on. A snapshot alone is the state already.
 */
export function mergedAnswer(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
): { syncStep2: Uint8Array; stateAt: number } {
  const state = snapshot && updates.length === 0 ? snapshot : mergeState(snapshot, updates);
  const syncStep2 = encodeSyncStep2(state);
  return { syncStep2, stateAt: syncStep2.byteLength - state.byteLength };
}
