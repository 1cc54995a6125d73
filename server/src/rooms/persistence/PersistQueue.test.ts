/**
 * Durable before broadcast when the storage confirms durability later (as SQLite's WalSync does):
 * a quiet turn is synced before it ends, a busy one is relayed only once the disk confirms it, a
 * newcomer makes it durable first, and a sync that fails loses nothing and leaves no peer
 * believing a change nobody stored.
 */
import { CLOSE_CODES } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { MemoryStorage } from '../../storage/MemoryStorage.ts';
import type {
  Appended,
  AsyncAppend,
  DeferredDurability,
  Durable,
  UpdateBatch,
} from '../../storage/Storage.ts';
import { encodeUpdate } from '../../sync/messages.ts';
import type { Room } from '../Room.ts';
import type { RoomSession } from '../session/RoomSession.ts';

/** A disk the test decides for: it confirms (or fails) the waiting syncs when told to. */
class SlowDisk implements DeferredDurability {
  waiting: Durable[] = [];
  syncedNow = 0;
  /** Syncs handed to the disk to finish later (whenDurable). */
  handedOver = 0;
  whenDurable(done: Durable): void {
    this.handedOver++;
    this.waiting.push(done);
  }
  syncNow(done?: Durable): void {
    this.syncedNow++;
    if (done) this.waiting.push(done);
    this.confirm(null);
  }
  confirm(error: Error | null): void {
    for (const done of this.waiting.splice(0)) done(error);
  }
  timeSyncs(): void {}
}

class SlowDiskStorage extends MemoryStorage {
  readonly durability = new SlowDisk();
}

/** A room of the blank template on a slow disk, with a partner who writes and one who reads. */
function slowDiskRoom(readerRole: 'edit' | 'view' = 'edit') {
  const storage = new SlowDiskStorage();
  const t = createTestRooms({}, storage);
  const room = t.createRoom('blank');
  return { storage, t, room, writer: t.connect(room, 'edit'), reader: t.connect(room, readerRole) };
}

function pageOf(doc: Y.Doc): string {
  return recordIndex(doc)
    .ids()
    .find((id) => id.startsWith('page:'))!;
}

/** A partner's update renaming the page, made from `doc` (by default the room's document as it is now). */
function rename(room: Room, name: string, doc = clientDoc(room)): Uint8Array {
  return captureUpdate(doc, () => recordIndex(doc).setFields(pageOf(doc), { name }));
}

/** Two updates in one turn, the second made after the first: a busy turn, whose sync is left to the disk. */
function busyTurn(room: Room, writer: { session: RoomSession }, names: [string, string]): void {
  const doc = clientDoc(room);
  for (const name of names) room.handleMessage(writer.session, encodeUpdate(rename(room, name, doc)));
}

function lastStoredRow(storage: MemoryStorage, room: Room): Uint8Array {
  return storage.loadDoc(room.id).updates.at(-1)!;
}

describe('PersistQueue with deferred durability', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('syncs a quiet turn before it ends, and relays its update at once', async () => {
    const { storage, room, writer, reader } = slowDiskRoom();
    // The queue's clock, held still: quiet once it moves on, a stream while it stands.
    vi.useFakeTimers({ toFake: ['performance'] });
    vi.advanceTimersByTime(10);
    const synced = storage.durability.syncedNow;
    const handedOver = storage.durability.handedOver;
    const update = rename(room, 'Tafel 1');
    room.handleMessage(writer.session, encodeUpdate(update));
    await nextTick();
    // One sync, inline: none handed to the disk besides (that flushed the disk twice).
    expect(storage.durability.syncedNow).toBe(synced + 1);
    expect(storage.durability.handedOver).toBe(handedOver);
    expect(reader.socket.updates()).toContainEqual(update);
    // The next small turn right after it is part of a stream: its sync is left to the disk.
    const next = rename(room, 'Tafel 1b');
    room.handleMessage(writer.session, encodeUpdate(next));
    await nextTick();
    expect(storage.durability.syncedNow).toBe(synced + 1);
    expect(storage.durability.handedOver).toBe(handedOver + 1);
    expect(reader.socket.updates()).not.toContainEqual(next);
    storage.durability.confirm(null);
    await nextTick();
    expect(reader.socket.updates()).toContainEqual(next);
    vi.useRealTimers();
  });

  it('relays a busy turn only once the disk confirms it', async () => {
    const { storage, room, writer, reader } = slowDiskRoom();
    busyTurn(room, writer, ['Tafel 1', 'Tafel 2']);
    await nextTick();
    // Stored (a crash of the process would not lose it), but not yet on the disk: not shown.
    const row = lastStoredRow(storage, room);
    expect(reader.socket.updates()).not.toContainEqual(row);
    storage.durability.confirm(null);
    await nextTick();
    expect(reader.socket.updates()).toContainEqual(row);
    expect(writer.socket.closed).toBeNull();
  });

  it('makes waiting updates durable and relays them before a newcomer is shown the map', async () => {
    const { storage, t, room, writer, reader } = slowDiskRoom();
    busyTurn(room, writer, ['Eerst', 'Eerst!']);
    await nextTick();
    const second = rename(room, 'Daarna');
    room.handleMessage(writer.session, encodeUpdate(second));
    expect(reader.socket.updates()).toHaveLength(0);
    // A newcomer joins before either is confirmed: both are synced and relayed first (as one
    // update: one sync confirms them both).
    const seen = clientDoc(room);
    t.connect(room, 'view');
    expect(storage.durability.waiting).toHaveLength(0);
    expect(reader.socket.updates()).toHaveLength(1);
    for (const u of reader.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Daarna');
    expect(Y.encodeStateVector(seen)).toEqual(Y.encodeStateVector(t.storedDoc(room)));
  });

  it('when the disk fails to confirm, relays nothing and sends every peer to resync from storage', async () => {
    const { storage, t, room, writer, reader } = slowDiskRoom('view');
    busyTurn(room, writer, ['Tafel 1', 'Tafel 2']);
    await nextTick();
    const row = lastStoredRow(storage, room);
    storage.durability.confirm(new Error('EIO: i/o error, fdatasync'));
    expect(reader.socket.updates()).not.toContainEqual(row);
    for (const peer of [writer, reader])
      expect(peer.socket.closed?.code).toBe(CLOSE_CODES.storageFailure.code);
    // Nothing is lost: storage still holds it, and the room's document agrees.
    const stored = t.storedDoc(room);
    expect(recordIndex(stored).field(pageOf(stored), 'name')).toBe('Tafel 2');
  });

  it("stores a room's updates of one turn as one row, and relays that row to every peer", async () => {
    const t = createTestRooms();
    const room = t.createRoom('blank');
    const a = t.connect(room, 'edit');
    const b = t.connect(room, 'edit');
    const reader = t.connect(room, 'view');
    const before = t.storage.loadDoc(room.id).updates.length;
    // B renames after seeing A's rename, as a partner would.
    const first = rename(room, 'A');
    const seenByB = clientDoc(room);
    Y.applyUpdate(seenByB, first);
    room.handleMessage(a.session, encodeUpdate(first));
    room.handleMessage(b.session, encodeUpdate(rename(room, 'B', seenByB)));
    await nextTick();
    const stored = t.storage.loadDoc(room.id).updates.slice(before);
    expect(stored).toHaveLength(1);
    // Both writers wrote: each gets the row too, and the reader gets exactly the stored bytes.
    for (const peer of [a, b, reader]) expect(peer.socket.updates()).toContainEqual(stored[0]);
    const doc = t.storedDoc(room);
    expect(recordIndex(doc).field(pageOf(doc), 'name')).toBe('B');
  });
});

/** A database the test answers for: appends handed over wait until the test lets them commit or fail. */
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
}

function slowDatabaseRoom() {
  const storage = new SlowDatabase();
  const t = createTestRooms({}, storage);
  const room = t.createRoom('blank');
  return { storage, t, room, writer: t.connect(room, 'edit'), reader: t.connect(room, 'edit') };
}

describe('PersistQueue with a storage that writes off the event loop', () => {
  it('relays a turn only once the database has committed it, and hands over one write at a time', async () => {
    const { storage, room, writer, reader } = slowDatabaseRoom();
    const before = storage.loadDoc(room.id).updates.length;
    const doc = clientDoc(room);
    const first = rename(room, 'Tafel 1', doc);
    room.handleMessage(writer.session, encodeUpdate(first));
    await nextTick();
    expect(storage.handedOver).toHaveLength(1);
    expect(storage.loadDoc(room.id).updates).toHaveLength(before);
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
    expect(storage.loadDoc(room.id).updates).toHaveLength(before + 2);
    const seen = clientDoc(room);
    for (const u of reader.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Tafel 3');
    expect(writer.socket.closed).toBeNull();
  });

  it('waits for the database before a newcomer is shown the map', async () => {
    const { storage, t, room, writer, reader } = slowDatabaseRoom();
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Eerst')));
    await nextTick();
    room.handleMessage(writer.session, encodeUpdate(rename(room, 'Daarna')));
    expect(reader.socket.updates()).toHaveLength(0);
    t.connect(room, 'view');
    expect(storage.handedOver).toHaveLength(0);
    const stored = t.storedDoc(room);
    expect(recordIndex(stored).field(pageOf(stored), 'name')).toBe('Daarna');
    const seen = clientDoc(room);
    for (const u of reader.socket.updates()) Y.applyUpdate(seen, u);
    expect(recordIndex(seen).field(pageOf(seen), 'name')).toBe('Daarna');
  });

  it('when the database fails, relays nothing, rolls back what was built on it and closes its writers', async () => {
    const { storage, t, room, writer, reader } = slowDatabaseRoom();
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
