/**
 * A page left open asks the server nothing in a loop: a facilitator preparing a session keeps
 * the landing page open for minutes, and each of them once cost the server ~170 requests a second.
 */
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';

const suite = useServerAndBrowser();

describe('a page left open', () => {
  it('the landing page asks for its configuration once in 10 s', async () => {
    const landing = await openPage(suite.browser, `${suite.server.url}/`);
    await landing.page.getByRole('heading', { level: 1 }).waitFor();
    await new Promise((r) => setTimeout(r, 10_000));
    const api = landing.requests.filter((url) => new URL(url).pathname.startsWith('/api/'));
    expect(api.filter((url) => url.endsWith('/api/config'))).toHaveLength(1);
    expect(api.length).toBeLessThanOrEqual(3);
    expect(landing.consoleErrors).toEqual([]);
    await landing.context.close();
  }, 30_000);
});
