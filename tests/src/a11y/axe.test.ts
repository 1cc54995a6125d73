/**
 * WCAG 2.1 A and AA (axe-core) on every screen and dialog of ours: the landing page, a room as
 * facilitator, partner and viewer with the conversation panel, every dialog, a workshop's overview
 * and its summary, and the notices for a wrong link. Zero violations.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';

const suite = useServerAndBrowser();

async function expectClean(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

describe('axe: WCAG 2.1 A and AA', () => {
  it('finds nothing on the landing page, the accessibility statement, a wrong link, or the first-visit dialog', async () => {
    const landing = await openPage(suite.browser, `${suite.server.url}/`);
    await landing.page.getByTestId('create-workshop').waitFor();
    await expectClean(landing.page, 'landing');
    await landing.page.getByRole('link', { name: 'Toegankelijkheid' }).click();
    await landing.page.getByTestId('accessibility-statement').waitFor();
    await expectClean(landing.page, 'toegankelijkheidsverklaring');
    await landing.page.goto(`${suite.server.url}/r/AAAAAAAAAAAAAAAAAAAAAA#k=nope`);
    await landing.page.getByRole('heading').first().waitFor();
    await expectClean(landing.page, 'room not found');
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const newcomer = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, 'ask');
    await newcomer.page.getByRole('dialog').waitFor();
    await expectClean(newcomer.page, 'first-visit profile dialog');
    await landing.context.close();
    await newcomer.context.close();
  });

  it('finds nothing in a room, for each role, with each dialog open', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`);
    await waitForCanvas(lead.page);
    await lead.page.getByTestId('start-round').click();
    await lead.page.getByTestId('toggle-voting').click();
    await expectClean(lead.page, 'room as facilitator, round and voting on');
    for (const [button, dialog] of [
      ['share-button', 'share'],
      ['history-button', 'history'],
      ['profile-button', 'profile'],
      ['export-button', 'export'],
      ['list-view-button', 'list view'],
    ] as const) {
      const opener =
        button === 'share-button'
          ? lead.page.getByRole('button', { name: 'Delen' })
          : lead.page.getByTestId(button);
      await opener.click();
      await lead.page.getByRole('dialog').waitFor();
      await expectClean(lead.page, `${dialog} dialog`);
      await lead.page.keyboard.press('Escape');
      await lead.page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    for (const [url, role] of [
      [room.editUrl, 'partner'],
      [room.viewUrl, 'viewer'],
    ] as const) {
      const p = await openPage(suite.browser, `${suite.server.url}${url}`);
      await waitForCanvas(p.page);
      await expectClean(p.page, `room as ${role}`);
      await p.context.close();
    }
    await lead.context.close();
  });

  it('finds nothing on a workshop overview and its summary', async () => {
    const res = await fetch(`${suite.server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tables: [{ template: 'structuur-lost-alles-op' }, { template: 'blank' }] }),
    });
    const workshop = (await res.json()) as { facilitatorUrl: string };
    const p = await openPage(suite.browser, `${suite.server.url}${workshop.facilitatorUrl}`);
    await p.page.getByTestId('workshop-table').nth(1).waitFor();
    await expectClean(p.page, 'workshop overview');
    await p.page.goto(`${suite.server.url}${workshop.facilitatorUrl.replace('#', '/samenvatting#')}`);
    await p.page.getByTestId('summary-table').nth(1).waitFor();
    await expectClean(p.page, 'summary');
    await p.context.close();
  });
});
