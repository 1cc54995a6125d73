/**
 * The HTTP API, roles and tokens, validation and operability, against the real server process
 * over real HTTP and WebSocket connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw, rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { geoShape, loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROOM_CREATIONS_PER_HOUR: '1000' });
});
afterAll(async () => {
  await server?.cleanup();
});

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} missing`);
  return Number(line.split(' ')[1]);
}

describe('rooms over HTTP', () => {
  it('POST /api/rooms answers 201 with a 22-character unguessable id and three links', async () => {
    const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify({ template: 'blank' }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['editUrl', 'facilitatorUrl', 'roomId', 'viewUrl']);
    expect(body.roomId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const tokens = ['facilitatorUrl', 'editUrl', 'viewUrl'].map((k) => {
      const m = new RegExp(`^/r/${body.roomId}#k=([A-Za-z0-9_-]+)$`).exec(body[k]!);
      expect(m, `${k}: ${body[k]}`).not.toBeNull();
      return m![1]!;
    });
    expect(new Set(tokens).size).toBe(3);
    for (const t of tokens) expect(t.length).toBeGreaterThanOrEqual(22);

    // Ids do not repeat and do not follow a sequence.
    const ids = await Promise.all(
      Array.from({ length: 20 }, async () => (await server.createRoom('blank')).roomId),
    );
    expect(new Set([...ids, body.roomId]).size).toBe(21);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('seeds the room from the chosen template', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const peer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const steps = [...records(peer.doc).values()].filter((r) => r.type === 'loop-step');
    expect(steps).toHaveLength(6);
    peer.ws.close();
  });

  it('refuses an unknown template with 400 and its code (the client says it in its language)', async () => {
    const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify({ template: 'nope' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unknown-template', message: 'Bad Request' });
  });

  it('GET /api/templates lists the templates with their step counts', async () => {
    const res = await api('/api/templates');
    expect(res.status).toBe(200);
    const { templates } = (await res.json()) as {
      templates: { id: string; title: string; stepCount: number }[];
    };
    const ids = templates.map((t) => t.id);
    for (const id of [
      'structuur-lost-alles-op',
      'slagbomen-neer-bij-schaarste',
      'van-niemand-en-toch-van-iedereen',
      'blank',
    ])
      expect(ids).toContain(id);
    for (const t of templates) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.stepCount).toBeGreaterThanOrEqual(3);
    }
  });

  it('tells each token its role, and refuses others', async () => {
    const room = await server.createRoom();
    for (const [role, token] of Object.entries(room.tokens)) {
      const res = await api(`/api/rooms/${room.roomId}/role`, { token });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ role });
    }
    expect((await api(`/api/rooms/${room.roomId}/role`, { token: 'wrong' })).status).toBe(401);
    expect((await api(`/api/rooms/${room.roomId}/role`)).status).toBe(401);
    expect((await api(`/api/rooms/${'A'.repeat(22)}/role`, { token: room.tokens.edit })).status).toBe(404);
    expect((await api('/api/rooms/short/role', { token: room.tokens.edit })).status).toBe(400);
  });

  it('shows the share links to the facilitator only', async () => {
    const room = await server.createRoom();
    const res = await api(`/api/rooms/${room.roomId}/links`, { token: room.tokens.facilitator });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      roomId: room.roomId,
      facilitatorUrl: room.facilitatorUrl,
      editUrl: room.editUrl,
      viewUrl: room.viewUrl,
    });
    expect((await api(`/api/rooms/${room.roomId}/links`, { token: room.tokens.edit })).status).toBe(403);
    expect((await api(`/api/rooms/${room.roomId}/links`, { token: room.tokens.view })).status).toBe(403);
    expect((await api(`/api/rooms/${room.roomId}/links`, { token: 'x' })).status).toBe(401);
  });

  it('lets only the facilitator delete a room; connected peers get 4410, later ones 4404', async () => {
    const room = await server.createRoom();
    const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await whenSynced(peer);
      for (const token of [room.tokens.edit, room.tokens.view]) {
        expect((await api(`/api/rooms/${room.roomId}`, { method: 'DELETE', token })).status).toBe(403);
      }
      const del = await api(`/api/rooms/${room.roomId}`, {
        method: 'DELETE',
        token: room.tokens.facilitator,
      });
      expect(del.status).toBe(204);
      await eventually(() => peer.closes.length > 0, 5000, 'the peer to be closed');
      expect(peer.closes[0]).toEqual({ code: 4410, reason: 'room-deleted' });
    } finally {
      peer.destroy();
    }
    expect((await api(`/api/rooms/${room.roomId}/role`, { token: room.tokens.facilitator })).status).toBe(
      404,
    );
    const again = openRaw(server.wsUrl, room.roomId, room.tokens.facilitator);
    expect(await again.closed).toEqual({ code: 4404, reason: 'room-not-found' });
  });
});

describe('the sync socket', () => {
  it('refuses a wrong or missing token with 4401 and a malformed room id with 4422', async () => {
    const room = await server.createRoom();
    expect(await openRaw(server.wsUrl, room.roomId, 'wrong-token').closed).toEqual({
      code: 4401,
      reason: 'unauthorized',
    });
    expect((await openRaw(server.wsUrl, room.roomId, null).closed).code).toBe(4401);
    expect(await openRaw(server.wsUrl, 'not-a-room', room.tokens.edit).closed).toEqual({
      code: 4422,
      reason: 'invalid-room-id',
    });
    expect((await openRaw(server.wsUrl, 'A'.repeat(22), room.tokens.edit).closed).code).toBe(4404);
    // A path that is not even valid percent-encoding is just another bad room id.
    expect((await openRaw(server.wsUrl, '%E0%A4%A', room.tokens.edit).closed).code).toBe(4422);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("drops a viewer's edits but shows its cursor", async () => {
    const room = await server.createRoom();
    const viewer = connectPeer(server.wsUrl, room.roomId, room.tokens.view);
    const partner = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await Promise.all([whenSynced(viewer), whenSynced(partner)]);
      viewer.doc.transact(() => records(viewer.doc).set('shape:v', geoShape('shape:v', 1)));
      viewer.provider.awareness.setLocalState({ user: { name: 'Kijker' } });
      await eventually(
        () => partner.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.name === 'Kijker',
        5000,
        "the viewer's cursor",
      );
      // A partner's later edit arrives; the viewer's never does.
      partner.doc.transact(() => records(partner.doc).set('shape:p', geoShape('shape:p', 2)));
      await eventually(() => records(viewer.doc).has('shape:p'), 5000, "the partner's edit");
      expect(records(partner.doc).has('shape:v')).toBe(false);
      const fresh = await rawPeer(server.wsUrl, room.roomId, room.tokens.facilitator);
      expect(records(fresh.doc).has('shape:v')).toBe(false);
      expect(records(fresh.doc).has('shape:p')).toBe(true);
      fresh.ws.close();
    } finally {
      viewer.destroy();
      partner.destroy();
    }
  });

  it('refuses a rogue raw client’s invalid record with 4409, relays nothing and counts it', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const healthy = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await whenSynced(healthy);
      const rejectedBefore = await metric('patroonkaart_updates_rejected_total');
      const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
      rogue.send(
        syncUpdate(
          updateOf(rogue.doc, () => records(rogue.doc).set('shape:bad', loopStep('shape:bad', { w: -10 }))),
        ),
      );
      expect(await rogue.closed).toEqual({ code: 4409, reason: 'invalid-record' });
      expect(await metric('patroonkaart_updates_rejected_total')).toBe(rejectedBefore + 1);

      // The healthy peer keeps working and never sees the record; a newcomer does not either.
      healthy.doc.transact(() => records(healthy.doc).set('shape:ok', loopStep('shape:ok')));
      const newcomer = await eventually(async () => {
        const c = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
        c.ws.close();
        return records(c.doc).has('shape:ok') ? c : null;
      });
      expect(records(newcomer.doc).has('shape:bad')).toBe(false);
      expect(records(healthy.doc).has('shape:bad')).toBe(false);
    } finally {
      healthy.destroy();
    }
  });
});

describe('operability', () => {
  it('GET /healthz reports status, uptime, rooms and peers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    for (const k of ['uptimeSeconds', 'roomsLoaded', 'peers']) expect(typeof body[k]).toBe('number');
  });

  it('GET /metrics speaks Prometheus text with the documented names', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'rooms_loaded',
      'rooms_stored',
      'peers',
      'updates_accepted_total',
      'updates_rejected_total',
      'updates_rolled_back_total',
      'messages_rejected_total',
      'persist_failures_total',
      'rooms_created_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE patroonkaart_${name} (counter|gauge)$`, 'm'));
      expect(text).toMatch(new RegExp(`^patroonkaart_${name} [0-9.e+-]+$`, 'm'));
    }
    // Histograms of the write path, and the process metrics operators expect.
    for (const name of [
      'admission_seconds',
      'persist_seconds',
      'relay_seconds',
      'disk_sync_seconds',
      'update_bytes',
    ])
      expect(text).toMatch(new RegExp(`^# TYPE patroonkaart_${name} histogram$`, 'm'));
    expect(text).toMatch(/^patroonkaart_nodejs_eventloop_lag_seconds [0-9.e+-]+$/m);
    expect(text).toMatch(/^patroonkaart_process_resident_memory_bytes [0-9.e+-]+$/m);
  });

  it('counts accepted updates and the peers connected', async () => {
    const room = await server.createRoom();
    const accepted = await metric('patroonkaart_updates_accepted_total');
    const a = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await whenSynced(a);
      expect(await metric('patroonkaart_peers')).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 3; i++)
        a.doc.transact(() => records(a.doc).set(`shape:m${i}`, geoShape(`shape:m${i}`, i)));
      await eventually(async () => (await metric('patroonkaart_updates_accepted_total')) >= accepted + 3);
    } finally {
      a.destroy();
    }
  });

  it("times the disk's syncs: every stored update waited for one", async () => {
    const room = await server.createRoom();
    const a = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const syncs = () => metric('patroonkaart_disk_sync_seconds_count');
    const write = (i: number) =>
      a.doc.transact(() => records(a.doc).set(`shape:s${i}`, geoShape(`shape:s${i}`, i)));
    try {
      await whenSynced(a);
      // The room's first edit also takes its first restore point, synced on its own.
      const first = await syncs();
      write(0);
      await eventually(async () => (await syncs()) > first);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = await syncs();
      const spent = await metric('patroonkaart_disk_sync_seconds_sum');
      // Each update once the one before is on the disk (its sync, on the writer thread, is counted
      // when it finishes), so none shares another's sync.
      for (let i = 1; i <= 3; i++) {
        write(i);
        await eventually(async () => (await syncs()) >= before + i);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      // One sync per update: not two.
      expect(await syncs()).toBe(before + 3);
      expect(await metric('patroonkaart_disk_sync_seconds_sum')).toBeGreaterThan(spent);
    } finally {
      a.destroy();
    }
  });

  it('never writes a token into a log line', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const peers = Object.values(room.tokens).map((t) => connectPeer(server.wsUrl, room.roomId, t));
    try {
      await Promise.all(peers.map((p) => whenSynced(p)));
      for (const p of peers) p.provider.awareness.setLocalState({ user: { name: 'x' } });
      for (const token of Object.values(room.tokens)) {
        await api(`/api/rooms/${room.roomId}/role`, { token });
        await api(`/api/rooms/${room.roomId}/links`, { token });
      }
      // A refused update and a refused token are logged, without the token.
      const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.facilitator);
      rogue.send(syncUpdate(updateOf(rogue.doc, () => rogue.doc.getMap('other').set('x', 1))));
      await rogue.closed;
      await openRaw(server.wsUrl, room.roomId, 'guessed-token-value').closed;
      const del = await api(`/api/rooms/${room.roomId}`, {
        method: 'DELETE',
        token: room.tokens.facilitator,
      });
      expect(del.status).toBe(204);
    } finally {
      for (const p of peers) p.destroy();
    }
    // The deletion is the session's last log line: once it is read, the whole session is.
    const deleted = (line: string) => line.includes(room.roomId) && line.includes('room deleted');
    await eventually(() => server.logs.join('').split('\n').some(deleted), 3000, 'the deletion log line');
    const logs = server.logs.join('');
    expect(logs).toContain(room.roomId); // the session was logged ...
    expect(logs).toContain('message refused');
    for (const token of [...Object.values(room.tokens), 'guessed-token-value'])
      expect(logs).not.toContain(token);
    // ... as JSON lines.
    for (const line of logs.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });
});
