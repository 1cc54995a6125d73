/**
 * Room logic without sockets: roles, validation, rollback, and durable-before-broadcast, through
 * fake sockets over MemoryStorage and the real RoomManager and persist queue.
 */
import { CLOSE_CODES } from '@patroonkaart/protocol';
import { recordIndex, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick, sameDoc } from '../../test/testRooms.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../sync/messages.ts';
import { OFF_THREAD_DOC_BYTES } from './document/StoredAnswers.ts';
import type { Room } from './Room.ts';

/** A copy of one of the room's loop steps under a new id, with `props` overridden. */
function loopStep(room: Room, id: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  const index = recordIndex(room.doc);
  const json = index
    .ids()
    .map((i) => index.get(i)!)
    .find((r) => r.type === 'loop-step')!;
  return { ...json, id, props: { ...(json.props as object), ...props } };
}

function addRecord(doc: Y.Doc, key: string, record: Record<string, unknown>): Uint8Array {
  return captureUpdate(doc, () => recordIndex(doc).write(key, record));
}

/** A room whose map is past OFF_THREAD_DOC_BYTES, written in updates under the message limit. */
async function bigRoom() {
  const t = createTestRooms();
  const room = await t.createRoom();
  const writer = t.connect(room, 'edit');
  const doc = clientDoc(room);
  for (let part = 0; part < 4; part++)
    room.handleMessage(
      writer.session,
      encodeUpdate(
        captureUpdate(doc, () =>
          recordIndex(doc).writeMany(
            Array.from({ length: 80 }, (_, i) => {
              const id = `shape:big${part}-${i}`;
              return [id, loopStep(room, id, { text: `${part}${i} `.repeat(400).slice(0, 2000) })];
            }),
          ),
        ),
      ),
    );
  await nextTick();
  expect(room.byteSize).toBeGreaterThan(OFF_THREAD_DOC_BYTES);
  return { t, room, writer };
}

/** Until the socket has been sent more than `before` messages (an answer made off the event loop). */
async function answered(socket: { sent: unknown[] }, before: number): Promise<void> {
  for (let n = 0; n < 500 && socket.sent.length <= before; n++) await new Promise((r) => setTimeout(r, 10));
}

describe('Room', () => {
  it('stores and relays a valid edit to the other peers, not back to its sender', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const a = t.connect(room, 'edit');
    const b = t.connect(room, 'facilitator');
    const update = addRecord(clientDoc(room), 'shape:new', loopStep(room, 'shape:new'));
    room.handleMessage(a.session, encodeUpdate(update));
    await nextTick();
    expect(a.socket.closed).toBeNull();
    expect(b.socket.updates()).toContainEqual(update);
    expect(a.socket.updates()).not.toContainEqual(update);
    expect(recordIndex(t.storedDoc(room)).has('shape:new')).toBe(true);
  });

  it("drops a viewer's document update but relays its cursor", async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const viewer = t.connect(room, 'view');
    const partner = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const update = addRecord(doc, 'shape:byViewer', loopStep(room, 'shape:byViewer'));
    room.handleMessage(viewer.session, encodeUpdate(update));

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Kijker' }, cursor: { x: 1, y: 2 } });
    room.handleMessage(
      viewer.session,
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    );
    await nextTick();

    expect(recordIndex(room.doc).has('shape:byViewer')).toBe(false);
    expect(recordIndex(t.storedDoc(room)).has('shape:byViewer')).toBe(false);
    expect(partner.socket.updates()).toHaveLength(0);
    const relayed = partner.socket.messages().filter((m) => m.kind === 'awareness');
    expect(relayed).toHaveLength(1);
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(seen, (relayed[0] as { update: Uint8Array }).update, null);
    expect(seen.getStates().get(doc.clientID)).toEqual({ user: { name: 'Kijker' }, cursor: { x: 1, y: 2 } });
    expect(viewer.socket.closed).toBeNull();
    awareness.destroy();
  });

  it.each([
    [
      'a loop step with a negative width',
      'shape:neg',
      (room: Room) => loopStep(room, 'shape:neg', { w: -5 }),
    ],
    ['a shape whose id does not match its key', 'shape:key', (room: Room) => loopStep(room, 'shape:other')],
    [
      'a loop step without its organisation',
      'shape:noorg',
      (room: Room) => {
        const r = loopStep(room, 'shape:noorg');
        delete (r.props as Record<string, unknown>).organisation;
        return r;
      },
    ],
  ])('refuses %s: not stored, not relayed, sender closed with 4409', async (_what, key, make) => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const rogue = t.connect(room, 'edit');
    const other = t.connect(room, 'edit');
    const update = addRecord(clientDoc(room), key, make(room));
    room.handleMessage(rogue.session, encodeUpdate(update));
    await nextTick();

    expect(rogue.socket.closed).toEqual({ code: 4409, reason: CLOSE_CODES.invalidRecord.reason });
    expect(other.socket.updates()).toHaveLength(0);
    expect(other.socket.closed).toBeNull();
    expect(recordIndex(room.doc).has(key)).toBe(false);
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
    expect(t.metrics.updatesRejected).toBe(1);
  });

  it('refuses an edit to a valid record that makes it invalid, keeping the stored value', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const docBefore = room.doc;
    const rogue = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const index = recordIndex(doc);
    const id = index.ids().find((i) => index.get(i)!.type === 'loop-step')!;
    const w = index.field(id, 'props.w');
    room.handleMessage(
      rogue.session,
      encodeUpdate(captureUpdate(doc, () => index.setFields(id, { 'props.w': 'wide' }))),
    );
    await nextTick();
    expect(rogue.socket.closed?.code).toBe(4409);
    expect(recordIndex(room.doc).field(id, 'props.w')).toBe(w);
    // Refused on its forecast, before it was applied: the room was not rebuilt from storage.
    expect(room.doc).toBe(docBefore);
    expect(t.metrics.updatesRolledBack).toBe(0);
    expect(t.metrics.updatesRejected).toBe(1);
  });

  it('shows a newcomer a deletion made after the last newcomer joined', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const writer = t.connect(room, 'edit');
    const first = t.connect(room, 'view');
    room.handleMessage(first.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const doc = clientDoc(room);
    const index = recordIndex(doc);
    const step = index.ids().find((i) => index.get(i)!.type === 'loop-step')!;
    room.handleMessage(writer.session, encodeUpdate(captureUpdate(doc, () => index.write(step, null))));
    await nextTick();
    const late = t.connect(room, 'view');
    room.handleMessage(late.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await nextTick();
    const seen = new Y.Doc();
    for (const update of late.socket.updates()) Y.applyUpdate(seen, update);
    expect(recordIndex(seen).has(step)).toBe(false);
    expect(recordIndex(seen).size).toBe(recordIndex(room.doc).size);
  });

  it('encodes the map once for newcomers who join an unchanged room one after another', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const answers: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      const peer = t.connect(room, 'edit');
      room.handleMessage(peer.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await nextTick();
      answers.push(peer.socket.sent.at(-1)!);
      // Its reply to the server's sync step 1: it has nothing the room lacks.
      const doc = clientDoc(room);
      room.handleMessage(
        peer.session,
        encodeSyncStep2(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc))),
      );
      await nextTick();
    }
    // One buffer shared by every socket still sending it, not one copy of the map per newcomer.
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
    const seen = new Y.Doc();
    Y.applyUpdate(seen, (decodeMessage(answers[0]!) as { update: Uint8Array }).update);
    expect(sameDoc(seen, room.doc)).toBe(true);
  });

  it('sends a newcomer with nothing to a big room what storage holds, merged off the event loop, once', async () => {
    const { t, room } = await bigRoom();
    const answers: Uint8Array[] = [];
    for (let i = 0; i < 2; i++) {
      const peer = t.connect(room, 'view');
      const before = peer.socket.sent.length;
      room.handleMessage(peer.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      // Not in this turn: the state is merged on the worker.
      if (i === 0) expect(peer.socket.sent.length).toBe(before);
      await answered(peer.socket, before);
      answers.push(peer.socket.sent.at(-1)!);
    }
    const seen = new Y.Doc();
    Y.applyUpdate(seen, (decodeMessage(answers[0]!) as { update: Uint8Array }).update);
    expect(sameDoc(seen, room.doc)).toBe(true);
    // The next newcomer to the unchanged room is sent the same bytes, merged once.
    expect(answers[1]).toBe(answers[0]);
  });

  it('gives a later newcomer to a big room that changed the kept answer and what changed since, reading storage no more', async () => {
    const { t, room, writer } = await bigRoom();
    const first = t.connect(room, 'view');
    const sentBefore = first.socket.sent.length;
    room.handleMessage(first.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await answered(first.socket, sentBefore);
    const kept = first.socket.sent.at(-1)!;

    // The map changes: a step moves, another goes.
    const doc = clientDoc(room);
    const index = recordIndex(doc);
    const [moved, gone] = index.ids().filter((id) => id.startsWith('shape:big'));
    room.handleMessage(
      writer.session,
      encodeUpdate(
        captureUpdate(doc, () => {
          index.setFields(moved!, { x: 4242 });
          index.write(gone!, null);
        }),
      ),
    );
    await nextTick();
    let reads = 0;
    const loadDoc = t.storage.loadDoc.bind(t.storage);
    t.storage.loadDoc = (id) => {
      reads++;
      return loadDoc(id);
    };

    const late = t.connect(room, 'view');
    const before = late.socket.sent.length;
    room.handleMessage(late.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await answered(late.socket, before);
    const [tail, answer] = late.socket.sent.slice(-2);
    // The kept bytes themselves, after a tail a thousandth of their size; storage was not read.
    expect(answer).toBe(kept);
    expect(tail!.byteLength).toBeLessThan(kept.byteLength / 1000);
    expect(reads).toBe(0);
    // Applied in the order they came, they are the room's map.
    const seen = new Y.Doc();
    Y.applyUpdate(seen, (decodeMessage(tail!) as { update: Uint8Array }).update);
    Y.applyUpdate(seen, (decodeMessage(answer!) as { update: Uint8Array }).update);
    expect(sameDoc(seen, room.doc)).toBe(true);
    expect(recordIndex(seen).field(moved!, 'x')).toBe(4242);
    expect(recordIndex(seen).has(gone!)).toBe(false);
  });

  it('refuses writes outside the records map and changes to the schema', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const a = t.connect(room, 'facilitator');
    const b = t.connect(room, 'edit');
    const doc = clientDoc(room);
    room.handleMessage(
      a.session,
      encodeUpdate(captureUpdate(doc, () => doc.getMap('elsewhere').set('x', 1))),
    );
    await nextTick();
    expect(a.socket.closed?.code).toBe(4409);
    const doc2 = clientDoc(room);
    room.handleMessage(
      b.session,
      encodeUpdate(captureUpdate(doc2, () => doc2.getMap('meta').set(SCHEMA_KEY, { schemaVersion: 99 }))),
    );
    await nextTick();
    expect(b.socket.closed?.code).toBe(4409);
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
  });

  it('on a full disk relays nothing, closes the writer with 4507 and rolls the room back', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const writer = t.connect(room, 'edit');
    const reader = t.connect(room, 'edit');
    const before = t.storedDoc(room);
    t.storage.failNextAppend = new Error('ENOSPC: no space left on device');
    room.handleMessage(
      writer.session,
      encodeUpdate(addRecord(clientDoc(room), 'shape:lost', loopStep(room, 'shape:lost'))),
    );
    await nextTick();

    expect(writer.socket.closed).toEqual({ code: 4507, reason: CLOSE_CODES.storageFailure.reason });
    expect(reader.socket.updates()).toHaveLength(0);
    expect(reader.socket.closed).toBeNull();
    expect(recordIndex(room.doc).has('shape:lost')).toBe(false);
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
    expect(sameDoc(room.doc, before)).toBe(true);
    expect(t.metrics.persistFailures).toBe(1);

    // The disk is back: the room keeps working, and the resent edit is stored and relayed.
    const again = t.connect(room, 'edit');
    const resent = addRecord(clientDoc(room), 'shape:lost', loopStep(room, 'shape:lost'));
    room.handleMessage(again.session, encodeUpdate(resent));
    await nextTick();
    expect(reader.socket.updates()).toContainEqual(resent);
    expect(recordIndex(t.storedDoc(room)).has('shape:lost')).toBe(true);
  });

  it('never shows a peer an update before storage holds it', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const writers = [t.connect(room, 'edit'), t.connect(room, 'facilitator')];
    const observer = t.connect(room, 'view');
    // What the observer is sent, at the moment it is sent, must already be covered by storage.
    const observed = new Y.Doc();
    Y.applyUpdate(observed, Y.encodeStateAsUpdate(t.storedDoc(room)));
    let uncovered = 0;
    observer.socket.onSend = (frame) => {
      const m = decodeMessage(frame);
      if (m.kind !== 'sync-update' || m.step !== 2) return;
      const stored = Y.encodeStateVector(t.storedDoc(room));
      const sent = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(m.update));
      const have = Y.decodeStateVector(stored);
      for (const [client, clock] of sent) if ((have.get(client) ?? 0) < clock) uncovered++;
      Y.applyUpdate(observed, m.update);
    };
    const docs = writers.map(() => clientDoc(room));
    for (let i = 0; i < 20; i++) {
      const w = i % 2;
      const update = addRecord(docs[w]!, `shape:s${i}`, loopStep(room, `shape:s${i}`));
      Y.applyUpdate(docs[1 - w]!, update);
      const seen = observer.socket.updates().length;
      room.handleMessage(writers[w]!.session, encodeUpdate(update));
      // Accepted, but not yet written: nobody has been sent it.
      expect(observer.socket.updates()).toHaveLength(seen);
      if (i % 5 === 4) await nextTick();
    }
    await nextTick();
    expect(uncovered).toBe(0);
    for (let i = 0; i < 20; i++) expect(recordIndex(observed).has(`shape:s${i}`)).toBe(true);
    // Once the queue is written, the room holds exactly what storage holds.
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
  });

  it('refuses an update that depends on changes the server never received', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const rogue = t.connect(room, 'edit');
    const doc = clientDoc(room);
    const first = addRecord(doc, 'shape:first', loopStep(room, 'shape:first'));
    const second = addRecord(doc, 'shape:second', loopStep(room, 'shape:second'));
    // `second` alone cannot be applied: Yjs would park it in the document, unstored and unseen.
    room.handleMessage(rogue.session, encodeUpdate(second));
    await nextTick();
    expect(rogue.socket.closed?.code).toBe(4412);

    // Were it parked, `first` would later unlock it and the room would hold a record storage lacks.
    const honest = t.connect(room, 'edit');
    room.handleMessage(honest.session, encodeUpdate(first));
    await nextTick();
    expect(recordIndex(room.doc).has('shape:second')).toBe(false);
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
  });

  it('gives each role its own places: full viewer places never lock out partners or the facilitator', async () => {
    const t = createTestRooms({
      MAX_PEERS_PER_ROOM: '2',
      MAX_VIEWERS_PER_ROOM: '2',
      MAX_FACILITATORS_PER_ROOM: '1',
    });
    const room = await t.createRoom();
    t.connect(room, 'view');
    t.connect(room, 'view');
    expect(t.connect(room, 'view').socket.closed?.code).toBe(4430);
    expect(t.connect(room, 'edit').socket.closed).toBeNull();
    expect(t.connect(room, 'facilitator').socket.closed).toBeNull();
    t.connect(room, 'edit');
    expect(t.connect(room, 'edit').socket.closed?.code).toBe(4430);
    expect(t.connect(room, 'facilitator').socket.closed?.code).toBe(4430);
    expect(room.peerCount).toBe(5);
  });
});
