import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../test/testRooms.ts';
import { encodeUpdate } from '../sync/messages.ts';

const shapeIds = (doc: Y.Doc) =>
  recordIndex(doc)
    .ids()
    .filter((id) => id.startsWith('shape:'));

describe('room history', () => {
  it('takes a point before a partner deletes everything, and restores it for everyone as a new change', async () => {
    const t = createTestRooms();
    const room = t.createRoom();
    const deleter = t.connect(room, 'edit');
    const other = t.connect(room, 'edit');
    const before = shapeIds(room.doc).sort();
    expect(before.length).toBeGreaterThan(6);
    const doc = clientDoc(room);
    room.handleMessage(
      deleter.session,
      encodeUpdate(captureUpdate(doc, () => recordIndex(doc).writeMany(before.map((id) => [id, null])))),
    );
    await nextTick();
    expect(shapeIds(room.doc)).toEqual([]);
    const points = t.manager.history.list(room.id);
    const point = points.find((p) => p.reason === 'before-delete')!;
    expect(point.shapeCount).toBe(before.length);

    const seen = new Y.Doc();
    for (const u of other.socket.updates()) Y.applyUpdate(seen, u);
    t.manager.history.restore(room, point.id);
    await nextTick();
    expect(shapeIds(room.doc).sort()).toEqual(before);
    expect(shapeIds(t.storedDoc(room)).sort()).toEqual(before);
    // The other partner received the restore as an ordinary update.
    const live = clientDoc(room);
    Y.applyUpdate(seen, Y.encodeStateAsUpdate(live, Y.encodeStateVector(seen)));
    expect(shapeIds(seen).sort()).toEqual(before);
    // And the restore can be undone: a point was taken just before it, with nothing on the map.
    expect(t.manager.history.list(room.id)[0]).toMatchObject({ reason: 'before-restore', shapeCount: 0 });
  });

  it('stays within its cap over twelve hours of simulated editing', async () => {
    const t = createTestRooms({ RESTORE_POINTS_PER_ROOM: '20', RESTORE_POINT_MINUTES: '5' });
    const room = t.createRoom();
    const partner = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const step = shapeIds(doc).find((id) => recordIndex(doc).get(id)!.type === 'loop-step')!;
    const start = Date.now() + 1_000_000;
    for (let minute = 0; minute < 12 * 60; minute++) {
      room.handleMessage(
        partner.session,
        encodeUpdate(captureUpdate(doc, () => recordIndex(doc).setFields(step, { x: minute }))),
      );
      await nextTick();
      t.manager.history.afterChange(room, start + minute * 60_000);
      if (minute % 97 === 0)
        t.manager.history.take(room, 'manual', `moment ${minute}`, start + minute * 60_000);
    }
    const points = t.manager.history.list(room.id);
    expect(points.length).toBeLessThanOrEqual(20);
    expect(points.length).toBeGreaterThanOrEqual(15);
    // Newest first, and the newest is from the last minutes of the twelve hours.
    expect(points[0]!.createdAt).toBeGreaterThan(start + (12 * 60 - 6) * 60_000);
  });
});
