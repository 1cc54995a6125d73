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

describe('PostgresStorage with two processes writing the same rooms', () => {
  it('never deadlocks: every process locks a batch’s rooms in one order', async () => {
    const first = postgres.open();
    const second = new PostgresStorage(urls.get(first)!);
    open.push(second);
    const rooms = ['room-a', 'room-b', 'room-c'];
    for (const id of rooms)
      await first.createRoom(
        {
          id,
          template: 'blank',
          createdAt: 1,
          touchedAt: 1,
          facilitatorTokenHash: 'aa'.repeat(32),
          editTokenHash: 'bb'.repeat(32),
          viewTokenHash: 'cc'.repeat(32),
          sealedLinks: 'sealed',
        },
        new Uint8Array([0]),
      );
    const append = (storage: Storage, order: string[]) =>
      new Promise<Error | null>((resolve) =>
        storage.asyncAppend?.append(
          order.map((roomId) => ({ roomId, updates: [new Uint8Array([1])] })),
          2,
          (error) => resolve(error),
        ),
      );
    // As two processes' persist queues do: each its rooms in the order their turns came.
    const errors = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        append(i % 2 ? first : second, i % 2 ? rooms : [...rooms].reverse()),
      ),
    );
    expect(errors.filter((e) => e !== null).map((e) => e?.message)).toEqual([]);
    for (const id of rooms) expect((await first.loadDoc(id)).lastSeq).toBe(40);
  }, 60_000);
});
