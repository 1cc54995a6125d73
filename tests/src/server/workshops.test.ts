/** Workshops over HTTP against the real server: tables, one facilitator token for all, deletion. */
import type { WorkshopResponse } from '@patroonkaart/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

const tokenOf = (url: string) => new URL(url, 'http://x').hash.replace('#k=', '');
const post = (body: unknown) =>
  fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string, token: string, method = 'GET') =>
  fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

describe('workshops', () => {
  it('creates tables from their own templates; the workshop token opens the overview and every table as facilitator', async () => {
    const res = await post({
      tables: [
        { template: 'structuur-lost-alles-op' },
        { template: 'slagbomen-neer-bij-schaarste' },
        { template: 'structuur-lost-alles-op' },
      ],
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as WorkshopResponse;
    expect(created.tables.map((t) => t.template)).toEqual([
      'structuur-lost-alles-op',
      'slagbomen-neer-bij-schaarste',
      'structuur-lost-alles-op',
    ]);
    expect(created.facilitatorUrl).toMatch(/^\/w\/[A-Za-z0-9_-]{22}#k=/);
    const token = tokenOf(created.facilitatorUrl);
    for (const table of created.tables) {
      const role = await (await get(`/api/rooms/${table.roomId}/role`, token)).json();
      expect(role).toEqual({ role: 'facilitator' });
      const partner = await (await get(`/api/rooms/${table.roomId}/role`, tokenOf(table.editUrl))).json();
      expect(partner).toEqual({ role: 'edit' });
    }
    const overview = (await (
      await get(`/api/workshops/${created.workshopId}`, token)
    ).json()) as WorkshopResponse;
    expect(overview.tables.map((t) => t.editUrl)).toEqual(created.tables.map((t) => t.editUrl));
    // A table's partner link does not open the workshop.
    expect(
      (await get(`/api/workshops/${created.workshopId}`, tokenOf(created.tables[0]!.editUrl))).status,
    ).toBe(401);
  });

  it('refuses 0 or 13 tables and unknown templates, creating nothing', async () => {
    expect((await post({ tables: [] })).status).toBe(400);
    expect((await post({ tables: Array.from({ length: 13 }, () => ({ template: 'blank' })) })).status).toBe(
      400,
    );
    const res = await post({ tables: [{ template: 'blank' }, { template: 'nope' }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('unknown-template');
  });

  it('deletes every table with the workshop', async () => {
    const created = (await (
      await post({ tables: [{ template: 'blank' }, { template: 'blank' }] })
    ).json()) as WorkshopResponse;
    const token = tokenOf(created.facilitatorUrl);
    expect((await get(`/api/workshops/${created.workshopId}`, token, 'DELETE')).status).toBe(204);
    expect((await get(`/api/workshops/${created.workshopId}`, token)).status).toBe(404);
    for (const table of created.tables)
      expect((await get(`/api/rooms/${table.roomId}/role`, token)).status).toBe(404);
  });
});
