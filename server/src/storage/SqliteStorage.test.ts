/** Both storage implementations against the one contract; SQLite also across a reopen. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MemoryStorage } from './MemoryStorage.ts';
import { SqliteStorage } from './SqliteStorage.ts';
import type { Storage } from './Storage.ts';
import { silentAnswerContract } from './silentAnswerContract.ts';
import { type StorageFactory, storageContract } from './storageContract.ts';

const dirs: string[] = [];
const dirOf = new WeakMap<Storage, string>();
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sqlite: StorageFactory = {
  open() {
    const dir = mkdtempSync(join(tmpdir(), 'patroonkaart-storage-'));
    dirs.push(dir);
    const storage = new SqliteStorage(dir);
    dirOf.set(storage, dir);
    return storage;
  },
  reopen(previous) {
    previous.close();
    return new SqliteStorage(dirOf.get(previous)!);
  },
};
const memory: StorageFactory = { open: () => new MemoryStorage() };

storageContract('SqliteStorage', sqlite);
storageContract('MemoryStorage', memory);
silentAnswerContract('SqliteStorage', sqlite);
silentAnswerContract('MemoryStorage', memory);
