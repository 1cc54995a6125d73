/**
 * Both storage implementations against the one contract; SQLite also across a reopen, its
 * writer thread beside the server's own connection, and its reader thread's checkpoints.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep2 } from '../sync/messages.ts';
import { MemoryStorage } from './MemoryStorage.ts';
import { mergeState } from './merge/mergeState.ts';
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
  appendsOffTheEventLoop: true,
};
const memory: StorageFactory = { open: () => new MemoryStorage() };

storageContract('SqliteStorage', sqlite);
storageContract('MemoryStorage', memory);
silentAnswerContract('SqliteStorage', sqlite);
silentAnswerContract('MemoryStorage', memory);

describe("SqliteStorage's writer thread", () => {
  const record = (id: string) => ({
    id,
    template: 'blank',
    createdAt: 1000,
    touchedAt: 1000,
    facilitatorTokenHash: 'aa'.repeat(32),
    editTokenHash: 'bb'.repeat(32),
    viewTokenHash: 'cc'.repeat(32),
    sealedLinks: 'sealed',
  });

  it('reads and merges a room on the merge worker: the same state as loadDoc merged, framed for a newcomer', async () => {
    const s = sqlite.open() as SqliteStorage;
    const first = new Y.Doc();
    first.getMap('m').set('a', 1);
    await s.createRoom(record('merged'), Y.encodeStateAsUpdate(first));
    const updates: Uint8Array[] = [];
    first.on('update', (u: Uint8Array) => updates.push(u));
    first.getMap('m').set('b', 'twee');
    first.getMap('m').set('c', [3]);
    s.appendUpdates([{ roomId: 'merged', updates }], 2000);
    const stored = await s.loadDoc('merged');
    const merged = await s.loadMerged('merged');
    const state = merged.syncStep2.subarray(merged.stateAt);
    expect([...state]).toEqual([...mergeState(stored.snapshot, stored.updates)]);
    expect([...merged.syncStep2]).toEqual([...encodeSyncStep2(state)]);
    expect(merged).toMatchObject({ lastSeq: stored.lastSeq, byteSize: stored.byteSize, logLength: 2 });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 'twee', c: [3] });
    s.close();
  });

  it("moves a compaction's snapshot and a restore point's state to the thread, and copies a Node Buffer", async () => {
    const s = sqlite.open() as SqliteStorage;
    await s.createRoom(record('moved'), new Uint8Array([0]));
    const snapshot = new Uint8Array([1, 2, 3, 4]);
    await s.compact('moved', snapshot, 0);
    // Moved, not copied: this thread's view of it is empty now.
    expect(snapshot.byteLength).toBe(0);
    expect([...(await s.loadDoc('moved')).snapshot!]).toEqual([1, 2, 3, 4]);
    const state = new Uint8Array([9, 9]);
    const point = {
      createdAt: 1,
      reason: 'auto' as const,
      label: '',
      shapeCount: 0,
      people: [],
      bytes: 2,
      state,
    };
    const id = await s.addRestorePoint('moved', point);
    expect(state.byteLength).toBe(0);
    expect([...(await s.getRestorePoint('moved', id))!.state]).toEqual([9, 9]);
    // A Buffer may share its memory with others (Node's pool): it is copied, and stays whole.
    const pooled = Buffer.from([5, 6]);
    await s.compact('moved', pooled, 0);
    expect(pooled.byteLength).toBe(2);
    expect([...(await s.loadDoc('moved')).snapshot!]).toEqual([5, 6]);
    s.close();
  });

  it("writes while the server's connection writes too, each waiting for the other's lock, and loses nothing", async () => {
    const s = sqlite.open() as SqliteStorage;
    await s.createRoom(record('busy'), new Uint8Array([0]));
    const answers: (Map<string, number> | Error)[] = [];
    const all = Array.from(
      { length: 40 },
      (_, i) =>
        new Promise<void>((resolve) =>
          s.asyncAppend.append(
            [{ roomId: 'busy', updates: [new Uint8Array([i + 1])] }],
            2000 + i,
            (error, seqs) => {
              answers.push(error ?? seqs!);
              resolve();
            },
          ),
        ),
    );
    // Meanwhile, on the event loop: new rooms, a restore point, a compaction of another room.
    for (let i = 0; i < 10; i++) await s.createRoom(record(`other${i}`), new Uint8Array([i]));
    s.appendUpdates([{ roomId: 'other0', updates: [new Uint8Array([7])] }], 1500);
    await s.compact('other0', new Uint8Array([0, 7]), 1);
    await Promise.all(all);
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => new Map([['busy', i + 1]])));
    const again = sqlite.reopen!(s);
    const doc = again.loadDocNow('busy');
    expect(doc.updates.map((u) => u[0])).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(doc.lastSeq).toBe(40);
    expect(again.loadDocNow('other0')).toMatchObject({ updates: [], lastSeq: 1 });
    expect(await again.roomCount()).toBe(11);
    again.close();
  });

  it('writes what waits for it together, one sync for many appends, each answered in order', async () => {
    const s = sqlite.open() as SqliteStorage;
    await s.createRoom(record('many'), new Uint8Array([0]));
    let syncs = 0;
    s.timeSyncs(() => syncs++);
    const answers = await Promise.all(
      Array.from(
        { length: 30 },
        (_, i) =>
          new Promise((resolve) =>
            s.asyncAppend.append(
              [{ roomId: 'many', updates: [new Uint8Array([i + 1])] }],
              2000 + i,
              (error, seqs) => resolve(error ?? seqs),
            ),
          ),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => new Map([['many', i + 1]])));
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(30);
    expect(s.loadDocNow('many').updates.map((u) => u[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    s.close();
  });

  it('after a write that stored nothing, stores nothing more until told it has recovered', async () => {
    const s = sqlite.open() as SqliteStorage;
    await s.createRoom(record('r1'), new Uint8Array([0]));
    const append = (updates: Uint8Array[]) =>
      new Promise<Error | Map<string, number>>((resolve) =>
        s.asyncAppend.append([{ roomId: 'r1', updates }], 2000, (error, seqs) =>
          resolve(error ?? seqs ?? new Map()),
        ),
      );
    // The second is handed over before the first is answered, as the queue does.
    const failed = append([new Uint8Array([1]), null as unknown as Uint8Array]);
    const after = append([new Uint8Array([2])]);
    expect(await failed).toBeInstanceOf(Error);
    expect(await after).toBeInstanceOf(Error);
    expect(s.loadDocNow('r1').lastSeq).toBe(0);
    s.asyncAppend.recovered();
    expect(await append([new Uint8Array([3])])).toEqual(new Map([['r1', 1]]));
    expect(s.loadDocNow('r1').updates.map((u) => u[0])).toEqual([3]);
    s.close();
  });

  it("leaves the WAL's checkpoints to the reader thread once started, which copies the writer's pages into the file", async () => {
    const s = sqlite.open() as SqliteStorage;
    s.start();
    const file = join(dirOf.get(s)!, 'patroonkaart.sqlite');
    await s.createRoom(record('big'), new Uint8Array([0]));
    const before = statSync(file).size;
    // 4 MB through the writer, which runs no checkpoint itself.
    for (let i = 0; i < 16; i++)
      await new Promise((resolve) =>
        s.asyncAppend.append(
          [{ roomId: 'big', updates: [new Uint8Array(256 * 1024).fill(i)] }],
          2000,
          resolve,
        ),
      );
    const deadline = Date.now() + 4000;
    while (statSync(file).size < before + 4 * 1024 * 1024 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(file).size).toBeGreaterThanOrEqual(before + 4 * 1024 * 1024);
    expect((await s.loadDoc('big')).updates).toHaveLength(16);
    s.close();
  });

  it('times its syncs, and starts no thread for a store that never takes a batch', async () => {
    const s = sqlite.open() as SqliteStorage;
    const times: number[] = [];
    s.timeSyncs((ms) => times.push(ms));
    // The server's own write: synced here.
    await s.createRoom(record('r1'), new Uint8Array([0]));
    expect(times).toHaveLength(1);
    await new Promise((resolve) =>
      s.asyncAppend.append([{ roomId: 'r1', updates: [new Uint8Array([1])] }], 2000, resolve),
    );
    expect(times).toHaveLength(2);
    s.close();
    const idle = sqlite.open();
    idle.close();
  });
});
