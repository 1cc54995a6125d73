/**
 * First load: the server sends the built client brotli- or gzip-compressed (copies made at build
 * time), with Vary and an ETag, and answers a repeat visit of index.html with 304.
 */
import { get, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

function fetchRaw(
  path: string,
  headers: Record<string, string>,
): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('serving the built client', () => {
  it('sends the script compressed, to each browser the way it accepts, and plain to one that accepts none', async () => {
    const index = await fetchRaw('/', {});
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(index.body.toString())![1]!;
    // The entry is a small module that starts the rest: the largest script it names is the one
    // whose compression a first visit feels.
    const entryBody = (await fetchRaw(entry, {})).body.toString();
    const named = [entry, ...new Set([...entryBody.matchAll(/assets\/[\w.-]+\.js/g)].map((m) => `/${m[0]}`))];
    const sized = await Promise.all(named.map(async (path) => ({ path, ...(await fetchRaw(path, {})) })));
    const { path: script, ...plain } = sized.reduce((a, b) =>
      b.body.byteLength > a.body.byteLength ? b : a,
    );
    expect(plain.body.byteLength).toBeGreaterThan(50_000);
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    const br = await fetchRaw(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.res.headers['content-encoding']).toBe('br');
    expect(br.res.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 2.5);
    const gz = await fetchRaw(script, { 'accept-encoding': 'gzip' });
    expect(gz.res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('answers a repeat visit of index.html with 304 Not Modified', async () => {
    const first = await fetchRaw('/r/AAAAAAAAAAAAAAAAAAAAAA', { 'accept-encoding': 'br' });
    const etag = first.res.headers.etag!;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetchRaw('/r/AAAAAAAAAAAAAAAAAAAAAA', {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    expect(again.res.statusCode).toBe(304);
    expect(again.body.byteLength).toBe(0);
  });
});
