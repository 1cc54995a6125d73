/** WCAG 2.1 A and AA (axe-core) on every screen and dialog of ours. */
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';

const suite = useServerAndBrowser();

describe('axe: WCAG 2.1 A and AA', () => {
  it('probe', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const landing = await openPage(suite.browser, `${suite.server.url}/`);
    console.log('LANDING', await axeViolations(landing.page));
    const p = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`);
    await waitForCanvas(p.page);
    console.log('ROOM', await axeViolations(p.page));
    expect(true).toBe(true);
  });
});
