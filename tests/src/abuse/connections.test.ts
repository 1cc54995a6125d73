/**
 * The trust boundary, connection side: presence that is too large, too fast or someone else's;
 * sockets that sit idle or never read; a client that keeps sending what the server must refuse.
 * Real server processes, raw clients over real sockets; the offender is closed, never its peers.
 */
import { readFileSync } from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  awarenessFrame,
  openRaw,
  type RawSocket,
  rawPeer,
  syncStep1,
  syncUpdate,
  updateOf,
} from '../support/rawSocket.ts';
import { loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    REFUSALS_PER_MINUTE: '0',
    HEARTBEAT_SECONDS: '0.5',
    IDLE_TIMEOUT_SECONDS: '3',
    MAX_VIEWERS_PER_ROOM: '20',
  });
});
afterAll(async () => {
  await server?.cleanup();
});

function presence(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return awarenessFrame(encoding.toUint8Array(e));
}

/** Every presence state a raw socket was sent, as [clientId, state JSON]. */
function presenceSeen(socket: RawSocket): [number, string][] {
  const out: [number, string][] = [];
  for (const data of socket.received) {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 1) continue;
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      decoding.readVarUint(u);
      out.push([id, decoding.readVarString(u)]);
    }
  }
  return out;
}

async function health(): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

const stillOpen = (...sockets: RawSocket[]) => sockets.every((s) => s.ws.readyState === s.ws.OPEN);

describe('presence is bounded and owned', () => {
  it('closes a viewer whose presence is 20 KiB with 4413; the partners who would receive it stay', async () => {
    const room = await server.createRoom();
    const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    viewer.send(presence(900, 1, { user: { name: 'x'.repeat(20 * 1024) } }));
    expect(await viewer.closed).toEqual({ code: 4413, reason: 'message-too-large' });
    await new Promise((r) => setTimeout(r, 100));
    expect(stillOpen(partner)).toBe(true);
    expect(presenceSeen(partner).some(([id]) => id === 900)).toBe(false);
    partner.ws.close();
  });

  it("drops a viewer's forged copy of a partner's presence: others keep seeing the real one", async () => {
    const room = await server.createRoom();
    const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const observer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    partner.send(presence(4242, 1, { user: { name: 'Anna', organisation: 'Gemeente' } }));
    await eventually(() => presenceSeen(observer).some(([id, s]) => id === 4242 && s.includes('Anna')));
    viewer.send(presence(4242, 99, { user: { name: 'Nep', organisation: 'Politie' } }));
    await new Promise((r) => setTimeout(r, 200));
    expect(presenceSeen(observer).some(([, s]) => s.includes('Nep'))).toBe(false);
    expect(stillOpen(partner, observer)).toBe(true);
    partner.ws.close();
    observer.ws.close();
    viewer.ws.close();
  });

  it('closes a connection that floods presence (4429) or claims many client ids (4400), not its peers', async () => {
    const room = await server.createRoom();
    const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const flood = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    for (let i = 1; i <= 200; i++) flood.send(presence(700, i, { user: { name: 'x' }, n: i }));
    expect(await flood.closed).toEqual({ code: 4429, reason: 'too-many-messages' });
    const many = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    for (let id = 800; id < 806; id++) many.send(presence(id, 1, { user: { name: 'y' } }));
    expect((await many.closed).code).toBe(4400);
    expect(stillOpen(partner)).toBe(true);
    partner.ws.close();
  });
});

describe('rooms stay open to the people who matter', () => {
  it('with every viewer place taken by idle sockets, partners and the facilitator still get in; idle ones are closed', async () => {
    const room = await server.createRoom();
    const idle = Array.from({ length: 20 }, () => openRaw(server.wsUrl, room.roomId, room.tokens.view));
    await Promise.all(idle.map((s) => s.opened));
    const extraViewer = openRaw(server.wsUrl, room.roomId, room.tokens.view);
    expect(await extraViewer.closed).toEqual({ code: 4430, reason: 'room-full' });
    const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const facilitator = await rawPeer(server.wsUrl, room.roomId, room.tokens.facilitator);
    // They never send anything: the server closes them after IDLE_TIMEOUT_SECONDS.
    const closes = await Promise.all(idle.map((s) => s.closed));
    expect(closes.every((c) => c.code === 4408)).toBe(true);
    const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    expect(records(viewer.doc).size).toBeGreaterThan(0);
    for (const s of [partner, facilitator, viewer]) s.ws.close();
  }, 30_000);

  it('drops a socket that stops answering pings', async () => {
    const room = await server.createRoom();
    const dead = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    // Stop reading: pings go unanswered, as from a laptop that went to sleep.
    (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const health = await fetch(`${server.url}/healthz`).then((r) => r.json() as Promise<{ peers: number }>);
    expect(health.peers).toBeGreaterThan(0);
    await eventually(
      async () =>
        ((await fetch(`${server.url}/healthz`).then((r) => r.json())) as { peers: number }).peers === 0,
      10_000,
      'the dead socket dropped',
    );
  }, 20_000);

  it('answers one sync step 1 at a time: a reader that never reads cannot make the server hold copies', async () => {
    const room = await server.createRoom('blank');
    const writer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    // About 6 MB of cards, more than loopback socket buffers take.
    for (let batch = 0; batch < 8; batch++) {
      writer.send(
        syncUpdate(
          updateOf(writer.doc, () => {
            for (let i = 0; i < 350; i++) {
              const id = `shape:b${batch}c${i}`;
              records(writer.doc).set(
                id,
                loopStep(id, { text: `${batch}-${i} `.repeat(250).slice(0, 2000) }),
              );
            }
          }),
        ),
      );
      await new Promise((r) => setTimeout(r, 150));
    }
    // Says why when it is not open: the close code and reason.
    if (!stillOpen(writer)) expect(await writer.closed).toBeNull();
    const rssBefore = rssOf(server);
    let peak = rssBefore;
    const slow: ReturnType<typeof openRaw>[] = [];
    for (let v = 0; v < 6; v++) {
      const s = openRaw(server.wsUrl, room.roomId, room.tokens.view);
      await s.opened;
      (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      for (let i = 0; i < 10; i++) s.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
      slow.push(s);
      peak = Math.max(peak, rssOf(server));
    }
    for (let t = 0; t < 40; t++) {
      peak = Math.max(peak, rssOf(server));
      await new Promise((r) => setTimeout(r, 50));
    }
    // Sixty answers of 6 MB would be 360 MB; one copy, shared, may be in flight.
    expect(peak - rssBefore).toBeLessThan(150e6);
    for (const s of slow) s.ws.terminate();
    await health();
    writer.ws.close();
  }, 40_000);
});

describe('refusal is cheap and throttled', () => {
  it('makes an address that keeps sending refused updates wait (4439); other addresses carry on', async () => {
    const strict = await startTestServer({ REFUSALS_PER_MINUTE: '3', TRUST_PROXY: '1' });
    try {
      const room = await strict.createRoom();
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const rogue = await rawPeer(
          strict.wsUrl,
          room.roomId,
          room.tokens.edit,
          new Y.Doc(),
          from('10.0.0.66'),
        );
        rogue.send(
          syncUpdate(
            updateOf(rogue.doc, () => records(rogue.doc).set('shape:bad', loopStep('shape:bad', { w: -1 }))),
          ),
        );
        codes.push((await rogue.closed).code);
      }
      expect(codes).toEqual([4409, 4409, 4409, 4409]);
      // The fourth refusal within a minute made this address wait: it is turned away at the door.
      expect(await openRaw(strict.wsUrl, room.roomId, room.tokens.edit, from('10.0.0.66')).closed).toEqual({
        code: 4439,
        reason: 'refused-too-often',
      });
      const honest = await rawPeer(
        strict.wsUrl,
        room.roomId,
        room.tokens.edit,
        new Y.Doc(),
        from('10.0.0.1'),
      );
      expect(records(honest.doc).size).toBeGreaterThan(0);
      honest.ws.close();
    } finally {
      await strict.cleanup();
    }
  });
});

function rssOf(s: TestServer): number {
  const status = readFileSync(`/proc/${s.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}
