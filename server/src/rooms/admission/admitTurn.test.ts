/**
 * A busy room's turn: the client updates that arrive in one event-loop turn are admitted as one
 * when they can be, and one by one when they cannot, so nobody's edit is lost to someone else's
 * refusal and every refusal still closes only its own sender.
 */
import { CLOSE_CODES } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick, sameDoc } from '../../../test/testRooms.ts';
import { encodeUpdate } from '../../sync/messages.ts';
import { authorKeyOf } from '../../sync/syncEndpoint.ts';
import type { Room } from '../Room.ts';
import type { RoomSession } from '../session/RoomSession.ts';

const ANNA = authorKeyOf('anna-secret-anna-secret-01');
const BEN = authorKeyOf('ben-secret-ben-secret-ben-02');

/** A partner's update adding a copy of one of the room's loop steps as `id`, with `props` overridden. */
function newStep(room: Room, id: string, props: Record<string, unknown> = {}): Uint8Array {
  const doc = clientDoc(room);
  const index = recordIndex(doc);
  const step = index
    .ids()
    .map((i) => index.get(i)!)
    .find((r) => r.type === 'loop-step')!;
  const record = { ...step, id, props: { ...(step.props as object), ...props } };
  return captureUpdate(doc, () => index.write(id, record));
}

function answer(id: string, author: string, text: string) {
  return {
    id,
    typeName: 'answer',
    round: 1,
    text,
    author,
    name: 'Anna',
    organisation: 'Gemeente',
    createdAt: Date.now(),
  };
}

/** Anna and Ben, two partners with their own author keys, in a fresh room. */
async function annaAndBen() {
  const t = createTestRooms();
  const room = await t.createRoom();
  return { t, room, anna: t.connect(room, 'edit', ANNA), ben: t.connect(room, 'edit', BEN) };
}

/** `who` sends an answer filed under `author`, made from the room's document as it is now. */
function sendAnswer(
  room: Room,
  who: { session: RoomSession },
  id: string,
  author: string,
  text: string,
): void {
  const doc = clientDoc(room);
  const record = answer(id, author, text);
  room.handleMessage(who.session, encodeUpdate(captureUpdate(doc, () => recordIndex(doc).write(id, record))));
}

function seenBy(socket: { updates(): Uint8Array[] }, room: Room): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  for (const u of socket.updates()) Y.applyUpdate(doc, u);
  return doc;
}

describe('a busy turn', () => {
  it("stores several partners' edits of one turn as one row and relays them as one message", async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const partners = [t.connect(room, 'edit'), t.connect(room, 'edit'), t.connect(room, 'facilitator')];
    const viewer = t.connect(room, 'view');
    const rowsBefore = t.storage.loadDocNow(room.id).updates.length;
    let applied = 0;
    room.doc.on('afterTransaction', (txn: Y.Transaction) => {
      if (txn.origin !== null) applied++;
    });
    for (const [i, p] of partners.entries())
      room.handleMessage(p.session, encodeUpdate(newStep(room, `shape:busy${i}`)));
    await nextTick();

    // Checked and applied once, as one update.
    expect(applied).toBe(1);
    expect(t.storage.loadDocNow(room.id).updates.length).toBe(rowsBefore + 1);
    expect(viewer.socket.updates()).toHaveLength(1);
    const stored = recordIndex(t.storedDoc(room));
    for (let i = 0; i < partners.length; i++) {
      expect(stored.has(`shape:busy${i}`)).toBe(true);
      expect(partners[i]!.socket.closed).toBeNull();
    }
    expect(sameDoc(seenBy(viewer.socket, room), t.storedDoc(room))).toBe(true);
    expect(t.metrics.updatesAccepted).toBe(partners.length);
    // Operators see each partner's update relayed once, not one merged update.
    const metrics = await t.metrics.render();
    expect(metrics).toMatch(/^patroonkaart_relay_seconds_count 3$/m);
    // ...and the room's turn admitted once.
    expect(metrics).toMatch(/^patroonkaart_admission_seconds_count 1$/m);
  });

  it("closes only the partner whose update is invalid; the others' edits of the turn are stored and relayed", async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const honest = [t.connect(room, 'edit'), t.connect(room, 'edit')];
    const rogue = t.connect(room, 'edit');
    const viewer = t.connect(room, 'view');
    room.handleMessage(honest[0]!.session, encodeUpdate(newStep(room, 'shape:first')));
    room.handleMessage(rogue.session, encodeUpdate(newStep(room, 'shape:bad', { w: -5 })));
    // The rogue's next update of the same turn is valid, but its sender is closed: dropped.
    room.handleMessage(rogue.session, encodeUpdate(newStep(room, 'shape:afterBad')));
    room.handleMessage(honest[1]!.session, encodeUpdate(newStep(room, 'shape:second')));
    await nextTick();

    expect(rogue.socket.closed).toEqual({ code: 4409, reason: CLOSE_CODES.invalidRecord.reason });
    for (const p of honest) expect(p.socket.closed).toBeNull();
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.has('shape:first')).toBe(true);
    expect(stored.has('shape:second')).toBe(true);
    expect(stored.has('shape:bad')).toBe(false);
    expect(stored.has('shape:afterBad')).toBe(false);
    expect(sameDoc(room.doc, t.storedDoc(room))).toBe(true);
    const seen = recordIndex(seenBy(viewer.socket, room));
    expect(seen.has('shape:first') && seen.has('shape:second')).toBe(true);
    expect(t.metrics.updatesRejected).toBe(1);
  });

  it("checks each sender's rights when several partners write the conversation in one turn", async () => {
    const { t, room, anna, ben } = await annaAndBen();
    sendAnswer(room, anna, 'answer:a1', ANNA, 'Herkenbaar');
    // Ben files an answer in Anna's name: refused, and only Ben is closed.
    sendAnswer(room, ben, 'answer:b1', ANNA, 'Namens Anna');
    await nextTick();

    expect(ben.socket.closed?.code).toBe(CLOSE_CODES.notAllowed.code);
    expect(anna.socket.closed).toBeNull();
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.field('answer:a1', 'text')).toBe('Herkenbaar');
    expect(stored.has('answer:b1')).toBe(false);
  });

  it("lets several partners' answers of one turn through, each checked against its own sender", async () => {
    const { t, room, anna, ben } = await annaAndBen();
    sendAnswer(room, anna, 'answer:a1', ANNA, 'Herkenbaar');
    sendAnswer(room, ben, 'answer:b1', BEN, 'Bij ons ook');
    await nextTick();

    expect(anna.socket.closed).toBeNull();
    expect(ben.socket.closed).toBeNull();
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.field('answer:a1', 'text')).toBe('Herkenbaar');
    expect(stored.field('answer:b1', 'text')).toBe('Bij ons ook');
  });
});
