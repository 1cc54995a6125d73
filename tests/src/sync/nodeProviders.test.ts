/**
 * Two stock y-websocket providers in Node sync a document through the real server: the
 * contract any compatible client relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { geoShape, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

describe('two Node WebsocketProvider clients', () => {
  it('sync a document through the server, both ways', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const a = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const b = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await Promise.all([whenSynced(a), whenSynced(b)]);
      // Both received the seeded template from the server.
      const steps = () => [...records(b.doc).values()].filter((r) => r.type === 'loop-step');
      expect(steps()).toHaveLength(6);

      a.doc.transact(() => records(a.doc).set('shape:fromA', geoShape('shape:fromA', 1)));
      await eventually(() => records(b.doc).has('shape:fromA'), 5000, 'B to receive A');
      b.doc.transact(() => records(b.doc).setField('shape:fromA', 'x', 500));
      await eventually(() => records(a.doc).get('shape:fromA')?.x === 500, 5000, 'A to see B’s move');
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('keeps a partner alone in a room connected: the stock client hears the server within 30 s', async () => {
    const room = await server.createRoom('blank');
    const alone = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await whenSynced(alone);
      // The stock provider closes a socket that received nothing for 30 s (it checks every 3 s);
      // nobody else is here, so only the server's keep-alive can reach it.
      await new Promise((r) => setTimeout(r, 40_000));
      expect(alone.closes).toEqual([]);
      expect(alone.provider.wsconnected).toBe(true);
    } finally {
      alone.destroy();
    }
  }, 60_000);

  it('keeps a table of eight present partners connected: the stock client echoes everyone it is told of', async () => {
    const room = await server.createRoom('blank');
    const table: ReturnType<typeof connectPeer>[] = [];
    const join = async (i: number) => {
      const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
      peer.provider.awareness.setLocalState({ user: { name: `Partner ${i + 1}`, organisation: 'Gemeente' } });
      table.push(peer);
      await whenSynced(peer);
      // Everyone present before it is told of at once, and it sends all of them back.
      await eventually(
        () => table.every((p) => p.provider.awareness.getStates().size === i + 1),
        10_000,
        `${i + 1} present`,
      );
    };
    try {
      for (let i = 0; i < 8; i++) await join(i);
      table[0]!.destroy();
      await eventually(
        () => table.slice(1).every((p) => p.provider.awareness.getStates().size === 7),
        10_000,
        'seven',
      );
      await new Promise((r) => setTimeout(r, 1000));
      for (const peer of table.slice(1)) {
        expect(peer.closes).toEqual([]);
        expect(peer.provider.wsconnected).toBe(true);
      }
    } finally {
      for (const peer of table.slice(1)) peer.destroy();
    }
  });

  it('refuses a connection without a valid token with a close code', async () => {
    const room = await server.createRoom('blank');
    const peer = connectPeer(server.wsUrl, room.roomId, 'not-the-token');
    try {
      await eventually(() => peer.closes.length > 0, 5000, 'close');
      expect(peer.closes[0]).toEqual({ code: 4401, reason: 'unauthorized' });
      expect(peer.provider.synced).toBe(false);
    } finally {
      peer.destroy();
    }
  });
});
