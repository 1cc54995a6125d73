/**
 * Gets SQLite's committed transactions onto the disk: an fdatasync of the WAL file. SQLite runs
 * with synchronous=NORMAL, so a COMMIT writes its frames to the WAL (in the OS's cache) and
 * returns; a sync of the file issued after that commit makes it durable. The persist queue's
 * writes are synced this way on SqliteStorage's writer thread (sqliteWorker.ts), one sync per
 * batch, which covers every room's turns handed over together, so the server's event loop never
 * waits for the disk on an edit; the server thread syncs only after its own rare writes (a new
 * room, a restore point, a deletion), before it answers.
 *
 * Why this is as safe as FULL: a WAL transaction is durable once its frames (and the WAL header)
 * are on the disk, which is exactly what an fdatasync of the file issued after the commit gives.
 * Checkpoints, which copy the WAL into the database file and then reuse the WAL, are SQLite's own
 * business: in NORMAL mode SQLite syncs the WAL before and the database after each one, as in FULL.
 */
import { closeSync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export class WalSync {
  private fd: number | null = null;
  private readonly walPath: string;
  private observe: (ms: number) => void = () => {};

  constructor(walPath: string) {
    this.walPath = walPath;
  }

  /** `observe` is told how long each sync took (metrics). */
  timeSyncs(observe: (ms: number) => void): void {
    this.observe = observe;
  }

  /** Syncs what is committed, blocking; returns how long it took, in ms. */
  syncFile(): number {
    const fd = this.open();
    const started = performance.now();
    fdatasyncSync(fd);
    const ms = performance.now() - started;
    this.observe(ms);
    return ms;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** The WAL exists once the database has been written in WAL mode (the schema does that). */
  private open(): number {
    if (this.fd !== null) return this.fd;
    this.fd = openSync(this.walPath, 'r+');
    // A new file is durable only once its directory entry is: synced once, here.
    const dir = openSync(dirname(this.walPath), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return this.fd;
  }
}
