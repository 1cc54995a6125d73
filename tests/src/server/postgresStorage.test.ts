/**
 * STORAGE=postgres keeps the same Storage contract as SQLite and memory, against a real
 * PostgreSQL started for this file; and it says plainly when the database is not there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../../server/src/storage/postgres/PostgresStorage.ts';
import type { Storage } from '../../../server/src/storage/Storage.ts';
import { silentAnswerContract } from '../../../server/src/storage/silentAnswerContract.ts';
import { type StorageFactory, storageContract } from '../../../server/src/storage/storageContract.ts';
import { StorageUnavailable } from '../../../server/src/storage/WorkerBridge.ts';
import { freePort } from '../support/server.ts';
import { type PostgresService, startPostgres } from '../support/services.ts';

let pg: PostgresService;
const open: Storage[] = [];
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const s of open) s.close();
  await pg?.stop();
});

let database = 0;
const postgres: StorageFactory = {
  appendsOffTheEventLoop: true,
  open() {
    // A fresh database per case (the contract wants an empty store): a schema of its own.
    const url = `${pg.url}?options=-c%20search_path%3Dcase${++database}`;
    pg.sql(`CREATE SCHEMA case${database}`);
    const storage = new PostgresStorage(url);
    open.push(storage);
    urls.set(storage, url);
    return storage;
  },
  reopen(previous) {
    previous.close();
    const storage = new PostgresStorage(urls.get(previous)!);
    open.push(storage);
    return storage;
  },
};
storageContract('PostgresStorage', postgres);
silentAnswerContract('PostgresStorage', postgres);
const urls = new WeakMap<Storage, string>();

describe('PostgresStorage when the database is not there', () => {
  it('refuses to start with a plain reason instead of hanging', async () => {
    const port = await freePort();
    let error: unknown;
    try {
      new PostgresStorage(`postgres://nobody@127.0.0.1:${port}/none`, 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StorageUnavailable);
    expect(String((error as Error).message)).toMatch(/ECONNREFUSED|connect/);
  });
});
