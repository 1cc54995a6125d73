/**
 * A turn's accepted updates as rows (PersistQueue): merged into one row per room to write, then
 * numbered with the sequence storage gave them and relayed with what each merges and who sent it.
 */
import * as Y from 'yjs';
import type { RoomSession } from '../session/RoomSession.ts';
import type { DurableRow } from './RelayBatch.ts';

/** An accepted update waiting to be written (the persist queue's, without its room). */
export interface TurnUpdate {
  update: Uint8Array;
  sender: RoomSession | null;
  /** Client updates merged into `update` (a turn's updates admitted together count as each). */
  count: number;
  /** performance.now() when it was accepted, for the relay-latency histogram. */
  at: number;
}

/** The clients who sent some of these updates. */
export function writersOf(pending: readonly TurnUpdate[]): Set<RoomSession> {
  return new Set(pending.map((p) => p.sender).filter((s): s is RoomSession => s !== null));
}

/** A room's updates of one turn, merged; one by one in the unlikely case Yjs cannot merge them. */
export function rowsOf(pending: readonly TurnUpdate[]): Uint8Array[] {
  const [only] = pending;
  if (only && pending.length === 1) return [only.update];
  const updates = pending.map((p) => p.update);
  try {
    return [Y.mergeUpdates(updates)];
  } catch {
    return updates;
  }
}

/** A room's rows of one turn, numbered up to `lastSeq`, with what each merges and who sent it. */
export function durableRows(
  pending: readonly TurnUpdate[],
  rows: readonly Uint8Array[],
  lastSeq: number,
): DurableRow[] {
  const senders = new Set(pending.map((p) => p.sender));
  // One row merges the whole turn.
  const [merged] = rows;
  if (merged && rows.length === 1)
    return [
      {
        update: merged,
        seq: lastSeq,
        count: pending.reduce((n, p) => n + p.count, 0),
        senders,
        accepted: pending,
      },
    ];
  // Otherwise (Yjs could not merge) each row is one pending update, in order (rowsOf).
  return pending.map((p, i) => ({
    update: p.update,
    seq: lastSeq - pending.length + 1 + i,
    count: p.count,
    senders,
    accepted: [p],
  }));
}
