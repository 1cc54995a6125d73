/**
 * The HTTP side of the trust boundary, against the real server process: guessing the creation
 * code, malformed paths, security headers, the metrics token and client addresses behind a proxy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const CODE = 'sesam-open-u';
const METRICS_TOKEN = 'meet-token-0123456789';
const LOCKOUT_MS = 1000;

let clientDir: string;
/** Behind one proxy: X-Forwarded-For names the client. Default lockout (seconds to minutes). */
let proxied: TestServer;
/** Reached directly: X-Forwarded-For is ignored. A lockout short enough to wait for. */
let direct: TestServer;
beforeAll(async () => {
  // A stand-in for the built client, so static answers are real pages rather than the 503 note.
  clientDir = mkdtempSync(join(tmpdir(), 'patroonkaart-client-'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Patroonkaart</title>');
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'assets', 'main-abc.js'), 'console.log(1);');
  const common = { ROOM_CREATION_CODE: CODE, ROOM_CREATIONS_PER_HOUR: '2', CLIENT_DIR: clientDir };
  [proxied, direct] = await Promise.all([
    startTestServer({ ...common, TRUST_PROXY: '1', METRICS_TOKEN }),
    startTestServer({ ...common, CREATION_CODE_LOCKOUT_BASE_MS: String(LOCKOUT_MS) }),
  ]);
});
afterAll(async () => {
  await Promise.all([proxied?.cleanup(), direct?.cleanup()]);
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

const create = (server: TestServer, creationCode: string, from?: string) =>
  fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ template: 'blank', creationCode }),
  });

const hasStack = (text: string) => /^\s*at .+\(?.*:\d+:\d+\)?$/m.test(text);

describe('guessing the creation code', () => {
  it('answers 429 with Retry-After after five wrong codes, and refuses even the right code', async () => {
    const statuses: number[] = [];
    let locked: Response | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await create(proxied, `guess-${i}`, '10.0.0.1');
      statuses.push(res.status);
      if (res.status === 429) locked = res;
      else await res.body?.cancel();
    }
    expect(statuses).toEqual([...Array(5).fill(403), ...Array(15).fill(429)]);
    expect(Number(locked!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await locked!.json()).toEqual({ error: 'rate-limited', message: 'Too Many Requests' });

    const right = await create(proxied, CODE, '10.0.0.1');
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).not.toBeNull();
    // The lock is per address: another user behind the same proxy is not locked out.
    expect((await create(proxied, CODE, '10.0.0.2')).status).toBe(201);
  });

  it('accepts the right code once the lockout has ended', async () => {
    for (let i = 0; i < 5; i++) expect((await create(direct, `guess-${i}`)).status).toBe(403);
    expect((await create(direct, CODE)).status).toBe(429);
    await new Promise((r) => setTimeout(r, LOCKOUT_MS + 200));
    expect((await create(direct, CODE)).status).toBe(201);
  });
});

describe('malformed paths', () => {
  for (const path of [
    '/%E0%A4%A',
    '/r/%E0%A4%A',
    '/api/%E0%A4%A',
    '/api/rooms/%E0%A4%A/role',
    '/assets/%ZZ',
  ]) {
    it(`answers ${path} with 400 JSON and no stack trace`, async () => {
      const res = await fetch(`${proxied.url}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(hasStack(text)).toBe(false);
      expect(JSON.parse(text)).toEqual({ error: 'bad-request', message: 'Bad Request' });
      expect((await fetch(`${proxied.url}/healthz`)).status).toBe(200);
    });
  }

  it('survives a request for "//" (it used to take the server down)', async () => {
    const res = await fetch(`${proxied.url}//`, { signal: AbortSignal.timeout(5000) });
    expect(hasStack(await res.text())).toBe(false);
    expect((await fetch(`${proxied.url}/healthz`)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('forbids framing and limits connections to this origin', async () => {
    for (const path of ['/', '/r/AAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await fetch(`${proxied.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim());
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp.filter((d) => d.startsWith('connect-src'))).toEqual(["connect-src 'self'"]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('gives scripts and answers a policy that runs nothing and frames nothing', async () => {
    for (const path of ['/assets/main-abc.js', '/api/time', '/healthz']) {
      const res = await fetch(`${proxied.url}${path}`);
      expect(res.status).toBe(200);
      await res.body?.cancel();
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('METRICS_TOKEN', () => {
  it('keeps /metrics closed without the token and opens it with it', async () => {
    const none = await fetch(`${proxied.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe('unauthorized');
    const wrong = await fetch(`${proxied.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    await wrong.body?.cancel();
    const right = await fetch(`${proxied.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^patroonkaart_rooms_loaded /m);
  });

  it('leaves /metrics open when no token is configured', async () => {
    expect((await fetch(`${direct.url}/metrics`)).status).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  /** Creates rooms from one address until it is refused: the count that got through. */
  async function fillBucket(server: TestServer, from: string): Promise<number> {
    for (let created = 0; created < 10; created++) {
      const res = await create(server, CODE, from);
      await res.body?.cancel();
      if (res.status === 429) return created;
      expect(res.status).toBe(201);
    }
    throw new Error('the creation limit never applied');
  }

  it('behind one proxy, gives each X-Forwarded-For address its own creation bucket', async () => {
    expect(await fillBucket(proxied, '10.0.1.1')).toBeLessThanOrEqual(2);
    expect((await create(proxied, CODE, '10.0.1.2')).status).toBe(201);
    // Only the right-most entry counts: what the client itself put in front is not believed.
    expect((await create(proxied, CODE, '10.0.1.2, 10.0.1.1')).status).toBe(429);
  });

  it('without it, ignores X-Forwarded-For: every address shares one bucket', async () => {
    await fillBucket(direct, '10.0.2.1');
    expect((await create(direct, CODE, '10.0.2.2')).status).toBe(429);
  });
});
