/**
 * What a compaction stores in place of a room's log: its snapshot and updates applied to a fresh
 * document and encoded once (deleted content collected, as Yjs does on every change). Pure: runs
 * in the merge worker, and in tests.
 */
import * as Y from 'yjs';

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
