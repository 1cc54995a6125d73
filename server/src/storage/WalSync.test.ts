/** WalSync over a real file: callers are told in order, once, and errors reach them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from './WalSync.ts';

const dirs: string[] = [];
function walFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'walsync-'));
  dirs.push(dir);
  const path = join(dir, 'db.sqlite-wal');
  writeFileSync(path, 'frames');
  return path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WalSync', () => {
  it('calls every waiting caller back once, in the order they asked, also across syncs', async () => {
    const sync = new WalSync(walFile());
    const order: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 50; i++)
        sync.whenDurable((error) => {
          expect(error).toBeNull();
          order.push(i);
          // Asked from inside a callback: waits for a sync of its own, then comes last.
          if (i === 0)
            sync.whenDurable(() => {
              order.push(100);
              resolve();
            });
        });
    });
    expect(order).toEqual([...Array.from({ length: 50 }, (_, i) => i), 100]);
    sync.close();
  });

  it('syncs at once on syncNow, calling back whoever waits before it returns, and not again later', async () => {
    const sync = new WalSync(walFile());
    const told: string[] = [];
    sync.whenDurable(() => told.push('a'));
    sync.whenDurable(() => told.push('b'));
    sync.syncNow();
    expect(told).toEqual(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(told).toEqual(['a', 'b']);
    sync.close();
  });

  it('syncs once, blocking, for a caller of syncNow, and calls it back after those waiting', async () => {
    const sync = new WalSync(walFile());
    let syncs = 0;
    sync.timeSyncs(() => syncs++);
    const told: string[] = [];
    sync.syncNow((error) => told.push(`now ${error}`));
    expect(told).toEqual(['now null']);
    expect(syncs).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(syncs).toBe(1);
    sync.close();
    sync.syncNow((error) => told.push(`closed ${error?.message}`));
    expect(told.at(-1)).toBe('closed storage closed');
  });

  it('times every sync, on the thread pool and blocking', async () => {
    const sync = new WalSync(walFile());
    const times: number[] = [];
    sync.timeSyncs((ms) => times.push(ms));
    await new Promise((resolve) => sync.whenDurable(resolve));
    sync.syncNow(() => {});
    sync.syncFile();
    expect(times).toHaveLength(3);
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(0);
    sync.close();
  });

  it('tells the caller when the file cannot be synced, and refuses after close', async () => {
    const missing = new WalSync(join(tmpdir(), 'no-such-dir-walsync', 'db-wal'));
    const error = await new Promise<Error | null>((resolve) => missing.whenDurable(resolve));
    expect(error?.message).toMatch(/ENOENT/);
    const sync = new WalSync(walFile());
    sync.close();
    const afterClose = await new Promise<Error | null>((resolve) => sync.whenDurable(resolve));
    expect(afterClose?.message).toBe('storage closed');
  });
});
