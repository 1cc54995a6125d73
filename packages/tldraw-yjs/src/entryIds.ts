/**
 * Where each entry of the entries array lives, as the Yjs id of its element, so a writer deletes
 * the entry it replaces without walking the array to find its index.
 *
 * Why: `Y.Array.delete(index)` needs an index, and finding one meant `forEach` over the whole
 * array (its tombstones included) on every write: 15% of a busy client's time after a few thousand
 * edits. An element's id (its item's client and clock plus its offset in the item) never changes,
 * however Yjs later splits or merges the item that holds it.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: the array of any element type
import * as Y from 'yjs';

export class EntryIds {
  /**
   * Null until the first delete: an index that never writes (the server's, which only checks and
   * relays what clients write) keeps no id per entry; the first delete remembers every live entry
   * once (one walk, as a walk per write would have cost) and from then on items are remembered as
   * they arrive.
   */
  private ids: WeakMap<object, Y.ID> | null = null;

  /** Remembers the ids of an item's elements (call for every item added to the array). */
  remember(item: Y.Item): void {
    const ids = this.ids;
    if (ids === null) return;
    const content = item.content.getContent();
    for (let k = 0; k < content.length; k++) {
      const element = content[k];
      if (typeof element === 'object' && element !== null)
        ids.set(element, Y.createID(item.id.client, item.id.clock + k));
    }
  }

  /** Remembers every live element of the array (on the first delete). */
  private rememberAll(array: Y.Array<any>): void {
    for (let item = array._start; item !== null; item = item.right) if (!item.deleted) this.remember(item);
  }

  /**
   * Deletes these elements of `array` in the running transaction; returns the ones it has no id
   * for (the caller finds those by walking the array).
   */
  deleteAll(array: Y.Array<any>, elements: Iterable<object>): object[] {
    if (this.ids === null) {
      this.ids = new WeakMap();
      this.rememberAll(array);
    }
    const ids = this.ids;
    const unknown: object[] = [];
    const doc = array.doc;
    if (!doc) throw new Error('deleteAll needs an array that is part of a Y.Doc');
    let deleted = false;
    doc.transact((transaction) => {
      for (const element of elements) {
        const id = ids.get(element);
        if (!id) {
          unknown.push(element);
          continue;
        }
        // Cut the item down to this one element, then delete it as Yjs's own delete would.
        const item = Y.getItemCleanStart(transaction, id);
        Y.getItemCleanEnd(transaction, doc.store, id);
        if (item.deleted || item.parent !== array) {
          unknown.push(element);
          continue;
        }
        item.delete(transaction);
        deleted = true;
      }
    });
    // Index-based operations start from search markers; ours are now off by what we deleted.
    // Yjs drops them the same way after every remote change.
    if (deleted && array._searchMarker) array._searchMarker.length = 0;
    return unknown;
  }
}
