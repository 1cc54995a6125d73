/**
 * SqliteStorage's writer thread (SqliteWriter.ts): appends the persist queue's batches on a
 * connection of its own and, with SQLITE_SYNCHRONOUS=full, syncs the WAL before it answers. So the
 * write, the disk's sync and the checkpoints SQLite runs after a commit all happen here, never on
 * the server's event loop. Answers on the port, then wakes a server thread waiting in `settle`
 * (the protocol of SyncBridge, as the PostgreSQL worker).
 */
import { DatabaseSync } from 'node:sqlite';
import { type MessagePort, workerData } from 'node:worker_threads';
import type { UpdateBatch } from './Storage.ts';
import { UpdateLog } from './UpdateLog.ts';
import { WalSync } from './WalSync.ts';

/** What an append answers: stored as `seqs`; `syncError` when the disk did not confirm it. */
export interface Written {
  seqs: Map<string, number>;
  /** How long the sync took (null: none was asked for, or it failed). */
  syncMs: number | null;
  syncError: string | null;
}

const { port, signal, file, sync } = workerData as {
  port: MessagePort;
  signal: Int32Array;
  file: string;
  sync: boolean;
};

let opened: { db: DatabaseSync; log: UpdateLog; wal: WalSync | null } | null = null;

function open(): NonNullable<typeof opened> {
  if (opened) return opened;
  const db = new DatabaseSync(file);
  // Waits (here, off the event loop) while the server thread writes something of its own.
  db.exec('PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  opened = { db, log: new UpdateLog(db), wal: sync ? new WalSync(`${file}-wal`) : null };
  return opened;
}

function append(batches: readonly UpdateBatch[], now: number): Written {
  const { log, wal } = open();
  // Throws when nothing of it was stored (a full disk): answered as an error.
  const seqs = log.append(batches, now);
  if (!wal) return { seqs, syncMs: null, syncError: null };
  try {
    return { seqs, syncMs: wal.syncFile(), syncError: null };
  } catch (error) {
    return { seqs, syncMs: null, syncError: error instanceof Error ? error.message : String(error) };
  }
}

function close(): null {
  opened?.wal?.close();
  opened?.db.close();
  opened = null;
  return null;
}

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  let answer: { id: number } & ({ ok: true; value: unknown } | { ok: false; message: string; code?: string });
  try {
    let value: unknown;
    if (op === 'append') value = append(args[0] as UpdateBatch[], args[1] as number);
    else if (op === 'close') value = close();
    else throw new Error(`no such writer call: ${op}`);
    answer = { id, ok: true, value };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    answer = { id, ok: false, message: String(e.message ?? error), code: e.code };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
