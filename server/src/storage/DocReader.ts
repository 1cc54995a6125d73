/**
 * Reads a room's stored document from SQLite: its snapshot, its log and its last number, in one
 * read transaction (the writer thread may commit to the room between the three reads, and the log
 * must agree with its last number). On the server's connection for a room's recovery
 * (`loadDocNow`), and on the reader thread (sqliteReadWorker.ts) for everything else, where it
 * also reads a restore point (a whole map too).
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { StoredDoc } from './Storage.ts';

/**
 * A connection that only reads, for a thread that reads rooms beside the writers (the reader
 * thread, the merge worker): WAL lets it read while they commit, and it waits for a lock rather
 * than failing.
 */
export function readOnlyConnection(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 10000; PRAGMA query_only = ON;');
  return db;
}

/** A restore point's row as stored, its state included. */
export type PointRow = Record<string, unknown> & { state: Uint8Array };

export class DocReader {
  private readonly db: DatabaseSync;
  private readonly snapshot: StatementSync;
  private readonly updates: StatementSync;
  private readonly lastSeq: StatementSync;
  private readonly point: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.snapshot = db.prepare('SELECT data FROM snapshots WHERE room_id = ?');
    this.updates = db.prepare('SELECT data FROM updates WHERE room_id = ? ORDER BY seq');
    this.lastSeq = db.prepare('SELECT last_seq FROM rooms WHERE id = ?');
    this.point = db.prepare(
      'SELECT *, length(state) AS bytes FROM restore_points WHERE room_id = ? AND id = ?',
    );
  }

  /** A restore point's row (rows.ts `pointFromRow` reads it) with its state; undefined when there is none. */
  readPoint(roomId: string, id: number): PointRow | undefined {
    return this.point.get(roomId, id) as PointRow | undefined;
  }

  read(id: string): StoredDoc {
    this.db.exec('BEGIN');
    let snap: { data: Uint8Array } | undefined;
    let updates: Uint8Array[];
    let last: { last_seq: number } | undefined;
    try {
      snap = this.snapshot.get(id) as { data: Uint8Array } | undefined;
      updates = (this.updates.all(id) as { data: Uint8Array }[]).map((r) => r.data);
      last = this.lastSeq.get(id) as { last_seq: number } | undefined;
    } finally {
      this.db.exec('COMMIT');
    }
    const snapshot = snap ? snap.data : null;
    const byteSize = (snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    return { snapshot, updates, lastSeq: last?.last_seq ?? 0, byteSize };
  }
}

/** The buffers of a stored document, to hand over to another thread without copying them. */
export function docBuffers(doc: StoredDoc): ArrayBuffer[] {
  return wholeBuffers([doc.snapshot, ...doc.updates]);
}

/**
 * The distinct buffers that these views each cover whole: they may move to another thread (a
 * transfer) without a copy and without taking anything from a view the sender still uses.
 */
export function wholeBuffers(views: readonly (Uint8Array | null)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    if (!view || !(view.buffer instanceof ArrayBuffer)) continue;
    if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) buffers.add(view.buffer);
  }
  return [...buffers];
}

/**
 * The buffers under views that their caller gives away whole (a compaction's snapshot, a restore
 * point's state): moved to another thread, not copied. A Node Buffer never moves: small ones share
 * one pool with Buffers the sender still uses.
 */
export function givenBuffers(views: readonly Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views)
    if (view.buffer instanceof ArrayBuffer && !Buffer.isBuffer(view)) buffers.add(view.buffer);
  return [...buffers];
}
