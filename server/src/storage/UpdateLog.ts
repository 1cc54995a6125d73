/**
 * Appending to SQLite's update log: every room of a batch in one transaction, each update a row
 * numbered after the room's last; and replacing the log's start with a snapshot (a compaction). SqliteStorage's own `appendUpdates` and its writer thread
 * (sqliteWorker.ts, the persist queue's writes) run these same statements, each on its own
 * connection to the one file.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { UpdateBatch } from './Storage.ts';

/** One append: its batches and its time. */
export interface Append {
  batches: readonly UpdateBatch[];
  now: number;
}

export class UpdateLog {
  private readonly db: DatabaseSync;
  private readonly lastSeq: StatementSync;
  private readonly insert: StatementSync;
  private readonly setLastSeq: StatementSync;
  private readonly putSnapshot: StatementSync;
  private readonly dropUpTo: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.lastSeq = db.prepare('SELECT last_seq FROM rooms WHERE id = ?');
    this.insert = db.prepare('INSERT INTO updates (room_id, seq, data) VALUES (?, ?, ?)');
    this.setLastSeq = db.prepare('UPDATE rooms SET last_seq = ?, touched_at = ? WHERE id = ?');
    this.putSnapshot = db.prepare(
      'INSERT OR REPLACE INTO snapshots (room_id, data, upto_seq) VALUES (?, ?, ?)',
    );
    this.dropUpTo = db.prepare('DELETE FROM updates WHERE room_id = ? AND seq <= ?');
  }

  /** Replaces the room's log up to `uptoSeq` with a snapshot, in one transaction. */
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.putSnapshot.run(roomId, snapshot, uptoSeq);
      this.dropUpTo.run(roomId, uptoSeq);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** All or nothing; each room's new last sequence number (a room that no longer exists is left out). */
  append(batches: readonly UpdateBatch[], now: number): Map<string, number> {
    const [result] = this.appendAll([{ batches, now }]);
    return result ?? new Map();
  }

  /** Several appends, in order, in one transaction (all or nothing): each one's last sequence numbers. */
  appendAll(appends: readonly Append[]): Map<string, number>[] {
    const results: Map<string, number>[] = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const { batches, now } of appends) {
        const result = new Map<string, number>();
        for (const { roomId, updates } of batches) {
          const last = this.lastSeq.get(roomId) as { last_seq: number } | undefined;
          if (!last) continue;
          let seq = last.last_seq;
          for (const data of updates) this.insert.run(roomId, ++seq, data);
          this.setLastSeq.run(seq, now, roomId);
          result.set(roomId, seq);
        }
        results.push(result);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      // A failed COMMIT may have rolled back already (a full disk): the first error is the one told.
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return results;
  }
}
