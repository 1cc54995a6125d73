/**
 * The list view with the keyboard alone: a partner builds a three-step loop with a behaviour and a
 * first step without touching the mouse, and a second page sees it all on its canvas.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { ARTIFACTS, linksOf, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

/** Presses Tab until the element with `testId` has the focus. */
async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe('the list view', () => {
  it('builds a three-step loop with a behaviour and a first step by keyboard; another page sees it', async () => {
    const room = await suite.server.createRoom('empty');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const page = a.page;

    await tabTo(page, 'list-view-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('list-view').waitFor();
    for (const text of [
      'Er doet zich een vraag voor.',
      'We bakenen rollen af.',
      'De vraag raakt uit beeld.',
    ]) {
      await tabTo(page, 'list-new-step');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await eventually(async () =>
        ((await page.getByTestId('list-status').textContent()) ?? '').includes('toegevoegd'),
      );
    }
    await tabTo(page, 'list-behaviour-kind');
    await page.keyboard.press('ArrowDown'); // Afbakenen
    await tabTo(page, 'list-behaviour-step');
    await page.keyboard.press('ArrowDown'); // step 1
    await page.keyboard.press('ArrowDown'); // step 2
    await tabTo(page, 'list-add-behaviour');
    await page.keyboard.press('Enter');
    await tabTo(page, 'list-first-what');
    await page.keyboard.type('Samen de vraag opnieuw stellen');
    await tabTo(page, 'list-first-who');
    await page.keyboard.type('Gemeente');
    await tabTo(page, 'list-first-step');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // step 3
    await tabTo(page, 'list-add-first');
    await page.keyboard.press('Enter');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('list-view').waitFor({ state: 'detached' });
    // Focus is back where it was before the dialog opened.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'list-view-button',
    );

    const seen = await eventually(
      async () => {
        const shapes = await shapesOf(b.page);
        const steps = shapes.filter((s) => s.type === 'loop-step');
        const behaviour = shapes.find((s) => s.type === 'behaviour');
        const first = shapes.find((s) => s.type === 'first-step');
        return steps.length === 3 && behaviour && first ? { steps, behaviour, first } : null;
      },
      5000,
      "the list view's map on the other page",
    );
    const byText = (t: string) => seen.steps.find((s) => s.props.text === t)!.id;
    expect(seen.behaviour.props.name).toBe('Afbakenen');
    const links = await linksOf(b.page);
    expect(links[seen.behaviour.id]).toBe(byText('We bakenen rollen af.'));
    expect(seen.first.props).toMatchObject({ what: 'Samen de vraag opnieuw stellen', who: 'Gemeente' });
    expect(links[seen.first.id]).toBe(byText('De vraag raakt uit beeld.'));
    // The other page's screen reader was told, in one polite summary.
    await eventually(
      async () =>
        /Een partner heeft de kaart veranderd: .*toegevoegd/.test(
          (await b.page.getByTestId('change-announcer').textContent()) ?? '',
        ),
      6000,
      'the change announced on the other page',
    );
    // And the canvas cards have names a screen reader can read.
    expect(
      await b.page.locator('[data-shape-type="loop-step"][role="group"]').first().getAttribute('aria-label'),
    ).toMatch(/^Stap \d van 3 van de lus: /);
    // The three steps form one closed loop, on the other page too.
    await b.page.locator('[data-testid="loop-item"][data-length="3"]').waitFor({ timeout: 5000 });
    await a.context.close();
    await b.context.close();
  });

  it('is the first stop of the keyboard: one Tab reaches "Naar de lijstweergave", Enter opens the list', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const tracked = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await waitForCanvas(tracked.page);
    // As a returning visitor (no dialog): a fresh load, then the first Tab.
    await tracked.page.reload();
    await waitForCanvas(tracked.page);
    await tracked.page.keyboard.press('Tab');
    const focused = await tracked.page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe('Naar de lijstweergave');
    await tracked.page.screenshot({ path: join(ARTIFACTS, 'skip-link.png') });
    await tracked.page.keyboard.press('Enter');
    await tracked.page.getByTestId('list-view').waitFor({ timeout: 10_000 });
    await tracked.context.close();
  });

  it('says in plain words when the list view cannot be fetched, the room carries on, and a later try works', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const tracked = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    // The list view's chunk never arrives (a network that drops just that request).
    await tracked.context.route(/\/assets\/ListView-[^/]*\.js$/, (route) => route.abort());
    await tracked.page.reload();
    await waitForCanvas(tracked.page);
    await tracked.page.getByTestId('list-view-button').click();
    const failed = tracked.page.getByTestId('part-failed');
    await failed.waitFor({ timeout: 10_000 });
    expect(await failed.textContent()).toContain('kon niet worden geladen');
    await tracked.page.keyboard.press('Escape');
    await failed.waitFor({ state: 'detached' });
    expect((await shapesOf(tracked.page)).length).toBeGreaterThan(6);
    // Once the network lets it through, opening it again works: the failure was not kept.
    await tracked.context.unrouteAll();
    await tracked.page.getByTestId('list-view-button').click();
    await tracked.page.getByTestId('list-view').waitFor({ timeout: 10_000 });
    await tracked.context.close();
  });
});
