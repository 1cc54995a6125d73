/**
 * A silent round in the room: no connection (partner, facilitator, viewer, one joining late)
 * receives a waiting answer's text before the reveal; the count does reach everyone; the reveal
 * writes the answers once, for every screen at once; nobody but the server marks, counts or
 * reveals (4403); caps, rates and typed refusals.
 */
import {
  CONVERSATION_ID,
  MAX_ANSWER_CHARS,
  MAX_WAITING_PER_AUTHOR,
  readConversation,
} from '@patroonkaart/model';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  captureUpdate,
  clientDoc,
  createTestRooms,
  type FakeSocket,
  nextTick,
} from '../../../test/testRooms.ts';
import { encodeSyncStep1, encodeUpdate } from '../../sync/messages.ts';
import { authorKeyOf } from '../../sync/syncEndpoint.ts';
import type { Room } from '../Room.ts';
import { isRefused, type SilentRounds } from './SilentRounds.ts';

const ANNA = authorKeyOf('anna-secret-anna-secret-01');
const BEN = authorKeyOf('ben-secret-ben-secret-ben-02');
const SECRET_A = 'Wij-houden-informatie-achter-ANNA';
const SECRET_B = 'Onze-directie-wil-geen-pottenkijkers-BEN';

async function setup() {
  const t = createTestRooms();
  const room = await t.createRoom();
  const lead = t.connect(room, 'facilitator', authorKeyOf('facilitator-secret-0000001'));
  const anna = t.connect(room, 'edit', ANNA);
  const ben = t.connect(room, 'edit', BEN);
  const viewer = t.connect(room, 'view');
  const silent = t.manager.silent;
  // Each screen asks for the document first, as a client does on connecting.
  for (const { session } of [lead, anna, ben, viewer])
    room.handleMessage(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  /** A client's update, as its socket would send it, admitted at the end of the turn. */
  const write = (who: typeof anna, change: (index: ReturnType<typeof recordIndex>) => void) => {
    const doc = clientDoc(room);
    room.handleMessage(who.session, encodeUpdate(captureUpdate(doc, () => change(recordIndex(doc)))));
    room.endTurn();
  };
  return { t, room, lead, anna, ben, viewer, silent, write };
}

/** Everything a socket was ever sent, as one string of bytes (latin1: every byte one character). */
const bytesOf = (socket: FakeSocket) => socket.sent.map((d) => Buffer.from(d).toString('latin1')).join('');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** The document as this socket has it: every update it was sent, applied. */
function docOf(socket: FakeSocket): Y.Doc {
  const doc = new Y.Doc();
  for (const u of socket.updates()) Y.applyUpdate(doc, u);
  return doc;
}

const conversationIn = (doc: Y.Doc) => readConversation(recordIndex(doc).get(CONVERSATION_ID) ?? {});
const answersIn = (doc: Y.Doc) =>
  recordIndex(doc)
    .ids()
    .filter((id) => id.startsWith('answer:'))
    .map((id) => recordIndex(doc).get(id)!);

function added(room: Room, outcome: Awaited<ReturnType<SilentRounds['add']>>) {
  if (isRefused(outcome)) throw new Error(`refused: ${outcome.error}`);
  expect(outcome.id).toMatch(/^answer:/);
  return { room, answer: outcome };
}

describe('a silent round in the room', () => {
  it('sends no waiting answer to any connection before the reveal, only the count; then all at once', async () => {
    const { t, room, lead, anna, ben, viewer, silent } = await setup();
    expect(await silent.silence(room.id, 3)).toMatchObject({ round: 3, silentRounds: [3], revealed: 0 });
    const a = added(
      room,
      await silent.add(room.id, ANNA, { round: 3, text: SECRET_A, name: 'Anna', organisation: 'Gemeente' }),
    );
    added(
      room,
      await silent.add(room.id, BEN, { round: 3, text: SECRET_B, name: 'Ben', organisation: 'Politie' }),
    );
    await nextTick();
    const late = t.connect(room, 'view');
    room.handleMessage(late.session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await nextTick();
    const sockets = { lead, anna, ben, viewer, late };
    for (const [who, { socket }] of Object.entries(sockets)) {
      const received = bytesOf(socket);
      expect(received.includes(utf8(SECRET_A)), who).toBe(false);
      expect(received.includes(utf8(SECRET_B)), who).toBe(false);
      // What each screen shows: the round silent, two answers waiting, none to read.
      const doc = docOf(socket);
      expect(conversationIn(doc).silentRounds, who).toEqual([3]);
      expect(conversationIn(doc).waiting, who).toEqual([0, 0, 2, 0, 0]);
      expect(answersIn(doc), who).toEqual([]);
    }
    // Nor is it in what is stored for the room.
    const stored = t.storage.loadDocNow(room.id);
    for (const u of [stored.snapshot!, ...stored.updates])
      expect(Buffer.from(u).toString('latin1').includes(utf8(SECRET_A))).toBe(false);
    // Its author reads it back; nobody else does.
    expect((await silent.mine(room.id, ANNA)).map((x) => x.text)).toEqual([SECRET_A]);
    expect((await silent.mine(room.id, BEN)).map((x) => x.text)).toEqual([SECRET_B]);
    expect(await silent.mine(room.id, authorKeyOf('facilitator-secret-0000001'))).toEqual([]);

    const before = Object.values(sockets).map(({ socket }) => socket.sent.length);
    expect(await silent.reveal(room.id, 3)).toMatchObject({
      round: 3,
      silentRounds: [],
      waiting: [0, 0, 0, 0, 0],
      revealed: 2,
    });
    await nextTick();
    Object.values(sockets).forEach(({ socket }, i) => {
      // One message brought both answers, the count and the end of the silence.
      expect(socket.sent.length - before[i]!).toBeLessThanOrEqual(1);
      const doc = docOf(socket);
      expect(
        answersIn(doc)
          .map((x) => x.text)
          .sort(),
      ).toEqual([SECRET_A, SECRET_B].sort());
      expect(conversationIn(doc).silentRounds).toEqual([]);
      expect(conversationIn(doc).waiting).toEqual([0, 0, 0, 0, 0]);
    });
    // The revealed answer is the record its author was shown, with the same id.
    expect(recordIndex(room.doc).get(a.answer.id)).toEqual({ ...a.answer });
    expect(recordIndex(t.storedDoc(room)).get(a.answer.id)).toEqual({ ...a.answer });
    expect(await t.storage.waitingAnswers(room.id)).toEqual([]);

    // A second reveal writes nothing again.
    const after = lead.socket.sent.length;
    expect(await silent.reveal(room.id, 3)).toMatchObject({ revealed: 0 });
    await nextTick();
    expect(lead.socket.sent.length).toBe(after);
    expect(answersIn(room.doc)).toHaveLength(2);
  });

  it('counts per round; its author edits and withdraws only their own, until the reveal', async () => {
    const { room, lead, silent } = await setup();
    await silent.silence(room.id, 2);
    await silent.silence(room.id, 4);
    const first = added(
      room,
      await silent.add(room.id, ANNA, { round: 2, text: 'eerste', name: 'Anna' }),
    ).answer;
    added(room, await silent.add(room.id, ANNA, { round: 4, text: 'tweede', name: 'Anna' }, Date.now() + 1));
    added(room, await silent.add(room.id, BEN, { round: 4, text: 'derde' }));
    await nextTick();
    expect(conversationIn(docOf(lead.socket)).waiting).toEqual([0, 1, 0, 2, 0]);
    expect(await silent.edit(room.id, BEN, first.id, 'van Ben')).toEqual({ error: 'answer-not-found' });
    expect(await silent.withdraw(room.id, BEN, first.id)).toEqual({ error: 'answer-not-found' });
    expect(await silent.edit(room.id, ANNA, 'answer:../../etc', 'x')).toEqual({ error: 'answer-not-found' });
    expect(await silent.edit(room.id, ANNA, first.id, '')).toEqual({ error: 'invalid-answer' });
    expect(await silent.edit(room.id, ANNA, first.id, 'x'.repeat(MAX_ANSWER_CHARS + 1))).toEqual({
      error: 'invalid-answer',
    });
    expect(await silent.edit(room.id, ANNA, first.id, 'verbeterd')).toMatchObject({ text: 'verbeterd' });
    expect((await silent.mine(room.id, ANNA)).map((x) => x.text)).toEqual(['verbeterd', 'tweede']);
    expect(await silent.withdraw(room.id, ANNA, first.id)).toEqual({ id: first.id });
    await nextTick();
    expect(conversationIn(docOf(lead.socket)).waiting).toEqual([0, 0, 0, 2, 0]);
    // Revealing round 4 leaves round 2 silent.
    expect(await silent.reveal(room.id, 4)).toMatchObject({
      silentRounds: [2],
      waiting: [0, 0, 0, 0, 0],
      revealed: 2,
    });
    const revealed = answersIn(room.doc).find((x) => x.text === 'tweede')!;
    expect(await silent.edit(room.id, ANNA, revealed.id as string, 'te laat')).toEqual({
      error: 'answer-not-found',
    });
  });

  it('refuses with a typed reason: not silent, no such round, invalid, too many, too fast', async () => {
    const { room, silent } = await setup();
    expect(await silent.add(room.id, ANNA, { round: 3, text: 'hallo' })).toEqual({
      error: 'round-not-silent',
    });
    expect(await silent.silence(room.id, 0)).toEqual({ error: 'invalid-round' });
    expect(await silent.reveal(room.id, '3' as unknown as number)).toEqual({ error: 'invalid-round' });
    await silent.silence(room.id, 3);
    for (const round of [0, 6, 2.5, '3', null])
      expect(await silent.add(room.id, ANNA, { round: round as number, text: 'x' })).toEqual({
        error: 'invalid-round',
      });
    for (const body of [
      { text: '' },
      { text: 'x'.repeat(MAX_ANSWER_CHARS + 1) },
      { text: 42 },
      { text: 'x', name: 'n'.repeat(500) },
      { text: 'x', organisation: { toString: 'y' } },
    ])
      expect(await silent.add(room.id, ANNA, { round: 3, ...(body as object) })).toEqual({
        error: 'invalid-answer',
      });
    expect(await silent.add('AAAAAAAAAAAAAAAAAAAAAA', ANNA, { round: 3, text: 'x' })).toEqual({
      error: 'room-not-found',
    });
    // Ten at once, then the partner waits; the server counts from the time given.
    let now = Date.now();
    for (let i = 0; i < 10; i++) added(room, await silent.add(room.id, BEN, { round: 3, text: `${i}` }, now));
    expect(await silent.add(room.id, BEN, { round: 3, text: 'nog een' }, now)).toEqual({
      error: 'rate-limited',
    });
    for (let i = 10; i < MAX_WAITING_PER_AUTHOR; i++) {
      now += 1000;
      added(room, await silent.add(room.id, BEN, { round: 3, text: `${i}` }, now));
    }
    now += 1000;
    expect(await silent.add(room.id, BEN, { round: 3, text: 'te veel' }, now)).toEqual({
      error: 'too-many-answers',
    });
    expect(await silent.mine(room.id, BEN)).toHaveLength(MAX_WAITING_PER_AUTHOR);
  });

  it('caps a room at MAX_WAITING_PER_ROOM answers, whoever sends them', async () => {
    const { room, silent } = await setup();
    await silent.silence(room.id, 1);
    let now = Date.now();
    let refused = 0;
    for (let i = 0; i < 12 && !refused; i++)
      for (let j = 0; j < MAX_WAITING_PER_AUTHOR; j++) {
        now += 600;
        const outcome = await silent.add(
          room.id,
          authorKeyOf(`many-authors-secret-000000${i}`),
          { round: 1, text: `${i}/${j}` },
          now,
        );
        if (isRefused(outcome)) {
          expect(outcome.error).toBe('too-many-answers');
          refused++;
          break;
        }
      }
    expect(refused).toBe(1);
    expect(readConversation(recordIndex(room.doc).get(CONVERSATION_ID)!).waiting[0]).toBe(200);
  });

  it('lets nobody but the server mark, count or reveal, nor write an answer into a silent round (4403)', async () => {
    const { room, lead, anna, ben, viewer, silent, write } = await setup();
    await silent.silence(room.id, 3);
    added(room, await silent.add(room.id, ANNA, { round: 3, text: SECRET_A }));
    await nextTick();
    const stateBefore = () => recordIndex(room.doc).get(CONVERSATION_ID);
    const kept = stateBefore();
    // The facilitator forges the count, and reveals by ending the silence in the document.
    write(lead, (index) => index.setFields(CONVERSATION_ID, { waiting: [0, 0, 0, 0, 0] }));
    expect(lead.socket.closed?.code).toBe(4403);
    expect(stateBefore()).toEqual(kept);
    // A partner marks a round silent, or reveals one.
    write(ben, (index) => index.setFields(CONVERSATION_ID, { silentRounds: [] }));
    expect(ben.socket.closed?.code).toBe(4403);
    expect(stateBefore()).toEqual(kept);
    // A partner writes their answer into the document anyway: refused before anyone sees it.
    const rogue = 'Toch-in-het-document-ANNA';
    write(anna, (index) =>
      index.write('answer:rogue', {
        id: 'answer:rogue',
        typeName: 'answer',
        round: 3,
        text: rogue,
        author: ANNA,
        name: 'Anna',
        organisation: '',
        createdAt: Date.now(),
      }),
    );
    expect(anna.socket.closed?.code).toBe(4403);
    await nextTick();
    expect(recordIndex(room.doc).has('answer:rogue')).toBe(false);
    expect(bytesOf(viewer.socket).includes(utf8(rogue))).toBe(false);
    expect(await silent.mine(room.id, ANNA)).toHaveLength(1);
  });

  it('lets the facilitator lead the round as before while it is silent', async () => {
    const { t, room, silent, write } = await setup();
    await silent.silence(room.id, 1);
    await nextTick();
    const lead = t.connect(room, 'facilitator', authorKeyOf('facilitator-secret-0000002'));
    // The facilitator's screen writes only what changed (client: state/conversationStore).
    write(lead, (index) => index.setFields(CONVERSATION_ID, { votingOpen: true, templateLocked: true }));
    await nextTick();
    expect(lead.socket.closed).toBeNull();
    expect(readConversation(recordIndex(room.doc).get(CONVERSATION_ID)!)).toMatchObject({
      votingOpen: true,
      silentRounds: [1],
    });
  });
});
