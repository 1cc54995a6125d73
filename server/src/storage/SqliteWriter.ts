/**
 * The persist queue's writes to SQLite, off the event loop (SqliteStorage's `asyncAppend`): each
 * turn's batch goes to a writer thread (sqliteWorker.ts) as the turn ends, and the thread commits
 * it on a connection of its own, syncs the WAL (SQLITE_SYNCHRONOUS=full) and answers. Batches
 * that arrive while it writes, of every room, are written together next: one transaction and one
 * sync for all of them (a group commit), while the server goes on reading sockets and admitting
 * updates, and without waiting for the server to hand the next batch over. The thread starts with
 * `start` or the first batch (a store that never takes one, as in the storage tests, starts none).
 */

import { givenBuffers } from './DocReader.ts';
import type { Appended, AsyncAppend, RestorePoint, UpdateBatch } from './Storage.ts';
import type { Written } from './sqliteWorker.ts';
import { WorkerBridge } from './WorkerBridge.ts';

export class SqliteWriter implements AsyncAppend {
  readonly pipelined = true;
  private bridge: WorkerBridge | null = null;
  private readonly file: string;
  private readonly sync: boolean;
  private observe: (ms: number) => void = () => {};

  /** `sync`: every batch is synced to the disk before it is answered. */
  constructor(file: string, sync: boolean) {
    this.file = file;
    this.sync = sync;
  }

  /** `observe` is told how long each of the writer's syncs took (metrics). */
  timeSyncs(observe: (ms: number) => void): void {
    this.observe = observe;
  }

  /** Starts the thread now (the server, so the first edit does not wait for it to boot). */
  start(): void {
    this.started();
  }

  append(batches: readonly UpdateBatch[], now: number, done: Appended): void {
    this.started().send<Written>('append', [batches, now], (error, written) => {
      if (error || !written) {
        done(error ?? new Error('the writer did not answer'), null);
        return;
      }
      if (written.syncMs !== null) this.observe(written.syncMs);
      // Stored either way; without the disk's confirmation nothing of it may be shown.
      done(written.syncError === null ? null : new Error(written.syncError), written.seqs);
    });
  }

  /**
   * A compaction, written on the thread in order with the appends (a big map's snapshot would
   * otherwise be written on the event loop).
   */
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    return this.started().requestMoving<void>(
      'compact',
      [roomId, snapshot, uptoSeq],
      givenBuffers([snapshot]),
    );
  }

  /** A restore point, written and synced on the thread: its id. */
  addRestorePoint(roomId: string, point: Omit<RestorePoint, 'id'>): Promise<number> {
    return this.started().requestMoving<number>(
      'addRestorePoint',
      [roomId, point],
      givenBuffers([point.state]),
    );
  }

  settle(): void {
    this.bridge?.settle();
  }

  recovered(): void {
    this.bridge?.send('recovered', [], () => {});
  }

  /** Waits for what is handed over, closes the writer's connection and ends the thread. */
  close(): void {
    if (!this.bridge) return;
    this.bridge.settle();
    try {
      this.bridge.call('close');
    } catch {
      // No answer in time: the thread ends below all the same.
    }
    this.bridge.close();
    this.bridge = null;
  }

  private started(): WorkerBridge {
    this.bridge ??= new WorkerBridge(new URL('./sqliteWorker.ts', import.meta.url), {
      file: this.file,
      sync: this.sync,
    });
    return this.bridge;
  }
}
