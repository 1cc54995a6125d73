/**
 * Writing a restore point to SQLite: the statement SqliteStorage's writer thread runs
 * (sqliteWorker.ts), so a big map's point (megabytes, and the disk's sync after it) is never
 * written on the server's event loop.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { pointValues } from './rows.ts';
import type { RestorePoint } from './Storage.ts';

export class PointWriter {
  private readonly insert: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      'INSERT INTO restore_points (room_id, created_at, reason, label, shape_count, people, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** The point's id (ids grow within a room). */
  add(roomId: string, p: Omit<RestorePoint, 'id'>): number {
    const result = this.insert.run(...pointValues(roomId, p));
    return Number(result.lastInsertRowid);
  }
}
