/**
 * Appends to a Y.Array from a remembered last item instead of from the array's start.
 *
 * Why: `Y.Array.push` walks the array's item list from its start (or from a search marker, and
 * Yjs drops every marker after each remote change) to find the end, tombstones included: 12% of a
 * writing client's time in a busy room, and more the longer the map's history. The last item is
 * remembered here; the next append walks only over what arrived after it.
 *
 * An append makes the same item `push` would (same id, left origin and content), so peers cannot
 * tell the two apart; `arrayTail.test.ts` checks that byte for byte against `push`.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: the array of any element type
import * as Y from 'yjs';

/** Whether `item` is still linked into `array`'s list (Yjs unlinks an item it merges into its left). */
function linked(item: Y.Item, array: Y.Array<any>): boolean {
  return item.parent === array && (item.left === null ? array._start === item : item.left.right === item);
}

export class ArrayTail {
  private last: Y.Item | null = null;
  private readonly array: Y.Array<any>;

  constructor(array: Y.Array<any>) {
    this.array = array;
  }

  /** Appends plain JSON values (objects, arrays, strings, numbers, booleans, null) in the transaction. */
  append(transaction: Y.Transaction, values: readonly unknown[]): void {
    if (values.length === 0) return;
    const doc = transaction.doc;
    const left = this.end();
    const client = doc.clientID;
    const item = new Y.Item(
      Y.createID(client, Y.getState(doc.store, client)),
      left,
      left?.lastId ?? null,
      null,
      null,
      this.array,
      null,
      new Y.ContentAny([...values]),
    );
    item.integrate(transaction, 0);
    this.last = item;
  }

  /** The array's last item (deleted or not), or null for an empty list. */
  private end(): Y.Item | null {
    let item = this.last;
    // A remembered item that Yjs merged into its left neighbour is unlinked: its left holds it now.
    while (item !== null && !linked(item, this.array)) item = item.left;
    item ??= this.array._start;
    if (item) while (item.right !== null) item = item.right;
    this.last = item;
    return item;
  }
}
