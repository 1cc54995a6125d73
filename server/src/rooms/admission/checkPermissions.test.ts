import {
  CONVERSATION_ID,
  defaultConversation,
  endConversation,
  openVoting,
  startRound,
  type Vote,
  voteId,
} from '@patroonkaart/model';
import { authorKey, ballotKey } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { encodeAwareness, encodeUpdate } from '../../sync/messages.ts';
import { authorKeyOf, ballotKeyOf } from '../../sync/syncEndpoint.ts';

const ANNA = authorKeyOf('anna-secret-anna-secret-01');
const BEN = authorKeyOf('ben-secret-ben-secret-ben-02');

function vote(author: string, subject: string, value: Vote['value']): Vote {
  return {
    id: voteId(author, 'recognisable', subject),
    typeName: 'vote',
    author,
    name: 'Anna',
    organisation: 'Gemeente',
    question: 'recognisable',
    subject,
    value,
  };
}

async function setup() {
  const t = createTestRooms();
  const room = await t.createRoom();
  const facilitator = t.connect(room, 'facilitator', authorKeyOf('facilitator-secret-0000001'));
  const anna = t.connect(room, 'edit', ANNA);
  const write = (who: typeof anna, change: (index: ReturnType<typeof recordIndex>) => void) => {
    const doc = clientDoc(room);
    room.handleMessage(who.session, encodeUpdate(captureUpdate(doc, () => change(recordIndex(doc)))));
    // The turn ends: the room admits what it received (the write follows on the next tick).
    room.endTurn();
  };
  const step = recordIndex(room.doc)
    .ids()
    .find((id) => recordIndex(room.doc).get(id)!.type === 'loop-step')!;
  return { t, room, facilitator, anna, write, step };
}

describe('the conversation records on the server', () => {
  it('derives the same author key as browsers do', async () => {
    expect(await authorKey('anna-secret-anna-secret-01')).toBe(ANNA);
  });

  it('lets the facilitator start a round; a partner who tries is closed with 4403 and nothing changes', async () => {
    const { room, facilitator, anna, write } = await setup();
    write(anna, (index) =>
      index.write(CONVERSATION_ID, { ...startRound(defaultConversation(), 1, Date.now()) }),
    );
    expect(anna.socket.closed?.code).toBe(4403);
    expect(recordIndex(room.doc).has(CONVERSATION_ID)).toBe(false);
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...startRound(defaultConversation(), 1, Date.now()) }),
    );
    await nextTick();
    expect(facilitator.socket.closed).toBeNull();
    expect(recordIndex(room.doc).field(CONVERSATION_ID, 'round')).toBe(1);
  });

  it('closes the map to partners when the conversation ends with the map closed; the facilitator may still draw', async () => {
    const { room, facilitator, anna, write, step } = await setup();
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...endConversation(defaultConversation(), false) }),
    );
    await nextTick();
    write(anna, (index) => index.setFields(step, { x: 4321 }));
    expect(anna.socket.closed?.code).toBe(4403);
    expect(recordIndex(room.doc).field(step, 'x')).not.toBe(4321);
    write(facilitator, (index) => index.setFields(step, { x: 1234 }));
    await nextTick();
    expect(facilitator.socket.closed).toBeNull();
    expect(recordIndex(room.doc).field(step, 'x')).toBe(1234);
  });

  it('keeps the map open to partners when the conversation ends with the map open', async () => {
    const { t, room, facilitator, write, step } = await setup();
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...endConversation(defaultConversation(), true) }),
    );
    await nextTick();
    const bea = t.connect(room, 'edit', BEN);
    write(bea, (index) => index.setFields(step, { x: 777 }));
    await nextTick();
    expect(bea.socket.closed).toBeNull();
    expect(recordIndex(room.doc).field(step, 'x')).toBe(777);
  });

  it("refuses a round end that does not match the server's clock (a skewed or forged timer)", async () => {
    const { room, facilitator, write } = await setup();
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...startRound(defaultConversation(), 1, Date.now() + 3_600_000) }),
    );
    expect(facilitator.socket.closed?.code).toBe(4403);
    expect(recordIndex(room.doc).has(CONVERSATION_ID)).toBe(false);
  });

  it('takes a vote from its author only, and only while voting is open; a late vote is removed', async () => {
    const { t, room, facilitator, anna, write, step } = await setup();
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...defaultConversation(), votingOpen: true }),
    );
    await nextTick();
    write(anna, (index) => index.write(voteId(ANNA, 'recognisable', step), { ...vote(ANNA, step, 'yes') }));
    await nextTick();
    expect(recordIndex(room.doc).field(voteId(ANNA, 'recognisable', step), 'value')).toBe('yes');

    const forger = t.connect(room, 'edit', ANNA.replace(/./, 'f'));
    write(forger, (index) => index.write(voteId(BEN, 'recognisable', step), { ...vote(BEN, step, 'no') }));
    expect(forger.socket.closed?.code).toBe(4403);
    const changer = t.connect(room, 'edit', BEN);
    write(changer, (index) => index.setFields(voteId(ANNA, 'recognisable', step), { value: 'no' }));
    expect(changer.socket.closed?.code).toBe(4403);

    write(facilitator, (index) => index.setFields(CONVERSATION_ID, { votingOpen: false }));
    await nextTick();
    write(anna, (index) => index.setFields(voteId(ANNA, 'recognisable', step), { value: 'somewhat' }));
    await nextTick();
    expect(anna.socket.closed).toBeNull();
    expect(recordIndex(room.doc).has(voteId(ANNA, 'recognisable', step))).toBe(false);
    expect(recordIndex(t.storedDoc(room)).has(voteId(ANNA, 'recognisable', step))).toBe(false);
  });

  it("takes an anonymous vote only under the voter's ballot key and without a name", async () => {
    const { t, room, facilitator, write, step } = await setup();
    const secret = 'anna-secret-anna-secret-01';
    const ballot = ballotKeyOf(secret, room.id);
    expect(await ballotKey(secret, room.id)).toBe(ballot);
    expect(ballot).not.toBe(ANNA);
    const anna = t.connect(room, 'edit', ANNA, ballot);
    write(facilitator, (index) =>
      index.write(CONVERSATION_ID, { ...openVoting(defaultConversation(), true) }),
    );
    await nextTick();
    // Under her author key, or with her name: refused while voting is anonymous.
    write(anna, (index) =>
      index.write(voteId(ANNA, 'recognisable', step), { ...vote(ANNA, step, 'yes'), name: '' }),
    );
    expect(anna.socket.closed?.code).toBe(4403);
    const again = t.connect(room, 'edit', ANNA, ballot);
    write(again, (index) =>
      index.write(voteId(ballot, 'recognisable', step), { ...vote(ballot, step, 'yes') }),
    );
    expect(again.socket.closed?.code).toBe(4403);
    const third = t.connect(room, 'edit', ANNA, ballot);
    write(third, (index) =>
      index.write(voteId(ballot, 'recognisable', step), { ...vote(ballot, step, 'yes'), name: '' }),
    );
    await nextTick();
    expect(third.socket.closed).toBeNull();
    expect(recordIndex(room.doc).field(voteId(ballot, 'recognisable', step), 'value')).toBe('yes');
    // Nobody else can change it: another partner does not have her ballot key.
    const ben = t.connect(room, 'edit', BEN, ballotKeyOf('ben-secret-ben-secret-ben-02', room.id));
    write(ben, (index) => index.setFields(voteId(ballot, 'recognisable', step), { value: 'no' }));
    expect(ben.socket.closed?.code).toBe(4403);
  });

  it('refuses a vote whose id does not name its author and item, and an answer without a text', async () => {
    const { anna, write, step } = await setup();
    write(anna, (index) => index.write('vote:whatever', { ...vote(ANNA, step, 'yes'), id: 'vote:whatever' }));
    expect(anna.socket.closed?.code).toBe(4409);
  });

  it("refuses an answer filed under another type's id, which would slip past the owner check", async () => {
    const { anna, write } = await setup();
    const forged = {
      id: 'shape:forged',
      typeName: 'answer',
      round: 1,
      text: 'In naam van een ander',
      author: BEN,
      name: 'Ben',
      organisation: 'Politie',
      createdAt: Date.now(),
    };
    write(anna, (index) => index.write(forged.id, forged));
    expect(anna.socket.closed?.code).toBe(4409);
  });

  it("lets a partner change their own answer, never someone else's", async () => {
    const { t, room, anna, write } = await setup();
    const answer = {
      id: 'answer:a1',
      typeName: 'answer',
      round: 1,
      text: 'Herkenbaar bij ons',
      author: ANNA,
      name: 'Anna',
      organisation: 'Gemeente',
      createdAt: Date.now(),
    };
    write(anna, (index) => index.write(answer.id, answer));
    await nextTick();
    write(anna, (index) => index.setFields(answer.id, { text: 'Heel herkenbaar' }));
    await nextTick();
    expect(recordIndex(room.doc).field(answer.id, 'text')).toBe('Heel herkenbaar');
    const ben = t.connect(room, 'edit', BEN);
    write(ben, (index) => index.setFields(answer.id, { text: 'Overschreven' }));
    expect(ben.socket.closed?.code).toBe(4403);
    expect(recordIndex(room.doc).field(answer.id, 'text')).toBe('Heel herkenbaar');
  });
});

describe('"Breng iedereen hierheen" in presence', () => {
  it('relays a summon from the facilitator, and drops one from a partner without closing them', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const facilitator = t.connect(room, 'facilitator');
    const partner = t.connect(room, 'edit');
    const watcher = t.connect(room, 'view');
    const publish = (who: typeof partner, state: Record<string, unknown>) => {
      const doc = new Y.Doc();
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState(state);
      room.handleMessage(
        who.session,
        encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
      );
      awareness.destroy();
    };
    const summons = () => {
      const seen = new awarenessProtocol.Awareness(new Y.Doc());
      for (const m of watcher.socket.messages())
        if (m.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(seen, m.update, null);
      return [...seen.getStates().values()].filter((s) => 'summon' in s).map((s) => s.user.name);
    };
    publish(partner, { user: { name: 'Anna' }, summon: { at: 1, userId: 'user:anna' } });
    expect(partner.socket.closed).toBeNull();
    expect(summons()).toEqual([]);
    publish(facilitator, { user: { name: 'Fenna' }, summon: { at: 2, userId: 'user:fenna' } });
    expect(summons()).toEqual(['Fenna']);
  });
});
