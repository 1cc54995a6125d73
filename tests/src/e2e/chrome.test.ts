/**
 * Our chrome leaves the map free. At 1280 x 800, 1440 x 900, a tablet and a phone (touch), for
 * the facilitator, a partner and a viewer, each a first-time visitor:
 * - as the room opens, nothing of ours covers another of our elements, tldraw's own panels, or a
 *   card of the template's map (the map is fitted into the free part of the screen);
 * - on wide screens every side panel folds to its header, the same holds folded, and a reload
 *   keeps the folds; on phones and tablets each panel opens as a sheet clear of tldraw's UI;
 * - at 1280 x 800 our chrome takes at most 25% of the window with everything open, 8% folded.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, selectShapes, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { boxesOf, cardBoxes, coverage, OUR_CHROME, overlaps, TLDRAW_CHROME } from '../support/layoutBoxes.ts';

const suite = useServerAndBrowser();

const VIEWPORTS = [
  { label: '1280x800', viewport: { width: 1280, height: 800 }, touch: false },
  { label: '1440x900', viewport: { width: 1440, height: 900 }, touch: false },
  { label: 'tablet', viewport: { width: 820, height: 1180 }, touch: true },
  { label: 'phone', viewport: { width: 390, height: 844 }, touch: true },
] as const;

const ROLES = [
  { role: 'facilitator', link: 'facilitatorUrl', panels: ['palette', 'talk', 'loops', 'people'] },
  { role: 'partner', link: 'editUrl', panels: ['palette', 'talk', 'loops', 'people'] },
  { role: 'viewer', link: 'viewUrl', panels: ['talk', 'loops', 'people'] },
] as const;

/** What covers what: our chrome against itself, tldraw's panels and (unless a sheet is open) the cards. */
async function problems(page: Page, withCards: boolean): Promise<string[]> {
  const ours = await boxesOf(page, OUR_CHROME);
  const theirs = await boxesOf(page, TLDRAW_CHROME);
  const cards = withCards ? await cardBoxes(page) : [];
  return overlaps(ours, [...theirs, ...cards]);
}

async function ourShare(page: Page): Promise<number> {
  const size = page.viewportSize()!;
  return coverage(await boxesOf(page, OUR_CHROME), size.width, size.height);
}

/** The map is fitted a moment after the panels are laid out; wait until the camera holds still. */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(900);
}

describe('the chrome leaves the map free', () => {
  for (const { label, viewport, touch } of VIEWPORTS) {
    it(`at ${label}, for the facilitator, a partner and a viewer, open and folded`, async () => {
      const room = await suite.server.createRoom('structuur-lost-alles-op');
      for (const { role, link, panels } of ROLES) {
        const { page, context } = await openPage(
          suite.browser,
          `${suite.server.url}${room[link]}`,
          viewport,
          { name: `Anouk ${role}`, organisation: 'Gemeente Utrecht' },
          touch ? { hasTouch: true, isMobile: true } : {},
        );
        await waitForCanvas(page);
        await settled(page);
        await page.screenshot({ path: join(ARTIFACTS, `chrome-${label}-${role}.png`) });
        expect(await problems(page, true), `${label} ${role} as it opens`).toEqual([]);
        // Every card of the template is in view: fitted, not cut off at the edges.
        if (label !== 'phone')
          expect((await cardBoxes(page)).length).toBe((await cardBoxes(page, true)).length);

        if (touch) {
          for (const panel of panels) {
            await page.getByTestId(`rail-${panel}`).tap();
            await page.locator('.pk-sheet').first().waitFor();
            if (role === 'partner')
              await page.screenshot({ path: join(ARTIFACTS, `chrome-${label}-${role}-${panel}.png`) });
            expect(await problems(page, false), `${label} ${role} with ${panel} open`).toEqual([]);
            await page.getByTestId(`rail-${panel}`).tap();
          }
        } else {
          if (label === '1280x800')
            expect(await ourShare(page), `${role}: share with all open`).toBeLessThanOrEqual(0.25);
          for (const panel of panels) await page.getByTestId(`fold-${panel}`).click();
          expect(await problems(page, true), `${label} ${role} folded`).toEqual([]);
          if (label === '1280x800')
            expect(await ourShare(page), `${role}: share folded`).toBeLessThanOrEqual(0.08);
          await page.screenshot({ path: join(ARTIFACTS, `chrome-${label}-${role}-folded.png`) });
          await page.reload();
          await waitForCanvas(page);
          await settled(page);
          for (const panel of panels)
            expect(
              await page.getByTestId(`fold-${panel}`).getAttribute('aria-expanded'),
              `${panel} remembered`,
            ).toBe('false');
          expect(await problems(page, true), `${label} ${role} folded after a reload`).toEqual([]);
        }
        await context.close();
      }
    });
  }

  it('keeps one top-bar row offline, clears the style panel of our panels, and rings every focused control', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      // A room of its own: the page before would linger in tldraw's avatar row until its presence times out.
      const room = await suite.server.createRoom('structuur-lost-alles-op');
      const { page, context } = await openPage(
        suite.browser,
        `${suite.server.url}${room.facilitatorUrl}`,
        viewport,
        {
          name: 'Anouk',
          organisation: 'Gemeente Utrecht',
        },
      );
      await waitForCanvas(page);
      await settled(page);

      // Offline: the long status must not spread the bar over several rows.
      await context.setOffline(true);
      await page
        .locator('[data-testid="connection-status"][data-status="offline"]')
        .waitFor({ timeout: 5000 });
      // The bar's own items stay on one row; what "offline" means is a notice on the row below.
      const tops = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="topbar"] > :not(.pk-banner)')].map((el) =>
          Math.round(el.getBoundingClientRect().top),
        ),
      );
      expect(
        Math.max(...tops) - Math.min(...tops),
        `rows of the bar at ${viewport.width}`,
      ).toBeLessThanOrEqual(4);
      await page.getByTestId('offline-notice').waitFor();
      expect(await problems(page, false), `offline at ${viewport.width}`).toEqual([]);
      // The notice is read beside the status; it hides no card (a full row covered the top step).
      expect(
        overlaps(await boxesOf(page, ['[data-testid="offline-notice"]']), await cardBoxes(page)),
        `the offline notice at ${viewport.width}`,
      ).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `chrome-offline-${viewport.width}.png`) });
      await context.setOffline(false);

      // Something selected: tldraw's style panel opens and covers none of our panels.
      for (const type of ['arrow', 'behaviour', 'loop-step']) {
        const id = await page.evaluate(
          (type) =>
            (
              window as unknown as {
                __patroonkaart: { editor: { getCurrentPageShapes(): { id: string; type: string }[] } };
              }
            ).__patroonkaart.editor
              .getCurrentPageShapes()
              .find((s) => s.type === type)?.id,
          type,
        );
        if (!id) continue;
        await selectShapes(page, id);
        await page.waitForTimeout(200);
        expect(await problems(page, false), `${type} selected at ${viewport.width}`).toEqual([]);
      }
      if (viewport.width === 1440) await page.screenshot({ path: join(ARTIFACTS, 'chrome-style-panel.png') });
      await context.close();
    }

    const room = await suite.server.createRoom('structuur-lost-alles-op');
    // Keyboard: right after "Hoe zien anderen jou?" the skip link has the focus (the next Tab goes
    // on from the top), and every control of ours shows a ring when Tab reaches it.
    const { page, context } = await openPage(
      suite.browser,
      `${suite.server.url}${room.facilitatorUrl}`,
      undefined,
      {
        name: 'Anouk',
        organisation: 'Gemeente Utrecht',
      },
    );
    await waitForCanvas(page);
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/lijstweergave/i);
    const stops: { name: string; ours: boolean; ring: boolean }[] = [];
    for (let i = 0; i < 70; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          const ring =
            (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ||
            (style.boxShadow !== 'none' && style.boxShadow !== '');
          return {
            name: (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 40),
            ours: Boolean(el.closest('.pk-topbar, .pk-left, .pk-people, .pk-loops, .pk-skip, .pk-rail')),
            ring,
          };
        }),
      );
    }
    const ours = stops.filter((s) => s.ours);
    expect(ours.length).toBeGreaterThan(20);
    expect(ours.filter((s) => !s.ring).map((s) => s.name)).toEqual([]);
    await context.close();
  });
});
