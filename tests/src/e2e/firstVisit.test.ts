/**
 * A first-time visitor's answers and votes carry the name and organisation they just typed into
 * "Hoe zien anderen jou?", on their own screen and on the facilitator's, also after a reload; a
 * later change of profile holds for what is written after it, at once. The facilitator is
 * suggested "Gespreksleider", never a partner's default name.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerFirstVisit, openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

const answerTexts = (page: Page) => page.getByTestId('answer').allTextContents();

describe('a first-time visitor', () => {
  it('answers and votes under the name and organisation typed in the first-visit dialog', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`, undefined, 'ask');
    await waitForCanvas(lead.page);
    // The facilitator is suggested a facilitator's name, and their presence says so before saving.
    await expect.poll(() => lead.page.getByTestId('profile-name').inputValue()).toBe('Gespreksleider');
    await answerFirstVisit(lead.page, { organisation: 'Procesbegeleiding' });
    expect(await lead.page.getByTestId('profile-button').textContent()).toContain('Gespreksleider');

    const femke = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, 'ask');
    await waitForCanvas(femke.page);
    expect(await femke.page.getByTestId('profile-name').inputValue()).toMatch(/^Partner /);
    await answerFirstVisit(femke.page, { name: 'Femke', organisation: 'GGD regio Utrecht' });

    await lead.page.getByTestId('start-round').click();
    await lead.page.getByTestId('toggle-voting').click();
    await femke.page.getByTestId('answer-input').fill('Wij wachten tot een ander begint.');
    await femke.page.getByTestId('answer-add').click();
    await femke.page.getByTestId('map-vote-recognisable-pattern').locator('button[data-value="yes"]').click();

    for (const page of [femke.page, lead.page]) {
      await eventually(
        async () =>
          (await answerTexts(page)).some((t) => t.includes('Femke') && t.includes('GGD regio Utrecht')),
        10_000,
        'the answer under Femke of GGD regio Utrecht',
      );
      await page.getByTestId('open-results').click();
      const table = page.getByTestId('results-view').getByTestId('vote-results');
      await eventually(
        async () => ((await table.textContent()) ?? '').includes('GGD regio Utrecht'),
        10_000,
        'the vote counted for GGD regio Utrecht',
      );
      expect((await table.textContent()) ?? '').not.toContain('zonder organisatie');
      await page.keyboard.press('Escape');
    }

    // After a reload the dialog does not ask again, and the name holds for the next answer.
    await femke.page.reload();
    await waitForCanvas(femke.page);
    expect(await femke.page.getByTestId('profile-name').count()).toBe(0);
    expect(await femke.page.getByTestId('profile-button').textContent()).toContain('Femke');

    // A change of profile applies to the very next answer, without a reload.
    await femke.page.getByTestId('profile-button').click();
    await answerFirstVisit(femke.page, { name: 'Femke de Vries' });
    await femke.page.getByTestId('answer-input').fill('Wij bakenen af.');
    await femke.page.getByTestId('answer-add').click();
    await eventually(
      async () =>
        (await answerTexts(lead.page)).some(
          (t) => t.includes('Wij bakenen af.') && t.includes('Femke de Vries'),
        ),
      10_000,
      'the second answer under the new name on the facilitator screen',
    );
    // The people list shows the new name too (presence follows the same owner).
    await eventually(
      async () =>
        (await lead.page.getByTestId('person').allTextContents()).some((t) => t.includes('Femke de Vries')),
      10_000,
      'the new name in the people list',
    );
    for (const p of [lead, femke]) expect(p.consoleErrors).toEqual([]);
    await Promise.all([lead.context.close(), femke.context.close()]);
  });
});
