/** Who may create rooms: the optional creation code and the per-address rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROOM_CREATION_CODE: 'sesam-open-u', ROOM_CREATIONS_PER_HOUR: '2' });
});
afterAll(async () => {
  await server?.cleanup();
});

const create = (body: Record<string, unknown>) =>
  fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('room creation', () => {
  it('asks for the creation code, then limits creations per address per hour', async () => {
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as {
      creationCodeRequired: boolean;
    };
    expect(config.creationCodeRequired).toBe(true);

    const missing = await create({ template: 'blank' });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: string }).error).toBe('creation-code');
    const wrong = await create({ template: 'blank', creationCode: 'sesam' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: string }).error).toBe('creation-code');

    // Refused attempts do not use up the allowance: two rooms can still be created.
    for (let i = 0; i < 2; i++) {
      expect((await create({ template: 'blank', creationCode: 'sesam-open-u' })).status).toBe(201);
    }
    const limited = await create({ template: 'blank', creationCode: 'sesam-open-u' });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toBe('rate-limited');
    const rooms = await (await fetch(`${server.url}/metrics`)).text();
    expect(rooms).toMatch(/^patroonkaart_rooms_created_total 2$/m);
    expect(server.logs.join('')).not.toContain('sesam-open-u');
  });
});
