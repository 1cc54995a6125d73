/** The retention period: rooms untouched for RETENTION_DAYS go, never one in use. */
import { describe, expect, it } from 'vitest';
import { createTestRooms } from '../../test/testRooms.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('Retention', () => {
  it('deletes rooms untouched for RETENTION_DAYS, but never one in use', async () => {
    const t = createTestRooms({ RETENTION_DAYS: '0' });
    const inUse = await t.createRoom('blank');
    const idle = await t.createRoom('blank');
    const peer = t.connect(inUse, 'view');
    expect(await t.retention.apply(Date.now() + 1)).toBe(1);
    expect(await t.storage.getRoom(idle.id)).toBeNull();
    expect(await t.storage.getRoom(inUse.id)).not.toBeNull();
    expect(peer.socket.closed).toBeNull();
    // Once the last peer has gone, the next sweep removes it too.
    inUse.leave(peer.session);
    expect(await t.retention.apply(Date.now() + 1)).toBe(1);
    expect(await t.storage.roomCount()).toBe(0);
  });

  it('keeps rooms within the retention period', async () => {
    const t = createTestRooms({ RETENTION_DAYS: '30' });
    const room = await t.createRoom('blank');
    expect(await t.retention.apply(Date.now() + 29 * DAY)).toBe(0);
    expect(await t.retention.apply(Date.now() + 31 * DAY)).toBe(1);
    expect(await t.storage.getRoom(room.id)).toBeNull();
  });
});
