/** The built app as users get it: without TEST_HOOKS on the server, no test handle on the page. */
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';

const suite = useServerAndBrowser({ TEST_HOOKS: '0' });

describe('a production server', () => {
  it('serves a room whose page has no window.__patroonkaart', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await page.locator('.tl-canvas').waitFor({ timeout: 20_000 });
    await page.locator('[data-shape-type="loop-step"]').first().waitFor();
    expect(await page.evaluate(() => '__patroonkaart' in window)).toBe(false);
    await context.close();
  });
});
