import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { readConfig } from '../../config.ts';
import { encodeUpdate } from '../../sync/messages.ts';
import { History } from './History.ts';

const shapeIds = (doc: Y.Doc) =>
  recordIndex(doc)
    .ids()
    .filter((id) => id.startsWith('shape:'));

describe('room history', () => {
  it('takes a point before a partner deletes everything, and restores it for everyone as a new change', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
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
    // The point's state was taken before the deletion; it is written in the turn after.
    await nextTick();
    await t.history.drain();
    const points = await t.history.list(room.id);
    const point = points.find((p) => p.reason === 'before-delete')!;
    expect(point.shapeCount).toBe(before.length);

    const seen = new Y.Doc();
    for (const u of other.socket.updates()) Y.applyUpdate(seen, u);
    await t.history.restore(room, point.id);
    await nextTick();
    expect(shapeIds(room.doc).sort()).toEqual(before);
    expect(shapeIds(t.storedDoc(room)).sort()).toEqual(before);
    // The other partner received the restore as an ordinary update.
    const live = clientDoc(room);
    Y.applyUpdate(seen, Y.encodeStateAsUpdate(live, Y.encodeStateVector(seen)));
    expect(shapeIds(seen).sort()).toEqual(before);
    // And the restore can be undone: a point was taken just before it, with nothing on the map.
    expect((await t.history.list(room.id))[0]).toMatchObject({ reason: 'before-restore', shapeCount: 0 });
  });

  it('takes an automatic point from storage, not encoded here; a large deletion while it is read gets a point of its own', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    let encoded = 0;
    const encodeState = room.encodeState.bind(room);
    room.encodeState = () => {
      encoded++;
      return encodeState();
    };
    const stored = Y.encodeStateAsUpdate(t.storedDoc(room));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const history = new History(
      t.storage,
      readConfig({ STORAGE: 'memory' }).history,
      (_roomId, error) => {
        throw error;
      },
      async () => {
        await held;
        return stored;
      },
    );
    const now = Date.now();
    history.afterChange(room, now);
    await nextTick();
    // The automatic point is being read from storage: a deletion now might end up in it.
    history.beforeLargeDeletion(room, now + 1);
    // One such point per read: the next deletion is rationed as usual.
    history.beforeLargeDeletion(room, now + 2);
    release();
    await nextTick();
    await history.drain();
    const points = await history.list(room.id);
    expect(points.map((p) => p.reason).sort()).toEqual(['auto', 'before-delete']);
    expect(points.find((p) => p.reason === 'auto')!.bytes).toBe(stored.byteLength);
    // Only the point before the deletion was encoded on the event loop.
    expect(encoded).toBe(1);
  });

  it('takes a point on demand and before a restore from storage, not encoded here, with every change made before', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const partner = t.connect(room, 'edit');
    let encoded = 0;
    const encodeState = room.encodeState.bind(room);
    room.encodeState = () => {
      encoded++;
      return encodeState();
    };
    const doc = clientDoc(room);
    const step = shapeIds(doc).find((id) => recordIndex(doc).get(id)!.type === 'loop-step')!;
    const move = (x: number) =>
      room.handleMessage(
        partner.session,
        encodeUpdate(captureUpdate(doc, () => recordIndex(doc).setFields(step, { x }))),
      );
    const xAt = async (pointId: number) =>
      (
        JSON.parse(Buffer.concat((await t.history.pointJson(room.id, pointId))!).toString()) as {
          records: { id: string; x: number }[];
        }
      ).records.find((r) => r.id === step)!.x;

    move(4321);
    await nextTick();
    const point = (await t.history.take(room, 'manual', 'voor de pauze'))!;
    expect(point).toMatchObject({ reason: 'manual', label: 'voor de pauze' });
    expect(await xAt(point.id)).toBe(4321);

    move(9999);
    await nextTick();
    const before = (await t.history.restore(room, point.id))!;
    await nextTick();
    expect(before.reason).toBe('before-restore');
    // The point before the restore holds the move made just before it; the map is back at 4321.
    expect(await xAt(before.id)).toBe(9999);
    expect(recordIndex(room.doc).get(step)!.x).toBe(4321);
    expect(encoded).toBe(0);
  });

  it('stays within its cap over twelve hours of simulated editing', async () => {
    const t = createTestRooms({ RESTORE_POINTS_PER_ROOM: '20', RESTORE_POINT_MINUTES: '5' });
    const room = await t.createRoom();
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
      t.history.afterChange(room, start + minute * 60_000);
      if (minute % 97 === 0)
        await t.history.take(room, 'manual', `moment ${minute}`, start + minute * 60_000);
    }
    await nextTick();
    await t.history.drain();
    const points = await t.history.list(room.id);
    expect(points.length).toBeLessThanOrEqual(20);
    expect(points.length).toBeGreaterThanOrEqual(15);
    // Newest first, and the newest is from the last minutes of the twelve hours.
    expect(points[0]!.createdAt).toBeGreaterThan(start + (12 * 60 - 6) * 60_000);
  });

  it('takes no more than one point before deletions in twelve cycles of adding six steps and deleting them', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const partner = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const index = recordIndex(doc);
    const step = index.get(shapeIds(doc).find((id) => index.get(id)!.type === 'loop-step')!)!;
    for (let cycle = 0; cycle < 12; cycle++) {
      const ids = Array.from({ length: 6 }, (_, i) => `shape:cycle${cycle}-${i}`);
      for (const write of [
        () => index.writeMany(ids.map((id, i) => [id, { ...step, id, y: 1000 + i * 200 }])),
        () => index.writeMany(ids.map((id) => [id, null])),
      ]) {
        room.handleMessage(partner.session, encodeUpdate(captureUpdate(doc, write)));
        await nextTick();
        await nextTick();
      }
    }
    await t.history.drain();
    const points = await t.history.list(room.id);
    expect(points.filter((p) => p.reason === 'before-delete').length).toBeLessThanOrEqual(1);
    // The automatic point of the first change, and at most one before a deletion.
    expect(points.length).toBeLessThanOrEqual(2);
  });

  it('takes no point before a deletion when nothing changed since the last point', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const partner = t.connect(room, 'edit');
    await t.history.take(room, 'manual', 'vooraf');
    const doc = clientDoc(room);
    const all = shapeIds(doc);
    room.handleMessage(
      partner.session,
      encodeUpdate(captureUpdate(doc, () => recordIndex(doc).writeMany(all.map((id) => [id, null])))),
    );
    await nextTick();
    await nextTick();
    await t.history.drain();
    expect((await t.history.list(room.id)).map((p) => p.reason)).toEqual(['manual']);
  });

  it("keeps a room's history within its byte budget, always keeping the newest point", async () => {
    const t = createTestRooms({ RESTORE_POINT_BYTES_PER_ROOM: '20000' });
    const room = await t.createRoom();
    const size = (await t.history.take(room, 'manual', 'een'))!.bytes;
    expect(size).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) await t.history.take(room, 'manual', `moment ${i}`);
    await t.history.drain();
    const points = await t.history.list(room.id);
    expect(points.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(Math.max(20000, size));
    expect(points[0]!.label).toBe('moment 9');
    expect(points.length).toBe(Math.max(1, Math.floor(20000 / size)));
  });
});
