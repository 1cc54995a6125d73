/**
 * Phones and tablets: a partner on a 390 x 844 phone and on an 820 x 1180 tablet (touch), and a
 * look at 320 px. Nothing of ours overlaps another of our elements or tldraw's own UI; a partner
 * adds a step and a behaviour by tapping, and a desktop page sees them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { ARTIFACTS, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { boxesOf, OUR_CHROME, overlaps, TLDRAW_CHROME } from '../support/layoutBoxes.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

async function problems(page: Page): Promise<string[]> {
  return overlaps(await boxesOf(page, OUR_CHROME), await boxesOf(page, TLDRAW_CHROME));
}

describe('phones and tablets', () => {
  for (const [label, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['tablet', { width: 820, height: 1180 }],
  ] as const) {
    it(`lets a partner on a ${label} (${viewport.width} x ${viewport.height}, touch) add a step and a behaviour by tapping`, async () => {
      const room = await suite.server.createRoom('structuur-lost-alles-op');
      const desk = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
      const touch = await openPage(
        suite.browser,
        `${suite.server.url}${room.editUrl}`,
        viewport,
        {},
        {
          hasTouch: true,
          isMobile: true,
        },
      );
      await Promise.all([waitForCanvas(desk.page), waitForCanvas(touch.page)]);
      const page = touch.page;
      expect(await problems(page)).toEqual([]);
      // Our panels are folded: the canvas is the partner's until they open one.
      expect(await page.getByTestId('palette').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `touch-${label}.png`) });

      const before = (await shapesOf(desk.page)).length;
      await page.getByTestId('rail-palette').tap();
      await page.getByTestId('palette').waitFor();
      expect(await problems(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `touch-${label}-palette.png`) });
      await page.getByTestId('add-step').tap();
      await page.getByTestId('palette').waitFor({ state: 'detached' });
      await page.getByTestId('rail-palette').tap();
      await page.getByTestId('add-behaviour-oreren').tap();
      await eventually(
        async () => {
          const shapes = await shapesOf(desk.page);
          return shapes.length === before + 2 && shapes.some((s) => s.type === 'behaviour');
        },
        5000,
        'the step and the behaviour on the desktop page',
      );

      // The other panels open as sheets too, and the menu holds the top bar's actions.
      for (const key of ['talk', 'people', 'loops']) {
        await page.getByTestId(`rail-${key}`).tap();
        expect(await problems(page)).toEqual([]);
      }
      await page.getByTestId('rail-loops').tap();
      await page.getByTestId('room-menu-button').tap();
      await page.getByTestId('room-menu').getByTestId('export-button').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await desk.context.close();
      await touch.context.close();
    });
  }

  it('keeps the card being edited in view when the on-screen keyboard takes half the phone', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(
      suite.browser,
      `${suite.server.url}${room.editUrl}`,
      { width: 390, height: 844 },
      {},
      {
        hasTouch: true,
        isMobile: true,
      },
    );
    await waitForCanvas(page);
    type Ed = {
      getCurrentPageShapes(): { id: string; type: string; y: number }[];
      setEditingShape(id: string): void;
      getShapePageBounds(id: string): { x: number; maxY: number };
      pageToViewport(p: { x: number; y: number }): { y: number };
    };
    const lowest = await page.evaluate(() => {
      const editor = (window as unknown as { __patroonkaart: { editor: Ed } }).__patroonkaart.editor;
      const steps = editor.getCurrentPageShapes().filter((s) => s.type === 'loop-step');
      const bottom = steps.sort((a, b) => b.y - a.y)[0]!;
      editor.setEditingShape(bottom.id);
      return bottom.id;
    });
    const bottomOnScreen = () =>
      page.evaluate((id) => {
        const editor = (window as unknown as { __patroonkaart: { editor: Ed } }).__patroonkaart.editor;
        const b = editor.getShapePageBounds(id);
        return editor.pageToViewport({ x: b.x, y: b.maxY }).y;
      }, lowest);
    expect(await bottomOnScreen()).toBeGreaterThan(420);
    // The keyboard opens: the visible part of the page is 420 px high.
    await page.setViewportSize({ width: 390, height: 420 });
    await eventually(async () => (await bottomOnScreen()) <= 420, 3000, 'the edited card above the keyboard');
    await context.close();
  });

  it('leaves a usable canvas at 320 px wide', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(
      suite.browser,
      `${suite.server.url}${room.editUrl}`,
      { width: 320, height: 640 },
      {},
      {
        hasTouch: true,
        isMobile: true,
      },
    );
    await waitForCanvas(page);
    expect(await problems(page)).toEqual([]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(ARTIFACTS, 'touch-320.png') });
    await context.close();
  });
});
