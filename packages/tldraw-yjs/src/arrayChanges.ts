/**
 * What one transaction inserted into and deleted from a Y.Array, found from the transaction
 * itself rather than from `YArrayEvent.changes`.
 *
 * Why: `changes` walks the whole array, tombstones included, on every transaction. The entries
 * array gains a tombstone for every field write, and ten partners dragging at once leave them
 * interleaved, where Yjs cannot merge them: after a few thousand edits `changes` was 30% of a
 * client's time and 10% of the server's. The structs a transaction created (its before and after
 * state vectors) and the ones it deleted (its delete set) are exactly what `changes` reports as
 * `added` and `deleted`, at a cost proportional to the transaction, not to the document's history.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: an array of any element type
import * as Y from 'yjs';

export interface ArrayChanges {
  /** Items of the array this transaction created and did not delete again, with their content. */
  added: Y.Item[];
  /** Items of the array that existed before this transaction and were deleted in it. */
  deleted: Y.Item[];
}

/** Call from an observer of `array` (or later in the same transaction's cleanup). */
export function arrayChanges(array: Y.AbstractType<any>, transaction: Y.Transaction): ArrayChanges {
  const added: Y.Item[] = [];
  const deleted: Y.Item[] = [];
  const store = transaction.doc.store;
  const createdHere = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs || structs.length === 0) continue;
    for (let i = Y.findIndexSS(structs, before); ; i++) {
      const struct = structs[i];
      if (!struct || struct.id.clock >= after) break;
      if (struct instanceof Y.Item && struct.parent === array && !struct.deleted && struct.id.clock >= before)
        added.push(struct);
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent === array && !createdHere(struct)) deleted.push(struct);
  });
  return { added, deleted };
}
