/** WalSync over a real file: a timed, blocking sync, and its errors. */
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
  it('syncs the file, blocking, and tells how long each sync took', () => {
    const sync = new WalSync(walFile());
    const times: number[] = [];
    sync.timeSyncs((ms) => times.push(ms));
    const first = sync.syncFile();
    const second = sync.syncFile();
    expect(times).toEqual([first, second]);
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(0);
    sync.close();
  });

  it('throws when the file cannot be synced', () => {
    const missing = new WalSync(join(tmpdir(), 'no-such-dir-walsync', 'db-wal'));
    expect(() => missing.syncFile()).toThrow(/ENOENT/);
  });
});
