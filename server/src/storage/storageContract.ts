/**
 * The contract every Storage implementation keeps, as one suite: SqliteStorage.test.ts runs it
 * against both implementations, so the in-memory store the room tests use behaves like the real one.
 */
import { describe, expect, it } from 'vitest';
import type { RoomRecord, Storage } from './Storage.ts';

export interface StorageFactory {
  /** A fresh, empty store. */
  open(): Storage;
  /** The same store reopened, as after a restart; null when the implementation keeps nothing. */
  reopen?(previous: Storage): Storage;
  /** The store has `asyncAppend` (it writes the persist queue's batches off the event loop). */
  appendsOffTheEventLoop?: boolean;
}

function room(id: string, touchedAt = 1000): RoomRecord {
  return {
    id,
    template: 'blank',
    createdAt: 1000,
    touchedAt,
    facilitatorTokenHash: 'aa'.repeat(32),
    editTokenHash: 'bb'.repeat(32),
    viewTokenHash: 'cc'.repeat(32),
    sealedLinks: 'sealed',
  };
}

const bytes = (...b: number[]) => new Uint8Array(b);
const plain = (list: Uint8Array[]) => list.map((u) => [...u]);

export function storageContract(name: string, factory: StorageFactory): void {
  describe(`${name} keeps the Storage contract`, () => {
    it('keeps a workshop with its tables in order, and forgets it when deleted', async () => {
      const s = factory.open();
      const workshop = {
        id: 'w1',
        createdAt: 5,
        facilitatorTokenHash: 'dd'.repeat(32),
        roomIds: ['r2', 'r1'],
      };
      await s.createWorkshop(workshop);
      expect(await s.getWorkshop('w1')).toEqual(workshop);
      expect(await s.getWorkshop('nope')).toBeNull();
      const again = factory.reopen?.(s);
      if (again) expect(await again.getWorkshop('w1')).toEqual(workshop);
      await (again ?? s).deleteWorkshop('w1');
      expect(await (again ?? s).getWorkshop('w1')).toBeNull();
    });

    it('keeps the template library newest first, each map exactly, apart from the rooms', async () => {
      const s = factory.open();
      const template = (id: string, createdAt: number, map = '{}') => ({
        id,
        name: `Patroon ${id}`,
        description: 'Eén regel: “coördinatie” & <afstemming>',
        stepCount: 5,
        createdAt,
        map,
      });
      const map = JSON.stringify({
        schema: { schemaVersion: 2, sequences: { 'com.tldraw.shape': 4 } },
        records: [{ id: 'shape:a', typeName: 'shape', props: { text: 'ë’'.repeat(20_000) } }],
      });
      await s.createTemplate(template('lib-b', 20, map));
      await s.createTemplate(template('lib-a', 10));
      await s.createTemplate(template('lib-c', 20));
      expect((await s.listTemplates()).map((t) => t.id)).toEqual(['lib-c', 'lib-b', 'lib-a']);
      const { map: _map, ...info } = template('lib-c', 20);
      expect((await s.listTemplates())[0]).toEqual(info);
      expect(await s.getTemplate('lib-b')).toEqual(template('lib-b', 20, map));
      expect(await s.getTemplate('nope')).toBeNull();
      // An id is never taken twice.
      await expect(s.createTemplate(template('lib-a', 30))).rejects.toThrow();
      expect((await s.getTemplate('lib-a'))!.createdAt).toBe(10);
      // Templates are not rooms: a room's deletion leaves them, and they count as none.
      await s.createRoom(room('r1'), bytes(1));
      await s.deleteRoom('r1');
      expect(await s.roomCount()).toBe(0);
      const again = factory.reopen?.(s) ?? s;
      expect(await again.getTemplate('lib-b')).toEqual(template('lib-b', 20, map));
      expect(await again.deleteTemplate('lib-b')).toBe(true);
      expect(await again.deleteTemplate('lib-b')).toBe(false);
      expect(await again.getTemplate('lib-b')).toBeNull();
      expect((await again.listTemplates()).map((t) => t.id)).toEqual(['lib-c', 'lib-a']);
      again.close();
    });

    it('keeps restore points newest first, prunes them to a cap, an age and a byte budget, and drops them with the room', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(1));
      const point = (at: number) => ({
        createdAt: at,
        reason: 'auto',
        label: '',
        shapeCount: 3,
        people: [{ name: 'Anna', organisation: 'Gemeente' }],
        bytes: 1,
        state: bytes(at % 250),
      });
      const ids: number[] = [];
      for (const at of [10, 20, 30, 40]) ids.push(await s.addRestorePoint('r1', point(at)));
      expect((await s.listRestorePoints('r1')).map((p) => p.createdAt)).toEqual([40, 30, 20, 10]);
      expect((await s.listRestorePoints('r1'))[0]).not.toHaveProperty('state');
      expect([...(await s.getRestorePoint('r1', ids[1]!))!.state]).toEqual([20]);
      expect(await s.getRestorePoint('r1', 9999)).toBeNull();
      expect((await s.listRestorePoints('r1'))[0]!.bytes).toBe(1);
      await s.pruneRestorePoints('r1', { keep: 3, maxBytes: 100, olderThan: 15 });
      expect((await s.listRestorePoints('r1')).map((p) => p.createdAt)).toEqual([40, 30, 20]);
      await s.pruneRestorePoints('r1', { keep: 2, maxBytes: 100, olderThan: 0 });
      expect((await s.listRestorePoints('r1')).map((p) => p.createdAt)).toEqual([40, 30]);
      // Over the budget the newest stay, and the newest always, however big.
      const big = await s.addRestorePoint('r1', { ...point(50), state: new Uint8Array(300) });
      await s.pruneRestorePoints('r1', { keep: 10, maxBytes: 301, olderThan: 0 });
      expect((await s.listRestorePoints('r1')).map((p) => p.createdAt)).toEqual([50, 40]);
      await s.pruneRestorePoints('r1', { keep: 10, maxBytes: 10, olderThan: 0 });
      expect((await s.listRestorePoints('r1')).map((p) => [p.id, p.bytes])).toEqual([[big, 300]]);
      await s.deleteRoom('r1');
      expect(await s.listRestorePoints('r1')).toEqual([]);
    });

    it('creates a room and loads its initial state', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(1, 2, 3));
      expect(await s.getRoom('r1')).toEqual(room('r1'));
      expect(await s.getRoom('nope')).toBeNull();
      const doc = await s.loadDoc('r1');
      expect([...doc.snapshot!]).toEqual([1, 2, 3]);
      // The blocking read (a room's recovery) reads the same.
      expect(s.loadDocNow('r1')).toEqual(doc);
      expect(doc.updates).toEqual([]);
      expect(doc.lastSeq).toBe(0);
      expect(doc.byteSize).toBe(3);
      expect(await s.roomCount()).toBe(1);
      s.close();
    });

    it('appends updates for several rooms in order, numbering them per room', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(0));
      await s.createRoom(room('r2'), bytes(0));
      const seqs = s.appendUpdates(
        [
          { roomId: 'r1', updates: [bytes(1), bytes(2)] },
          { roomId: 'r2', updates: [bytes(9)] },
        ],
        5000,
      );
      expect(seqs).toEqual(
        new Map([
          ['r1', 2],
          ['r2', 1],
        ]),
      );
      expect(s.appendUpdates([{ roomId: 'r1', updates: [bytes(3, 3)] }], 6000).get('r1')).toBe(3);
      const r1 = await s.loadDoc('r1');
      expect(plain(r1.updates)).toEqual([[1], [2], [3, 3]]);
      expect(r1.lastSeq).toBe(3);
      expect(r1.byteSize).toBe(1 + 4);
      expect((await s.getRoom('r1'))!.touchedAt).toBe(6000);
      expect((await s.getRoom('r2'))!.touchedAt).toBe(5000);
      // An unknown room is skipped, not created.
      expect(s.appendUpdates([{ roomId: 'ghost', updates: [bytes(1)] }], 7000).has('ghost')).toBe(false);
      expect(await s.getRoom('ghost')).toBeNull();
      s.close();
    });

    it('compacts the log up to a sequence number into a snapshot, keeping later updates', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(0));
      s.appendUpdates([{ roomId: 'r1', updates: [bytes(1), bytes(2), bytes(3)] }], 2000);
      await s.compact('r1', bytes(7, 7), 2);
      const doc = await s.loadDoc('r1');
      expect([...doc.snapshot!]).toEqual([7, 7]);
      expect(plain(doc.updates)).toEqual([[3]]);
      expect(doc.lastSeq).toBe(3);
      expect(doc.byteSize).toBe(3);
      // Numbering continues after a compaction.
      expect(s.appendUpdates([{ roomId: 'r1', updates: [bytes(4)] }], 3000).get('r1')).toBe(4);
      s.close();
    });

    it('deletes a room and everything stored for it', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(1));
      await s.createRoom(room('r2'), bytes(2));
      s.appendUpdates([{ roomId: 'r1', updates: [bytes(5)] }], 2000);
      await s.deleteRoom('r1');
      expect(await s.getRoom('r1')).toBeNull();
      expect(await s.loadDoc('r1')).toEqual({ snapshot: null, updates: [], lastSeq: 0, byteSize: 0 });
      expect(await s.roomCount()).toBe(1);
      expect([...(await s.loadDoc('r2')).snapshot!]).toEqual([2]);
      // A new room with the same id starts empty.
      await s.createRoom(room('r1'), bytes(8));
      expect((await s.loadDoc('r1')).updates).toEqual([]);
      s.close();
    });

    it('lists the rooms untouched since a moment (retention)', async () => {
      const s = factory.open();
      await s.createRoom(room('old', 1000), bytes(0));
      await s.createRoom(room('new', 9000), bytes(0));
      await s.createRoom(room('edited', 1000), bytes(0));
      s.appendUpdates([{ roomId: 'edited', updates: [bytes(1)] }], 9500);
      expect(await s.roomsUntouchedSince(5000)).toEqual(['old']);
      expect(await s.roomsUntouchedSince(1000)).toEqual([]);
      expect((await s.roomsUntouchedSince(10_000)).sort()).toEqual(['edited', 'new', 'old']);
      s.close();
    });

    it('appends all rooms of a batch or none: a write that fails half-way leaves nothing of it', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), bytes(0));
      await s.createRoom(room('r2'), bytes(0));
      s.appendUpdates([{ roomId: 'r1', updates: [bytes(1)] }], 2000);
      // r1's updates are fine; r2's second one cannot be stored (no bytes at all), so the write
      // fails after r1 and the first of r2 went in, as a full disk would half-way.
      const batch = [
        { roomId: 'r1', updates: [bytes(2), bytes(3)] },
        { roomId: 'r2', updates: [bytes(4), null as unknown as Uint8Array] },
      ];
      expect(() => s.appendUpdates(batch, 3000)).toThrow();
      expect(plain((await s.loadDoc('r1')).updates)).toEqual([[1]]);
      expect((await s.loadDoc('r1')).lastSeq).toBe(1);
      expect((await s.loadDoc('r2')).updates).toEqual([]);
      expect((await s.loadDoc('r2')).lastSeq).toBe(0);
      expect((await s.getRoom('r2'))!.touchedAt).toBe(1000);
      // And the store still takes the next write.
      s.appendUpdates([{ roomId: 'r2', updates: [bytes(5)] }], 4000);
      expect(plain((await s.loadDoc('r2')).updates)).toEqual([[5]]);
      s.close();
    });

    if (factory.appendsOffTheEventLoop) {
      it('appends off the event loop: stored and numbered when it answers, a failed append stores nothing', async () => {
        const s = factory.open();
        const append = s.asyncAppend!;
        await s.createRoom(room('r1'), bytes(0));
        const answers: unknown[] = [];
        const record = (error: Error | null, seqs: Map<string, number> | null) => answers.push(error ?? seqs);
        append.append([{ roomId: 'r1', updates: [bytes(1), bytes(2)] }], 2000, record);
        append.settle();
        expect(answers).toEqual([new Map([['r1', 2]])]);
        expect(plain((await s.loadDoc('r1')).updates)).toEqual([[1], [2]]);
        append.append([{ roomId: 'r1', updates: [bytes(3), null as unknown as Uint8Array] }], 3000, record);
        append.settle();
        expect(answers[1]).toBeInstanceOf(Error);
        expect((await s.loadDoc('r1')).lastSeq).toBe(2);
        // As the persist queue does after a failed append, once it has dropped what was built on it.
        append.recovered?.();
        // The answer also comes by itself, as the event loop runs.
        const later = new Promise((resolve) =>
          append.append([{ roomId: 'r1', updates: [bytes(4)] }], 4000, (error, seqs) =>
            resolve(error ?? seqs),
          ),
        );
        expect(await later).toEqual(new Map([['r1', 3]]));
        expect((await s.getRoom('r1'))!.touchedAt).toBe(4000);
        s.close();
      });
    }

    if (factory.reopen) {
      const reopen = factory.reopen;
      it('keeps everything across a reopen', async () => {
        const s = factory.open();
        await s.createRoom(room('r1'), bytes(1));
        s.appendUpdates([{ roomId: 'r1', updates: [bytes(2), bytes(3)] }], 2000);
        await s.compact('r1', bytes(1, 2), 1);
        const again = reopen(s);
        expect(await again.getRoom('r1')).toEqual({ ...room('r1'), touchedAt: 2000 });
        const doc = await again.loadDoc('r1');
        expect([...doc.snapshot!]).toEqual([1, 2]);
        expect(plain(doc.updates)).toEqual([[3]]);
        expect(doc.lastSeq).toBe(2);
        again.close();
      });
    }
  });
}
