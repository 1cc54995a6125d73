/**
 * Every limit refuses with its documented close code, on a server started with small limits.
 * Each test uses its own room, so one test's refusal cannot explain another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw, queryAwareness, rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

const MAX_MESSAGE_BYTES = 4096;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    MAX_MESSAGES_PER_SECOND: '20',
    MAX_PEERS_PER_ROOM: '2',
    // A new room's document is about 13 kB: this leaves room for a few cards of text.
    MAX_DOC_BYTES: '45000',
  });
});
afterAll(async () => {
  await server?.cleanup();
});

describe('limits', () => {
  it('closes a socket that sends a message over MAX_MESSAGE_BYTES with 4413, nothing stored', async () => {
    const room = await server.createRoom();
    const peer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    // A valid update (two full cards), refused for its size alone.
    const message = syncUpdate(
      updateOf(peer.doc, () => {
        for (const id of ['shape:big', 'shape:big2'])
          records(peer.doc).set(id, loopStep(id, { text: 'x'.repeat(2000) }));
      }),
    );
    expect(message.length).toBeGreaterThan(MAX_MESSAGE_BYTES);
    peer.send(message);
    expect(await peer.closed).toEqual({ code: 4413, reason: 'message-too-large' });
    const check = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    expect(records(check.doc).has('shape:big')).toBe(false);
    check.ws.close();
  });

  it('closes a socket that floods messages with 4429; a normal peer is unaffected', async () => {
    const room = await server.createRoom();
    const normal = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await whenSynced(normal);
      const flood = openRaw(server.wsUrl, room.roomId, room.tokens.view);
      await flood.opened;
      for (let i = 0; i < 100; i++) flood.send(queryAwareness());
      expect(await flood.closed).toEqual({ code: 4429, reason: 'too-many-messages' });
      expect(normal.closes).toEqual([]);
    } finally {
      normal.destroy();
    }
  });

  it('refuses a partner beyond MAX_PEERS_PER_ROOM with 4430, and lets it in once one leaves', async () => {
    const room = await server.createRoom();
    const a = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const b = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    expect(await openRaw(server.wsUrl, room.roomId, room.tokens.edit).closed).toEqual({
      code: 4430,
      reason: 'room-full',
    });
    // The facilitator's places are their own: a full room of partners never locks them out.
    const f = await rawPeer(server.wsUrl, room.roomId, room.tokens.facilitator);
    b.ws.close();
    await b.closed;
    const c = await eventually(async () => {
      const p = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit).catch(() => null);
      return p;
    });
    expect(records(c.doc).size).toBeGreaterThan(0);
    for (const s of [a, c, f]) s.ws.close();
  });

  it('refuses updates once the stored room would exceed MAX_DOC_BYTES with 4431', async () => {
    const room = await server.createRoom();
    const peer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    let sent = 0;
    let closed: { code: number; reason: string } | null = null;
    void peer.closed.then((c) => {
      closed = c;
    });
    while (!closed && sent < 40) {
      const id = `shape:card${sent}`;
      peer.send(
        syncUpdate(
          updateOf(peer.doc, () => records(peer.doc).set(id, loopStep(id, { text: 'z'.repeat(1500) }))),
        ),
      );
      sent++;
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(closed).toEqual({ code: 4431, reason: 'document-too-large' });
    // What was accepted before the limit is there; the refused card is not.
    const check = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    const cards = [...records(check.doc).keys()].filter((k) => k.startsWith('shape:card'));
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThan(sent);
    check.ws.close();
  });
});
