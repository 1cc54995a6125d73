/**
 * Durable before broadcast with a storage that writes off the event loop (SQLite's writer thread,
 * PostgreSQL's worker): a turn is relayed only once the storage answers that it is durable, one
 * write at a time with every room's turns admitted meanwhile in the next (a group commit), or each
 * turn at once to a pipelined storage; a newcomer waits for it, a write that fails stores nothing
 * and rolls back what was built on it (with a pipelined storage, everything handed over after it),
 * and a sync that fails loses nothing and leaves no peer believing a change nobody confirmed.
 */
import { CLOSE_CODES } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { MemoryStorage } from '../../storage/MemoryStorage.ts';
import type { Appended, AsyncAppend, UpdateBatch } from '../../storage/Storage.ts';
import { encodeSyncStep1, encodeUpdate, SYNC_STEP2 } from '../../sync/messages.ts';
import type { Room } from '../Room.ts';
import type { RoomSession } from '../session/RoomSession.ts';

function pageOf(doc: Y.Doc): string {
  return recordIndex(doc)
    .ids()
    .find((id) => id.startsWith('page:'))!;
}

/** A partner's update renaming the page, made from `doc` (by default the room's document as it is now). */
function rename(room: Room, name: string, doc = clientDoc(room)): Uint8Array {
  return captureUpdate(doc, () => recordIndex(doc).setFields(pageOf(doc), { name }));
}

/** Two updates in one turn, the second made after the first. */
function busyTurn(room: Room, writer: { session: RoomSession }, names: [string, string]): void {
  const doc = clientDoc(room);
  for (const name of names) room.handleMessage(writer.session, encodeUpdate(rename(room, name, doc)));
}

function lastStoredRow(storage: MemoryStorage, room: Room): Uint8Array {
  return storage.loadDocNow(room.id).updates.at(-1)!;
}

/** A storage the test answers for: appends handed over wait until the test lets them commit or fail. */
class SlowDatabase extends MemoryStorage {
  handedOver: { batches: readonly UpdateBatch[]; now: number; done: Appended }[] = [];
  readonly asyncAppend: AsyncAppend = {
    append: (batches, now, done) => {
      this.handedOver.push({ batches, now, done });
    },
    settle: () => {
      while (this.handedOver.length > 0) this.answer(null);
    },
  };
  /** Commits (or, with an error, drops) the oldest append handed over, and tells the queue. */
  answer(error: Error | null): void {
    const next = this.handedOver.shift()!;
    if (error) next.done(error, null);
    else next.done(null, this.appendUpdates(next.batches, next.now));
  }
  /** Stores the oldest append handed over, but the disk does not confirm it (a failed sync). */
  unconfirmed(error: Error): void {
    const next = this.handedOver.shift()!;
    next.done(error, this.appendUpdates(next.batches, next.now));
  }
}

async function slowDatabaseRoom(readerRole: 'edit' | 'view' = 'edit') {
  const storage = new SlowDatabase();
  const t = createTestRooms({}, storage);
  const room = await t.createRoom('blank');
  return { storage, t, room, writer: t.connect(room, 'edit'), reader: t.connect(room, readerRole) };
}

describe('PersistQueue, a group commit across rooms, one write at a time (as PostgreSQL)', () => {
  it("hands every room's turns admitted during a write over together, in the next one", async () => {
    const storage = new SlowDatabase();
    const t = createTestRooms({}, storage);
    const rooms = [await t.createRoom('blank'), await t.createRoom('blank'), await t.createRoom('blank')];
    const peers = rooms.map((room) => ({ writer: t.connect(room, 'edit'), reader: t.connect(room, 'edit') }));
    const updates = rooms.map((room, i) => rename(room, `Tafel ${i}`));
    // Each room's update in a turn of its own, as with many rooms at a moderate rate.
    for (const [i, room] of rooms.entries()) {
      room.handleMessage(peers[i]!.writer.session, encodeUpdate(updates[i]!));
      await nextTick();
    }
    // The first is being written; the other two were admitted meanwhile and wait for it.
    expect(storage.handedOver.map((h) => h.batches.map((b) => b.roomId))).toEqual([[rooms[0]!.id]]);
    for (const { reader } of peers) expect(reader.socket.updates()).toHaveLength(0);
    storage.answer(null);
    await nextTick();
    expect(peers[0]!.reader.socket.updates()).toEqual([updates[0]]);
    // One write (and so one sync of the disk) for both rooms.
    expect(storage.handedOver.map((h) => h.batches.map((b) => b.roomId))).toEqual([
      [rooms[1]!.id, rooms[2]!.id],
    ]);
    storage.answer(null);
    await nextTick();
    for (const [i, { reader }] of peers.entries()) expect(reader.socket.updates()).toEqual([updates[i]]);
  });

  it('relays a busy turn as the one row it stored, only once the storage answers', async () => {
    const { storage, room, writer, reader } = await slowDatabaseRoom();
    busyTurn(room, writer, ['Tafel 1', 'Tafel 2']);
    await nextTick();
    expect(storage.handedOver).toHaveLength(1);
    expect(reader.socket.updates()).toHaveLength(0);
    storage.answer(null);
    await nextTick();
    expect(reader.socket.updates()).toEqual([lastStoredRow(storage, room)]);
    expect(writer.socket.closed).toBeNull();
  });

  it('when the disk does not confirm a write, relays nothing and sends every peer to resync from storage', async () => {
    const { storage, t, room, writer, reader } = await slowDatabaseRoom('view');
    busyTurn(room, writer, ['Tafel 1', 'Tafel 2']);
    await nextTick();
    storage.unconfirmed(new Error('EIO: i/o error, fdatasync'));
    await nextTick();
    expect(reader.socket.updates()).toHaveLength(0);
    for (const peer of [writer, reader])
      expect(peer.socket.closed?.code).toBe(CLOSE_CODES.storageFailure.code);
    // Nothing is lost: storage still holds it, and the room's document agrees.
    const stored = t.storedDoc(room);
    expect(recordIndex(stored).field(pageOf(stored), 'name')).toBe('Tafel 2');
    expect(recordIndex(room.doc).field(pageOf(room.doc), 'name')).toBe('Tafel 2');
  });

  it("stores a room's updates of one turn as one row, and relays that row to every peer", async () => {
    const t = createTestRooms();
    const room = await t.createRoom('blank');
    const a = t.connect(room, 'edit');
    const b = t.connect(room, 'edit');
    const reader = t.connect(room, 'view');
    const before = t.storage.loadDocNow(room.id).updates.length;
    // B renames after seeing A's rename, as a partner would.
    const first = rename(room, 'A');
    const seenByB = clientDoc(room);
    Y.applyUpdate(seenByB, first);
    room.handleMessage(a.session, encodeUpdate(first));
    room.handleMessage(b.session, encodeUpdate(rename(room, 'B', seenByB)));
    await nextTick();
    const stored = t.storage.loadDocNow(room.id).updates.slice(before);
    expect(stored).toHaveLength(1);
    // Both writers wrote: each gets the row too, and the reader gets exactly the stored bytes.
    for (const peer of [a, b, reader]) expect(peer.socket.updates()).toContainEqual(stored[0]);
    const doc = t.storedDoc(room);
    expect(recordIndex(doc).field(pageOf(doc), 'name')).toBe('B');
  });
});

describe('PersistQueue with a storage that writes off the event loop', () => {
  it('relays a turn only once the database has committed it, and hands over one write at a time', async () => {
    const { storage, room, writer, reader } = await slowDatabaseRoom();
    const before = storage.loadDocNow(room.id).updates.length;
    const doc = clientDoc(room);
    const first = rename(room, 'Tafel 1', doc);
    room.handleMessage(writer.session, encodeUpdate(first));
    await nextTick();
    expect(storage.handedOver).toHaveLength(1);
    expect(storage.loadDocNow(room.id).updates).toHaveLength(before);
    expect(reader.socket.updates()).not.toContainEqual(first);
    // Two more turns while the first write is out: admitted, and waiting for it.
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Tafel 2', doc)));
    await nextTick();
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Tafel 3', doc)));
    await nextTick();
    expect(storage.handedOver).toHaveLength(1);
    storage.answer(null);
    await nextTick();
    expect(reader.socket.updates()).toContainEqual(first);
    // The two turns go together in the next write.
    expect(storage.handedOver).toHaveLength(1);
    storage.answer(null);
    await nextTick();
    expect(storage.loadDocNow(room.id).updates).toHaveLength(before + 2);
    const seen = clientDoc(room);
    for (const u of reader.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Tafel 3');
    expect(writer.socket.closed).toBeNull();
  });

  it('shows a newcomer the map only once all of it is durable, and never waits for the database to do so', async () => {
    const { storage, t, room, writer, reader } = await slowDatabaseRoom();
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Eerst')));
    await nextTick();
    // Received this turn, not yet admitted: the newcomer's answer holds it too.
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Daarna')));
    expect(reader.socket.updates()).toHaveLength(0);
    const newcomer = t.connect(room, 'view');
    room.handleMessage(newcomer.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    // Nothing was waited for (the storage was not settled), and nothing is shown yet.
    expect(storage.handedOver).toHaveLength(1);
    await nextTick();
    expect(newcomer.socket.updates()).toHaveLength(0);
    // Each write answered in turn: the answer goes out once both are.
    storage.answer(null);
    await nextTick();
    expect(newcomer.socket.updates().length).toBeLessThanOrEqual(1);
    while (storage.handedOver.length > 0) storage.answer(null);
    await nextTick();
    const stored = t.storedDoc(room);
    expect(recordIndex(stored).field(pageOf(stored), 'name')).toBe('Daarna');
    for (const peer of [reader, newcomer]) {
      const seen = peer === reader ? clientDoc(room) : new Y.Doc();
      for (const u of peer.socket.updates()) Y.applyUpdate(seen, u);
      expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Daarna');
    }
  });

  it("counts a newcomer's answer held for the database in the send budget", async () => {
    // The budget fits one room's map with room to spare, but not a second answer beside one held.
    const probe = await slowDatabaseRoom();
    const mapBytes = probe.room.byteSize;
    const answerBytes = Y.encodeStateAsUpdate(probe.room.doc).byteLength;
    const storage = new SlowDatabase();
    const t = createTestRooms(
      { MAX_SEND_BUFFER_BYTES: String(mapBytes + Math.floor(answerBytes / 2)) },
      storage,
    );
    const room = await t.createRoom('blank');
    const writer = t.connect(room, 'edit');
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Eerst')));
    await nextTick();
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = t.connect(room, 'view');
    room.handleMessage(first.session, encodeSyncStep1(empty));
    const second = t.connect(room, 'view');
    room.handleMessage(second.session, encodeSyncStep1(empty));
    expect(first.socket.closed).toBeNull();
    expect(second.socket.closed?.code).toBe(CLOSE_CODES.serverBusy.code);
    const answers = (socket: typeof first.socket) =>
      socket.messages().filter((m) => m.kind === 'sync-update' && m.step === SYNC_STEP2);
    expect(answers(first.socket)).toHaveLength(0);
    storage.answer(null);
    await nextTick();
    expect(answers(first.socket)).toHaveLength(1);
    // Sent, the answer no longer counts: the next newcomer is answered.
    const third = t.connect(room, 'view');
    room.handleMessage(third.session, encodeSyncStep1(empty));
    await nextTick();
    expect(third.socket.closed).toBeNull();
    expect(answers(third.socket)).toHaveLength(1);
  });

  it("makes a newcomer's answer again when what it held was not stored", async () => {
    const { storage, t, room, writer } = await slowDatabaseRoom();
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Verloren')));
    await nextTick();
    const newcomer = t.connect(room, 'view');
    room.handleMessage(newcomer.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    storage.answer(new Error('disk full'));
    await nextTick();
    const seen = new Y.Doc();
    for (const u of newcomer.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).size).toBeGreaterThan(0);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).not.toBe('Verloren');
  });

  it('when the database fails, relays nothing, rolls back what was built on it and closes its writers', async () => {
    const { storage, t, room, writer, reader } = await slowDatabaseRoom();
    const doc = clientDoc(room);
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Verloren', doc)));
    await nextTick();
    // The reader writes on top of it while it is out.
    const readersDoc = clientDoc(room);
    room.handleMessage(reader.session, encodeUpdate(rename(room, 'Ook verloren', readersDoc)));
    await nextTick();
    storage.answer(new Error('connection terminated'));
    await nextTick();
    expect(storage.handedOver).toHaveLength(0);
    for (const peer of [writer, reader]) {
      expect(peer.socket.closed?.code).toBe(CLOSE_CODES.storageFailure.code);
      // Neither was shown the other's change: nothing of it was stored.
      expect(peer.socket.updates()).toHaveLength(0);
    }
    // Nothing of it is stored, and the room's document is what storage holds.
    const stored = t.storedDoc(room);
    expect(recordIndex(stored).field(pageOf(stored), 'name')).not.toBe('Verloren');
    expect(recordIndex(room.doc).field(pageOf(room.doc), 'name')).toBe(
      recordIndex(stored).field(pageOf(stored), 'name'),
    );
  });
});

/** SQLite's writer, as the queue sees it: every turn handed over at once, answered in order. */
class PipelinedDatabase extends SlowDatabase {
  recoveries = 0;
  override readonly asyncAppend: AsyncAppend = {
    pipelined: true,
    append: (batches, now, done) => {
      this.handedOver.push({ batches, now, done });
    },
    settle: () => {
      while (this.handedOver.length > 0) this.answer(null);
    },
    recovered: () => {
      this.recoveries++;
    },
  };
}

describe('PersistQueue with a pipelined storage (SQLite)', () => {
  it('hands each turn over as it ends, without waiting for the write before, and relays each once answered', async () => {
    const storage = new PipelinedDatabase();
    const t = createTestRooms({}, storage);
    const rooms = [await t.createRoom('blank'), await t.createRoom('blank')];
    const peers = rooms.map((room) => ({ writer: t.connect(room, 'edit'), reader: t.connect(room, 'edit') }));
    const updates = rooms.map((room, i) => rename(room, `Tafel ${i}`));
    for (const [i, room] of rooms.entries()) {
      room.handleMessage(peers[i]!.writer.session, encodeUpdate(updates[i]!));
      await nextTick();
    }
    expect(storage.handedOver.map((h) => h.batches.map((b) => b.roomId))).toEqual([
      [rooms[0]!.id],
      [rooms[1]!.id],
    ]);
    for (const { reader } of peers) expect(reader.socket.updates()).toHaveLength(0);
    storage.answer(null);
    await nextTick();
    expect(peers[0]!.reader.socket.updates()).toEqual([updates[0]]);
    expect(peers[1]!.reader.socket.updates()).toHaveLength(0);
    // A newcomer's answer waits for the second, without stopping the event loop for it.
    const newcomer = t.connect(rooms[1]!, 'view');
    rooms[1]!.handleMessage(newcomer.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await nextTick();
    expect(storage.handedOver).toHaveLength(1);
    expect(newcomer.socket.updates()).toHaveLength(0);
    storage.answer(null);
    await nextTick();
    expect(peers[1]!.reader.socket.updates()).toEqual([updates[1]]);
    const seen = new Y.Doc();
    for (const u of newcomer.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Tafel 1');
  });

  it('when a write stores nothing, drops everything handed over after it too: rolled back, writers closed, nothing relayed', async () => {
    const storage = new PipelinedDatabase();
    const t = createTestRooms({}, storage);
    const [a, b] = [await t.createRoom('blank'), await t.createRoom('blank')];
    const inA = { writer: t.connect(a, 'edit'), reader: t.connect(a, 'view') };
    const inB = { writer: t.connect(b, 'edit'), reader: t.connect(b, 'view') };
    const nameBefore = recordIndex(a.doc).field(pageOf(a.doc), 'name');
    const doc = clientDoc(a);
    a.handleMessage(inA.writer.session, encodeUpdate(rename(a, 'Verloren', doc)));
    await nextTick();
    // Built on the first while it is out, and another room's turn behind it.
    a.handleMessage(inA.writer.session, encodeUpdate(rename(a, 'Ook verloren', doc)));
    await nextTick();
    b.handleMessage(inB.writer.session, encodeUpdate(rename(b, 'Ook weg')));
    await nextTick();
    expect(storage.handedOver).toHaveLength(3);
    storage.answer(new Error('database or disk is full'));
    await nextTick();
    expect(storage.recoveries).toBe(1);
    for (const peer of [inA.writer, inB.writer])
      expect(peer.socket.closed?.code).toBe(CLOSE_CODES.storageFailure.code);
    // The writes after it are answered as the storage refuses them: nothing more happens.
    storage.answer(new Error('an earlier write stored nothing'));
    storage.answer(new Error('an earlier write stored nothing'));
    await nextTick();
    for (const peer of [inA.reader, inB.reader]) expect(peer.socket.updates()).toHaveLength(0);
    expect(recordIndex(a.doc).field(pageOf(a.doc), 'name')).toBe(nameBefore);
    expect(recordIndex(t.storedDoc(a)).field(pageOf(t.storedDoc(a)), 'name')).toBe(nameBefore);
    // And the room takes the next write.
    const writer = t.connect(a, 'edit');
    const next = rename(a, 'Weer goed');
    a.handleMessage(writer.session, encodeUpdate(next));
    await nextTick();
    storage.answer(null);
    await nextTick();
    expect(inA.reader.socket.updates()).toEqual([next]);
  });
});
