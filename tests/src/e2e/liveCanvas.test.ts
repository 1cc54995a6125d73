/**
 * The foundation path, as partners live it: one draws, the other sees it; the other moves it,
 * the first sees it move; a latecomer gets the whole drawing. Real server, real Chromium.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, shapesOf, type TrackedPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();
const pages: TrackedPage[] = [];

async function drawRectangle(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.keyboard.press('r');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}

describe('one live canvas shared by several browsers', () => {
  it('syncs drawing, moving and late joining between real browsers', async () => {
    const room = await suite.server.createRoom('blank');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    pages.push(a, b);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);

    await drawRectangle(a.page, { x: 900, y: 550 }, { x: 1100, y: 700 });
    const drawn = await eventually(
      async () => (await shapesOf(b.page)).find((s) => s.type === 'geo'),
      5000,
      'rectangle on page B',
    );
    expect(drawn.props.geo).toBe('rectangle');
    expect(drawn.props.w as number).toBeGreaterThan(100);

    // Page B drags the (hollow) rectangle by its left edge, 200 px to the right.
    const before = (await shapesOf(a.page)).find((s) => s.id === drawn.id)!;
    const box = await b.page.evaluate((id) => {
      const w = window as unknown as {
        __patroonkaart: {
          editor: {
            getShapePageBounds(id: string): { minX: number; midY: number };
            pageToViewport(p: { x: number; y: number }): { x: number; y: number };
          };
        };
      };
      const bounds = w.__patroonkaart.editor.getShapePageBounds(id);
      return w.__patroonkaart.editor.pageToViewport({ x: bounds.minX, y: bounds.midY });
    }, drawn.id);
    await b.page.mouse.move(box.x, box.y);
    await b.page.mouse.down();
    await b.page.mouse.move(box.x + 100, box.y, { steps: 5 });
    await b.page.mouse.move(box.x + 200, box.y, { steps: 5 });
    await b.page.mouse.up();
    const final = (await shapesOf(b.page)).find((x) => x.id === drawn.id)!;
    expect(final.x - before.x).toBeGreaterThan(150);
    const moved = await eventually(
      async () => {
        const s = (await shapesOf(a.page)).find((x) => x.id === drawn.id);
        return s && Math.abs(s.x - final.x) < 0.5 ? s : null;
      },
      5000,
      'page A to see the move',
    );
    expect(moved.y).toBeCloseTo(before.y, 0);

    // A latecomer gets the whole drawing.
    const c = await openPage(suite.browser, `${suite.server.url}${room.viewUrl}`);
    pages.push(c);
    await waitForCanvas(c.page);
    const late = await eventually(
      async () => (await shapesOf(c.page)).find((s) => s.id === drawn.id),
      5000,
      'late joiner',
    );
    expect(late.x).toBeCloseTo(moved.x, 0);

    await a.page.screenshot({ path: join(ARTIFACTS, 'live-a.png') });
    await b.page.screenshot({ path: join(ARTIFACTS, 'live-b.png') });
  });

  it('shows each other’s cursors with names', async () => {
    const room = await suite.server.createRoom('blank');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const nameOfA = await a.page.evaluate(() => {
      const w = window as unknown as { __patroonkaart: { editor: { user: { getName(): string } } } };
      return w.__patroonkaart.editor.user.getName();
    });
    await a.page.mouse.move(600, 400);
    await a.page.mouse.move(640, 420, { steps: 4 });
    const label = b.page.locator('.tl-nametag', { hasText: nameOfA });
    await label.first().waitFor({ timeout: 5000 });
    expect(await label.count()).toBeGreaterThan(0);

    // A partner gives their own name: the other screen shows it at their cursor.
    await a.page.getByTestId('profile-button').click();
    await a.page.getByTestId('profile-name').fill('Ans de Vries');
    await a.page.getByTestId('profile-name').press('Enter');
    await a.page.mouse.move(660, 440, { steps: 4 });
    await b.page.locator('.tl-nametag', { hasText: 'Ans de Vries' }).first().waitFor({ timeout: 5000 });
    expect(await a.page.getByTestId('profile-button').textContent()).toContain('Ans de Vries');

    // The language switch turns the app and tldraw's own UI to English, and back.
    await a.page.getByRole('button', { name: 'Taal' }).click();
    await a.page.getByTestId('export-button').filter({ hasText: 'Export' }).waitFor();
    const locale = await a.page.evaluate(() => {
      const w = window as unknown as { __patroonkaart: { editor: { user: { getLocale(): string } } } };
      return w.__patroonkaart.editor.user.getLocale();
    });
    expect(locale).toBe('en');
    expect(await a.page.getByTestId('palette').textContent()).toContain('First step');
  });

  it('shows the map even when its tools cannot be fetched, says so, and brings them once back online', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const tracked = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    // The room's tools (palette, conversation, loops) never arrive: a network that drops that request.
    await tracked.context.route(/\/assets\/roomTools-[^/]*\.js$/, (route) => route.abort());
    await tracked.page.reload();
    await waitForCanvas(tracked.page);
    const failed = tracked.page.getByTestId('tools-failed');
    await failed.waitFor({ timeout: 10_000 });
    expect(await failed.textContent()).toContain('konden niet worden geladen');
    expect((await shapesOf(tracked.page)).length).toBeGreaterThan(6);
    expect(await tracked.page.getByTestId('palette').count()).toBe(0);
    // The network comes back: the browser says it is online again and the tools arrive unasked.
    await tracked.context.unrouteAll();
    await tracked.context.setOffline(true);
    await tracked.context.setOffline(false);
    await tracked.page.getByTestId('palette').waitFor({ timeout: 10_000 });
    await failed.waitFor({ state: 'detached' });
    await tracked.context.close();
  });

  it('fits the map clear of the tools when they arrive late on a slow link', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const tracked = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, {
      width: 1280,
      height: 800,
    });
    // The tools' chunk takes 1.5 s: the map is fitted before the palette and the conversation are there.
    await tracked.context.route(/\/assets\/roomTools-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await tracked.page.reload();
    await waitForCanvas(tracked.page);
    await tracked.page.getByTestId('palette').waitFor({ timeout: 10_000 });
    await tracked.page.waitForTimeout(300);
    const covered = await tracked.page.evaluate(() => {
      const panels = [...document.querySelectorAll('.pk-palette, .pk-talk, .pk-people, .pk-loops')].map(
        (el) => el.getBoundingClientRect(),
      );
      const overlaps = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return [...document.querySelectorAll('[data-shape-type="loop-step"]')]
        .map((el) => el.getBoundingClientRect())
        .filter((card) => panels.some((panel) => overlaps(card, panel))).length;
    });
    expect(covered).toBe(0);
    await tracked.context.close();
  });

  it('makes no request to any host but our own server', () => {
    const ours = new URL(suite.server.url).host;
    const foreign = pages
      .flatMap((p) => p.requests)
      .filter((u) => {
        const url = new URL(u);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol.startsWith('ws')) &&
          url.host !== ours
        );
      });
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.requests).length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
  });
});
