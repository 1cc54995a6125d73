/**
 * Gets SQLite's committed transactions onto the disk without stopping the event loop: a group
 * commit over the WAL file. SQLite runs with synchronous=NORMAL, so a COMMIT writes its frames to
 * the WAL (in the OS's cache) and returns; `whenDurable` then calls back once an fdatasync of the
 * WAL, issued after that commit, has finished on libuv's thread pool. Commits made while one sync
 * is under way share the next one, so a busy server syncs as often as the disk allows and goes on
 * reading sockets and admitting updates meanwhile; with synchronous=FULL the whole server waited
 * in every COMMIT instead.
 *
 * Why this is as safe as FULL: a WAL transaction is durable once its frames (and the WAL header)
 * are on the disk, which is exactly what an fdatasync of the file issued after the commit gives.
 * Checkpoints, which copy the WAL into the database file and then reuse the WAL, are SQLite's own
 * business: in NORMAL mode SQLite syncs the WAL before and the database after each one, as in FULL.
 */
import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeferredDurability, Durable } from './Storage.ts';

export class WalSync implements DeferredDurability {
  private fd: number | null = null;
  private readonly walPath: string;
  /** Waiting for the sync under way. */
  private current: Durable[] = [];
  /** Committed after the sync under way began: the next sync is theirs. */
  private next: Durable[] = [];
  private syncing = false;
  private closed = false;
  private observe: (ms: number) => void = () => {};

  constructor(walPath: string) {
    this.walPath = walPath;
  }

  timeSyncs(observe: (ms: number) => void): void {
    this.observe = observe;
  }

  whenDurable(done: Durable): void {
    if (this.closed) {
      done(new Error('storage closed'));
      return;
    }
    if (this.syncing) {
      this.next.push(done);
      return;
    }
    this.current.push(done);
    this.start();
  }

  syncNow(done?: Durable): void {
    if (this.closed) {
      done?.(new Error('storage closed'));
      return;
    }
    if (this.current.length === 0 && this.next.length === 0 && !done) return;
    // A sync already on the thread pool may finish later and find nobody waiting: harmless.
    const waiting = [...this.current, ...this.next, ...(done ? [done] : [])];
    this.current = [];
    this.next = [];
    let error: Error | null = null;
    try {
      this.syncBlocking();
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    for (const done of waiting) done(error);
  }

  /** Syncs what is committed, blocking, without calling anyone back (rare writes: a new room). */
  syncFile(): void {
    this.syncBlocking();
  }

  close(): void {
    // Whoever still waits is told; the sync under way finishes on a descriptor no longer read.
    this.syncNow();
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private start(): void {
    let fd: number;
    try {
      fd = this.open();
    } catch (e) {
      this.finish(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.syncing = true;
    // Timed to the callback, not to the syscall's end: what a relay waits for includes the
    // thread pool handing the result back to a busy event loop.
    const started = performance.now();
    fdatasync(fd, (error) => {
      this.syncing = false;
      this.observe(performance.now() - started);
      if (this.closed) return;
      this.finish(error);
    });
  }

  private finish(error: Error | null): void {
    const done = this.current;
    this.current = this.next;
    this.next = [];
    for (const d of done) d(error);
    // Called back code may have asked for more (it joins `current`, which starts below).
    if (this.current.length > 0 && !this.syncing) this.start();
  }

  private syncBlocking(): void {
    const fd = this.open();
    const started = performance.now();
    fdatasyncSync(fd);
    this.observe(performance.now() - started);
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
