/**
 * The silent round's part of the Storage contract (SilentAnswerStore): run beside storageContract
 * against every implementation (SqliteStorage.test.ts, tests/src/server/postgresStorage.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { WaitingAnswer } from './SilentAnswerStore.ts';
import type { RoomRecord } from './Storage.ts';
import type { StorageFactory } from './storageContract.ts';

function room(id: string): RoomRecord {
  return {
    id,
    template: 'blank',
    createdAt: 1000,
    touchedAt: 1000,
    facilitatorTokenHash: 'aa'.repeat(32),
    editTokenHash: 'bb'.repeat(32),
    viewTokenHash: 'cc'.repeat(32),
    sealedLinks: 'sealed',
  };
}

function answer(id: string, createdAt: number, text = 'Wij wachten op elkaar'): WaitingAnswer {
  return {
    id: `answer:${id}`,
    typeName: 'answer',
    round: 3,
    text,
    author: 'a1'.repeat(12),
    name: 'Anna',
    organisation: 'Gemeente Utrecht',
    createdAt,
  };
}

export function silentAnswerContract(name: string, factory: StorageFactory): void {
  describe(`${name} keeps a silent round's waiting answers`, () => {
    it('per room, oldest first, each exactly as written, across a reopen', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), new Uint8Array([1]));
      await s.createRoom(room('r2'), new Uint8Array([1]));
      // Every character an answer may hold, kept exactly.
      const text = 'Wij “duiken” – en zwijgen; ë’ 😶 <b>&amp;</b>\n'.repeat(10);
      await s.putWaitingAnswer('r1', answer('b', 20, text));
      await s.putWaitingAnswer('r1', answer('a', 20));
      await s.putWaitingAnswer('r1', answer('c', 10));
      await s.putWaitingAnswer('r2', answer('z', 5));
      expect((await s.waitingAnswers('r1')).map((a) => a.id)).toEqual(['answer:c', 'answer:a', 'answer:b']);
      expect((await s.waitingAnswers('r1'))[2]).toEqual(answer('b', 20, text));
      expect(await s.waitingAnswers('r2')).toEqual([answer('z', 5)]);
      expect(await s.waitingAnswers('nope')).toEqual([]);
      const again = factory.reopen?.(s) ?? s;
      expect((await again.waitingAnswers('r1')).map((a) => a.id)).toEqual([
        'answer:c',
        'answer:a',
        'answer:b',
      ]);
      expect((await again.waitingAnswers('r1'))[2]).toEqual(answer('b', 20, text));
      again.close();
    });

    it('replaces one by its id, removes by ids, and forgets them all with the room', async () => {
      const s = factory.open();
      await s.createRoom(room('r1'), new Uint8Array([1]));
      await s.putWaitingAnswer('r1', answer('a', 10));
      await s.putWaitingAnswer('r1', answer('b', 20));
      await s.putWaitingAnswer('r1', answer('a', 10, 'Toch anders'));
      expect((await s.waitingAnswers('r1')).map((a) => [a.id, a.text])).toEqual([
        ['answer:a', 'Toch anders'],
        ['answer:b', 'Wij wachten op elkaar'],
      ]);
      expect(await s.deleteWaitingAnswers('r1', ['answer:a', 'answer:nope'])).toBe(1);
      expect(await s.deleteWaitingAnswers('r1', [])).toBe(0);
      expect((await s.waitingAnswers('r1')).map((a) => a.id)).toEqual(['answer:b']);
      await s.deleteRoom('r1');
      expect(await s.waitingAnswers('r1')).toEqual([]);
      // A room of the same id made later starts with none.
      await s.createRoom(room('r1'), new Uint8Array([1]));
      expect(await s.waitingAnswers('r1')).toEqual([]);
      s.close();
    });

    it('keeps none for a room that does not exist', async () => {
      const s = factory.open();
      await expect(s.putWaitingAnswer('ghost', answer('a', 1))).rejects.toThrow();
      expect(await s.waitingAnswers('ghost')).toEqual([]);
      s.close();
    });
  });
}
