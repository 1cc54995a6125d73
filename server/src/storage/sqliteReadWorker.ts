/**
 * SqliteStorage's reader thread (SqliteReader.ts): reads rooms' stored documents and restore points
 * on a connection of its own, so a big map's read (tens of milliseconds for 20 MB) never stops the server's event
 * loop, and hands the bytes over without copying them. It also runs the WAL's checkpoints. WAL lets it read while the writer thread
 * and the server's connection write. Answers on the port (the protocol of WorkerBridge).
 */
import type { DatabaseSync } from 'node:sqlite';
import { type MessagePort, workerData } from 'node:worker_threads';
import { DocReader, docBuffers, readOnlyConnection, wholeBuffers } from './DocReader.ts';

const { port, signal, file } = workerData as { port: MessagePort; signal: Int32Array; file: string };

/** How often the WAL's committed pages are copied into the database file (a checkpoint). */
const CHECKPOINT_EVERY_MS = 1000;

let opened: { db: DatabaseSync; reader: DocReader; checkpoints: ReturnType<typeof setInterval> } | null =
  null;

function open(): DocReader {
  if (opened) return opened.reader;
  const db = readOnlyConnection(file);
  // The other connections leave checkpoints to this one: SQLite would otherwise run one inside a
  // commit every 1,000 pages, holding up the writer's next group of edits (or the event loop)
  // while megabytes are copied and the file synced. A passive checkpoint here waits for nobody.
  const checkpoints = setInterval(() => {
    try {
      db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or failed: the next one copies it; the WAL keeps everything meanwhile.
    }
  }, CHECKPOINT_EVERY_MS);
  opened = { db, reader: new DocReader(db), checkpoints };
  return opened.reader;
}

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  try {
    if (op === 'loadDoc') {
      const doc = open().read(String(args[0]));
      port.postMessage({ id, ok: true, value: doc }, docBuffers(doc));
    } else if (op === 'getPoint') {
      const row = open().readPoint(String(args[0]), Number(args[1]));
      port.postMessage({ id, ok: true, value: row ?? null }, row ? wholeBuffers([row.state]) : []);
    } else if (op === 'start') {
      open();
      port.postMessage({ id, ok: true, value: null });
    } else if (op === 'close') {
      if (opened) clearInterval(opened.checkpoints);
      opened?.db.close();
      opened = null;
      port.postMessage({ id, ok: true, value: null });
    } else {
      throw new Error(`no such reader call: ${op}`);
    }
  } catch (error) {
    const e = error as { message?: string; code?: string };
    port.postMessage({ id, ok: false, message: String(e.message ?? error), code: e.code });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
