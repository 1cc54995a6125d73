import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverNow, syncServerClock } from './serverClock.ts';

afterEach(() => vi.unstubAllGlobals());

describe("the server's clock", () => {
  it("takes the server's time from GET /api/time, whatever this screen's own clock says", async () => {
    const ahead = 90_000;
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ now: Date.now() + ahead }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    await syncServerClock(3);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(fetch.mock.calls[0]).toEqual(['/api/time', { method: 'GET', headers: {}, cache: 'no-store' }]);
    expect(Math.abs(serverNow() - Date.now() - ahead)).toBeLessThan(1000);
  });

  it('keeps its last estimate while the server cannot be reached', async () => {
    const before = serverNow() - Date.now();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await syncServerClock(2);
    expect(Math.abs(serverNow() - Date.now() - before)).toBeLessThan(1000);
  });
});
