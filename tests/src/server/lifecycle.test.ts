/**
 * A room's life: unloaded from memory when idle, deleted after the retention period, and written
 * out completely by a graceful stop (SIGTERM).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRaw, rawPeer } from '../support/rawSocket.ts';
import { geoShape, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
});

async function start(env: Record<string, string>, reuse?: TestServer): Promise<TestServer> {
  const s = await startTestServer(env, reuse && { port: reuse.port, dataDir: reuse.dataDir });
  servers.push(s);
  return s;
}

async function gauge(server: TestServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[2]);
}

describe('lifecycle', () => {
  it('unloads a room ROOM_IDLE_SECONDS after its last peer leaves, keeping its content', async () => {
    const server = await start({ ROOM_IDLE_SECONDS: '1' });
    const room = await server.createRoom();
    const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    await whenSynced(peer);
    records(peer.doc).set('shape:kept', geoShape('shape:kept', 5));
    expect(await gauge(server, 'patroonkaart_rooms_loaded')).toBe(1);
    peer.destroy();
    await eventually(async () => (await gauge(server, 'patroonkaart_peers')) === 0, 3000, 'peer gone');
    // Still loaded just after the last peer left ...
    expect(await gauge(server, 'patroonkaart_rooms_loaded')).toBe(1);
    // ... and unloaded about a second later.
    await eventually(async () => (await gauge(server, 'patroonkaart_rooms_loaded')) === 0, 4000, 'unload');
    await eventually(() => server.logs.join('').includes('room unloaded'), 2000, 'the unload log line');
    const back = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    expect(await gauge(server, 'patroonkaart_rooms_loaded')).toBe(1);
    expect(records(back.doc).size).toBeGreaterThan(0);
    expect(records(back.doc).has('shape:kept')).toBe(true);
    back.ws.close();
  });

  it('deletes rooms untouched for RETENTION_DAYS when it starts', async () => {
    const first = await start({});
    const room = await first.createRoom();
    await first.stop();
    // Within retention: kept.
    const second = await start({ RETENTION_DAYS: '1' }, first);
    expect((await rawPeer(second.wsUrl, room.roomId, room.tokens.view)).doc).toBeDefined();
    await second.stop();
    // RETENTION_DAYS=0: nothing is kept once no one is using it.
    const third = await start({ RETENTION_DAYS: '0' }, first);
    expect(await openRaw(third.wsUrl, room.roomId, room.tokens.facilitator).closed).toEqual({
      code: 4404,
      reason: 'room-not-found',
    });
    expect(await gauge(third, 'patroonkaart_rooms_stored')).toBe(0);
    await eventually(() => third.logs.join('').includes('expired rooms deleted'), 2000, 'the log line');
  });

  it('writes every edit on SIGTERM and tells peers the server is restarting (4503)', async () => {
    const server = await start({});
    const room = await server.createRoom();
    const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    await whenSynced(peer);
    const view = records(peer.doc);
    for (let i = 0; i < 50; i++) {
      peer.doc.transact(() => view.set(`shape:s${i}`, geoShape(`shape:s${i}`, i)));
    }
    for (let i = 0; i < 50; i++) view.setField(`shape:s${i}`, 'x', 1000 + i);
    // Only long enough for the frames to cross the loopback; then the graceful stop.
    await new Promise((r) => setTimeout(r, 100));
    await server.stop();
    expect(server.process.exitCode).toBe(0);
    await eventually(() => peer.closes.length > 0, 3000, 'the close frame');
    expect(peer.closes[0]).toEqual({ code: 4503, reason: 'server-restarting' });
    peer.destroy();

    const again = await start({}, server);
    const fresh = await rawPeer(again.wsUrl, room.roomId, room.tokens.view);
    for (let i = 0; i < 50; i++) expect(records(fresh.doc).get(`shape:s${i}`)?.x).toBe(1000 + i);
    fresh.ws.close();
  });
});
