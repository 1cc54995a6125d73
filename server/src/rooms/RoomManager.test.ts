/** Unloading and compaction, decided by the room manager. */
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../test/testRooms.ts';
import { encodeUpdate } from '../sync/messages.ts';

describe('RoomManager', () => {
  it('compacts a busy room once its log is long, and no more often than the minimum interval', async () => {
    const t = createTestRooms({ COMPACT_AFTER_UPDATES: '3', COMPACT_MIN_INTERVAL_MS: '300' });
    const room = await t.createRoom('blank');
    const writer = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const index = recordIndex(doc);
    const page = index.ids().find((id) => id.startsWith('page:'))!;
    const rename = async (name: string) => {
      room.handleMessage(
        writer.session,
        encodeUpdate(captureUpdate(doc, () => index.setFields(page, { name }))),
      );
      await nextTick();
    };
    const logLength = () => t.storage.loadDocNow(room.id).updates.length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

    const until = async (check: () => boolean) => {
      for (let i = 0; i < 300 && !check(); i++) await settle();
    };
    for (const name of ['a', 'b', 'c']) await rename(name);
    // Merged on the compaction worker (its first use starts it): written soon, not in this turn.
    await until(() => logLength() === 0);
    expect(logLength()).toBe(0); // the first compaction is not held back
    for (const name of ['d', 'e', 'f']) await rename(name);
    await settle();
    expect(logLength()).toBe(3); // due, but the last compaction was a moment ago
    await new Promise((resolve) => setTimeout(resolve, 300));
    await until(() => logLength() === 0);
    expect(logLength()).toBe(0);
    // Nothing was lost by compacting: the stored document has the last name.
    expect(recordIndex(t.storedDoc(room)).field(page, 'name')).toBe('f');
    expect(writer.socket.closed).toBeNull();
  });

  it('reads a room once for joins that arrive together, and serves none deleted while it was read', async () => {
    const t = createTestRooms();
    const created = await t.access.createRoom('blank');
    if (!created) throw new Error('no room');
    let reads = 0;
    const loadDoc = t.storage.loadDoc.bind(t.storage);
    t.storage.loadDoc = (id) => {
      reads++;
      return loadDoc(id);
    };
    const [a, b] = await Promise.all([t.manager.load(created.roomId), t.manager.load(created.roomId)]);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(reads).toBe(1);

    const other = await t.access.createRoom('blank');
    if (!other) throw new Error('no room');
    const loading = t.manager.load(other.roomId);
    await t.manager.deleteRoom(other.roomId);
    expect(await loading).toBeNull();
    expect(t.manager.loadedCount).toBe(1);
  });
});
