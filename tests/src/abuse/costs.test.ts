/**
 * The trust boundary, costs and origins: what a link holder, or a foreign page in a visitor's
 * browser, can make the server spend. Against the real server process over real HTTP and sockets.
 */
import { CONVERSATION_ID, defaultConversation, startRound } from '@patroonkaart/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openRaw, rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  // Every test acts from its own address (TRUST_PROXY), so their budgets do not mix.
  server = await startTestServer({
    TRUST_PROXY: '1',
    ROOM_CREATIONS_PER_HOUR: '3',
    REFUSALS_PER_MINUTE: '3',
  });
});
afterAll(async () => {
  await server?.cleanup();
});

const post = (path: string, body: unknown, from: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify(body),
  });

const tables = (n: number) => ({ tables: Array.from({ length: n }, () => ({ template: 'blank' })) });

describe('room creations are counted per room', () => {
  it('charges a workshop one creation per table (ROOM_CREATIONS_PER_HOUR=3)', async () => {
    const from = '10.1.0.1';
    const tooMany = await post('/api/workshops', tables(4), from);
    expect(tooMany.status).toBe(429);
    expect((await post('/api/workshops', tables(2), from)).status).toBe(201);
    expect((await post('/api/rooms', { template: 'blank' }, from)).status).toBe(201);
    // Two tables and one room: the hour's three creations are spent.
    expect((await post('/api/rooms', { template: 'blank' }, from)).status).toBe(429);
    expect((await post('/api/workshops', tables(1), from)).status).toBe(429);
  });
});

describe('state-changing requests come from our own pages, as JSON', () => {
  it('refuses a text/plain POST (a foreign form or no-cors fetch) with 415, creating nothing', async () => {
    const res = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': '10.1.0.2' },
      body: JSON.stringify({ template: 'blank' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('json-required');
    const form = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.1.0.2' },
      body: 'tables=1',
    });
    expect(form.status).toBe(415);
    // None of it was charged: the address still has its three creations.
    for (let i = 0; i < 3; i++)
      expect((await post('/api/rooms', { template: 'blank' }, '10.1.0.2')).status).toBe(201);
  });

  it('refuses a cross-site request (Origin of another site, Sec-Fetch-Site: cross-site) with 403', async () => {
    const from = '10.1.0.3';
    const foreign = await post('/api/rooms', { template: 'blank' }, from, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toBe('cross-site');
    const fetched = await post('/api/rooms', { template: 'blank' }, from, { 'sec-fetch-site': 'cross-site' });
    expect(fetched.status).toBe(403);
    const sandboxed = await post('/api/rooms', { template: 'blank' }, from, { origin: 'null' });
    expect(sandboxed.status).toBe(403);
    const room = await server.createRoom('blank');
    const deleted = await fetch(`${server.url}/api/rooms/${room.roomId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${room.tokens.facilitator}`, origin: 'https://evil.example' },
    });
    expect(deleted.status).toBe(403);
    expect(
      (
        await fetch(`${server.url}/api/rooms/${room.roomId}/role`, {
          headers: { authorization: `Bearer ${room.tokens.facilitator}` },
        })
      ).status,
    ).toBe(200);
    // Our own page: same origin, same site.
    const own = await post('/api/rooms', { template: 'blank' }, from, {
      origin: server.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(201);
  });
});

describe('forged conversation writes are throttled like invalid ones', () => {
  it('makes an address that keeps writing the round as a partner (4403) wait (4439)', async () => {
    const room = await server.createRoom('blank');
    const from = { headers: { 'x-forwarded-for': '10.1.0.4' } };
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit, new Y.Doc(), from);
      rogue.send(
        syncUpdate(
          updateOf(rogue.doc, () =>
            records(rogue.doc).set(CONVERSATION_ID, { ...startRound(defaultConversation(), 3, Date.now()) }),
          ),
        ),
      );
      codes.push((await rogue.closed).code);
    }
    expect(codes).toEqual([4403, 4403, 4403, 4403]);
    const waited = new Promise((resolve) => setTimeout(() => resolve('let in'), 5000));
    const door = openRaw(server.wsUrl, room.roomId, room.tokens.edit, from);
    expect(await Promise.race([door.closed, waited])).toEqual({
      code: 4439,
      reason: 'refused-too-often',
    });
    door.ws.close();
  });
});
