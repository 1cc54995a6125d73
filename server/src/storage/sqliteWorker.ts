/**
 * SqliteStorage's writer thread (SqliteWriter.ts): appends the persist queue's batches on a
 * connection of its own and, with SQLITE_SYNCHRONOUS=full, syncs the WAL before it answers; it
 * writes compactions' snapshots and restore points too, in order with the appends. So the write, the disk's sync and
 * the checkpoints SQLite runs after a commit all happen here, never on the server's event loop.
 * Appends that arrive while it writes wait, and are then written together in one transaction with
 * one sync (a group commit), each answered in order. After a write that stored nothing, every
 * append that follows is refused until the server says `recovered` (they may have been built on it). Answers on the port, then wakes a server thread waiting in `settle`
 * (the protocol of WorkerBridge, as the PostgreSQL worker).
 */
import { DatabaseSync } from 'node:sqlite';
import { type MessagePort, workerData } from 'node:worker_threads';
import { PointWriter } from './PointWriter.ts';
import type { RestorePoint, UpdateBatch } from './Storage.ts';
import { type Append, UpdateLog } from './UpdateLog.ts';
import { WalSync } from './WalSync.ts';

/** What an append answers: stored as `seqs`; `syncError` when the disk did not confirm it. */
export interface Written {
  seqs: Map<string, number>;
  /** How long the group's sync took, told with the group's last append (null: none, or it failed). */
  syncMs: number | null;
  syncError: string | null;
}

const { port, signal, file, sync } = workerData as {
  port: MessagePort;
  signal: Int32Array;
  file: string;
  sync: boolean;
};

let opened: { db: DatabaseSync; log: UpdateLog; points: PointWriter; wal: WalSync | null } | null = null;
/** Appends that arrived while the last group was written. */
let waiting: (Append & { id: number })[] = [];
let scheduled = false;
/** A write stored nothing: appends are refused until `recovered`. */
let refusing = false;

type Answer = { id: number } & ({ ok: true; value: unknown } | { ok: false; message: string; code?: string });

function answer(reply: Answer): void {
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(id: number, error: unknown): Answer {
  const e = error as { message?: string; code?: string };
  return { id, ok: false, message: String(e.message ?? error), code: e.code };
}

function open(): NonNullable<typeof opened> {
  if (opened) return opened;
  const db = new DatabaseSync(file);
  // Waits (here, off the event loop) while the server thread writes something of its own.
  // No checkpoint inside this thread's commits: the reader thread runs them (sqliteReadWorker.ts).
  db.exec(
    'PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0;',
  );
  opened = {
    db,
    log: new UpdateLog(db),
    points: new PointWriter(db),
    wal: sync ? new WalSync(`${file}-wal`) : null,
  };
  return opened;
}

/** Everything waiting, in one transaction and one sync; each append answered in order. */
function writeWaiting(): void {
  scheduled = false;
  const group = waiting;
  waiting = [];
  if (group.length === 0) return;
  if (refusing) {
    for (const { id } of group) answer(failure(id, new Error('an earlier write stored nothing')));
    return;
  }
  let seqs: Map<string, number>[];
  let wal: WalSync | null;
  try {
    const writer = open();
    wal = writer.wal;
    // Throws when nothing of it was stored (a full disk).
    seqs = writer.log.appendAll(group);
  } catch (error) {
    refusing = true;
    for (const { id } of group) answer(failure(id, error));
    return;
  }
  let syncMs: number | null = null;
  let syncError: string | null = null;
  try {
    syncMs = wal ? wal.syncFile() : null;
  } catch (error) {
    syncError = error instanceof Error ? error.message : String(error);
  }
  group.forEach(({ id }, i) => {
    const last = i === group.length - 1;
    const value: Written = { seqs: seqs[i] ?? new Map(), syncMs: last ? syncMs : null, syncError };
    answer({ id, ok: true, value });
  });
}

function close(): null {
  opened?.wal?.close();
  opened?.db.close();
  opened = null;
  return null;
}

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  if (op === 'append') {
    waiting.push({ id, batches: args[0] as UpdateBatch[], now: args[1] as number });
    // Every append that arrives before the next turn of this thread's loop joins the group.
    if (!scheduled) {
      scheduled = true;
      setImmediate(writeWaiting);
    }
    return;
  }
  // Whatever was handed over before this call is written first.
  writeWaiting();
  try {
    if (op === 'addRestorePoint') {
      const writer = open();
      const pointId = writer.points.add(args[0] as string, args[1] as Omit<RestorePoint, 'id'>);
      // A point is kept to put a map back: on the disk before it is listed.
      writer.wal?.syncFile();
      answer({ id, ok: true, value: pointId });
      return;
    }
    if (op === 'recovered') refusing = false;
    else if (op === 'compact')
      open().log.compact(args[0] as string, args[1] as Uint8Array, args[2] as number);
    else if (op === 'close') close();
    else throw new Error(`no such writer call: ${op}`);
    answer({ id, ok: true, value: null });
  } catch (error) {
    answer(failure(id, error));
  }
});
