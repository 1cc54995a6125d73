/**
 * The trust boundary, workshops: a table's "Gespreksleider" link is that table's key, not the
 * workshop's. Against the real server process over real HTTP and sockets.
 */
import type { CreateRoomResponse, WorkshopResponse } from '@patroonkaart/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw, rawPeer } from '../support/rawSocket.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

const tokenOf = (url: string) => new URL(url, 'http://x').hash.replace('#k=', '');
const call = (path: string, token: string, method = 'GET') =>
  fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

describe("a table's facilitator link opens that table only", () => {
  it('is neither the key of the other tables nor of the workshop', async () => {
    const res = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tables: [{ template: 'blank' }, { template: 'blank' }, { template: 'blank' }] }),
    });
    const workshop = (await res.json()) as WorkshopResponse;
    const key = tokenOf(workshop.facilitatorUrl);
    const [a, b] = workshop.tables;
    // What table A's share dialog offers as its co-facilitator link.
    const shared = (await (
      await call(`/api/rooms/${a!.roomId}/links`, tokenOf(a!.facilitatorUrl))
    ).json()) as CreateRoomResponse;
    const coFacilitator = tokenOf(shared.facilitatorUrl);
    expect(coFacilitator).not.toBe(key);
    expect(await (await call(`/api/rooms/${a!.roomId}/role`, coFacilitator)).json()).toEqual({
      role: 'facilitator',
    });

    // Not at table B, over HTTP or a socket.
    expect((await call(`/api/rooms/${b!.roomId}/role`, coFacilitator)).status).toBe(401);
    expect((await call(`/api/rooms/${b!.roomId}/links`, coFacilitator)).status).toBe(401);
    expect((await call(`/api/rooms/${b!.roomId}`, coFacilitator, 'DELETE')).status).toBe(401);
    expect(await openRaw(server.wsUrl, b!.roomId, coFacilitator).closed).toEqual({
      code: 4401,
      reason: 'unauthorized',
    });
    // Not the workshop: no overview, no deleting it.
    expect((await call(`/api/workshops/${workshop.workshopId}`, coFacilitator)).status).toBe(401);
    expect((await call(`/api/workshops/${workshop.workshopId}`, coFacilitator, 'DELETE')).status).toBe(401);

    // The workshop's key still opens the overview and acts at every table, and a table's share
    // dialog opened with it hands out that table's own link, never the key.
    const overview = (await (
      await call(`/api/workshops/${workshop.workshopId}`, key)
    ).json()) as WorkshopResponse;
    expect(overview.tables.map((t) => t.facilitatorUrl)).toEqual(
      workshop.tables.map((t) => t.facilitatorUrl),
    );
    const viaKey = (await (await call(`/api/rooms/${b!.roomId}/links`, key)).json()) as CreateRoomResponse;
    expect(tokenOf(viaKey.facilitatorUrl)).toBe(tokenOf(b!.facilitatorUrl));
    expect(tokenOf(viaKey.facilitatorUrl)).not.toBe(key);
    const lead = await rawPeer(server.wsUrl, b!.roomId, key);
    lead.ws.close();
    expect((await call(`/api/workshops/${workshop.workshopId}`, key, 'DELETE')).status).toBe(204);
  });
});
