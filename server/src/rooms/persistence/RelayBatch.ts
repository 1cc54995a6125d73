/**
 * Rows that are durable and not yet relayed, gathered per room until the current callback is done,
 * then relayed as one message per room. One sync of the disk often confirms several turns' commits
 * at once: their rows go out merged, so each peer applies one update rather than one per turn.
 */
import * as Y from 'yjs';
import type { RoomSession } from '../session/RoomSession.ts';

/** What a room offers the relay (the persist queue's WriteTarget). */
export interface RelayTarget {
  /**
   * Durable as the log's rows `from` to `to`: `update` is `updates` accepted updates merged,
   * relayed to all but `onlySender` (the only peer who wrote them, when only one did).
   */
  written(
    update: Uint8Array,
    updates: number,
    from: number,
    to: number,
    onlySender: RoomSession | null,
  ): void;
}

export interface DurableRow {
  update: Uint8Array;
  seq: number;
  /** Accepted updates merged into the row. */
  count: number;
  /** Who sent them (null: the server's own change). */
  senders: ReadonlySet<RoomSession | null>;
  /** When its updates were accepted (performance.now()), `count` at a time: the relay-latency histogram. */
  accepted: readonly { at: number; count: number }[];
}

export class RelayBatch {
  private waiting = new Map<RelayTarget, DurableRow[]>();
  private scheduled = false;
  private readonly relayed: (msSinceAccepted: number) => void;

  /** `relayed` is told, for every update, how long after its acceptance it was relayed. */
  constructor(relayed: (msSinceAccepted: number) => void) {
    this.relayed = relayed;
  }

  /** Relayed once the code running now is done (or at `drain`), in the order added. */
  add(room: RelayTarget, row: DurableRow): void {
    const rows = this.waiting.get(room);
    if (rows) rows.push(row);
    else this.waiting.set(room, [row]);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.drain());
  }

  /** Relays everything added so far. */
  drain(): void {
    this.scheduled = false;
    if (this.waiting.size === 0) return;
    const waiting = this.waiting;
    this.waiting = new Map();
    for (const [room, rows] of waiting) relay(room, rows);
    const now = performance.now();
    for (const rows of waiting.values())
      for (const row of rows)
        for (const { at, count } of row.accepted) for (let i = 0; i < count; i++) this.relayed(now - at);
  }
}

/** Senders get their own changes back only when someone else wrote some of them (Yjs ignores them). */
function relay(room: RelayTarget, rows: readonly DurableRow[]): void {
  const senders = new Set(rows.flatMap((r) => [...r.senders]));
  const only = senders.size === 1 ? ([...senders][0] ?? null) : null;
  const first = rows[0];
  const last = rows.at(-1);
  if (rows.length > 1 && first && last) {
    try {
      const merged = Y.mergeUpdates(rows.map((r) => r.update));
      const count = rows.reduce((n, r) => n + r.count, 0);
      room.written(merged, count, first.seq, last.seq, only);
      return;
    } catch {
      // Yjs could not merge them (it always can what it accepted): each goes on its own.
    }
  }
  for (const r of rows) room.written(r.update, r.count, r.seq, r.seq, only);
}
