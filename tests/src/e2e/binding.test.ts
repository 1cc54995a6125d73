/**
 * The binding in real browsers: concurrent edits of different properties of one step both
 * survive, work done offline merges when the socket returns, and a reload shows the local copy
 * before the server has answered.
 */
import { SYNC_PATH } from '@patroonkaart/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Handle = {
  __patroonkaart: {
    editor: {
      getShapePageBounds(id: string): { center: { x: number; y: number } };
      pageToViewport(p: { x: number; y: number }): { x: number; y: number };
    };
  };
};

const centreOf = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    const { editor } = (window as unknown as Handle).__patroonkaart;
    return editor.pageToViewport(editor.getShapePageBounds(shapeId).center);
  }, id);

describe('binding in the browser', () => {
  it('keeps a text edit and a move of the same step made at the same moment, on both pages', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const step = (await shapesOf(a.page)).find(
      (s) => s.type === 'loop-step' && String(s.props.text).startsWith('Er doet zich'),
    )!;
    const pa = await centreOf(a.page, step.id);
    const pb = await centreOf(b.page, step.id);

    // A starts editing the text while B drags the card away: neither has seen the other's edit.
    await a.page.mouse.dblclick(pa.x, pa.y);
    await a.page.locator('textarea.pk-textarea').waitFor();
    await a.page.keyboard.press('Control+A');
    await Promise.all([
      a.page.keyboard.type('Een vraagstuk dat niemand alleen kan oplossen.', { delay: 5 }),
      (async () => {
        await b.page.mouse.move(pb.x, pb.y);
        await b.page.mouse.down();
        await b.page.mouse.move(pb.x + 120, pb.y + 40, { steps: 8 });
        await b.page.mouse.move(pb.x + 240, pb.y + 80, { steps: 8 });
        await b.page.mouse.up();
      })(),
    ]);
    await a.page.keyboard.press('Escape');
    let lastSeen = '';
    for (const page of [a.page, b.page]) {
      const merged = await eventually(
        async () => {
          const s = (await shapesOf(page)).find((x) => x.id === step.id)!;
          lastSeen = JSON.stringify({ text: s.props.text, x: s.x, y: s.y, x0: step.x });
          return s.props.text === 'Een vraagstuk dat niemand alleen kan oplossen.' && s.x > step.x + 150
            ? s
            : null;
        },
        5000,
        () => `both edits on both pages (last seen ${lastSeen})`,
      );
      expect(merged.y).toBeGreaterThan(step.y + 40);
    }
    await a.context.close();
    await b.context.close();
  });

  it('undoes my own move with Ctrl+Z without reverting a partner’s text', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const step = (await shapesOf(a.page)).find((s) => s.type === 'loop-step')!;
    const pa = await centreOf(a.page, step.id);
    await a.page.mouse.move(pa.x, pa.y);
    await a.page.mouse.down();
    await a.page.mouse.move(pa.x + 150, pa.y, { steps: 8 });
    await a.page.mouse.up();
    await eventually(
      async () => ((await shapesOf(b.page)).find((s) => s.id === step.id)?.x ?? 0) > step.x + 100,
    );
    await a.page.waitForTimeout(600); // a new undo step for what follows

    // B rewrites the text after A's move.
    const pb = await centreOf(b.page, step.id);
    await b.page.mouse.dblclick(pb.x, pb.y);
    await b.page.locator('textarea.pk-textarea').waitFor();
    await b.page.keyboard.type('Tekst van B', { delay: 5 });
    await b.page.keyboard.press('Escape');
    await eventually(
      async () => (await shapesOf(a.page)).find((s) => s.id === step.id)?.props.text === 'Tekst van B',
    );

    await a.page.keyboard.press('Escape');
    await a.page.keyboard.press('Control+z');
    for (const page of [a.page, b.page]) {
      const undone = await eventually(
        async () => {
          const s = (await shapesOf(page)).find((x) => x.id === step.id)!;
          return Math.abs(s.x - step.x) < 1 ? s : null;
        },
        5000,
        'the move undone',
      );
      expect(undone.props.text).toBe('Tekst van B');
    }
    await a.context.close();
    await b.context.close();
  });

  it('keeps drawing offline, shows it, and merges without loss or duplicates when the socket returns', async () => {
    const room = await suite.server.createRoom('blank');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const before = (await shapesOf(a.page)).length;

    // A's network goes down: the screen says so at once, without waiting for the socket to notice.
    await a.context.setOffline(true);
    await a.page
      .locator('[data-testid="connection-status"][data-status="offline"]')
      .waitFor({ timeout: 5000 });

    await a.page.getByTestId('add-step').click();
    await a.page.getByTestId('add-behaviour-oreren').click();
    await b.page.getByTestId('add-first-step').click();
    expect(
      Number((await a.page.getByTestId('pending-changes').textContent())?.match(/\d+/)?.[0]),
    ).toBeGreaterThan(0);
    expect(await a.page.getByTestId('connection-status').textContent()).toContain('Offline');

    await a.context.setOffline(false);
    await a.page
      .locator('[data-testid="connection-status"][data-status="online"]')
      .waitFor({ timeout: 15_000 });
    const ids = async (page: Page) => (await shapesOf(page)).map((s) => s.id).sort();
    const merged = await eventually(
      async () => {
        const [ia, ib] = [await ids(a.page), await ids(b.page)];
        return ia.length === before + 3 && JSON.stringify(ia) === JSON.stringify(ib) ? ia : null;
      },
      10_000,
      'identical maps after reconnect',
    );
    expect(new Set(merged).size).toBe(merged.length);
    await a.page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 5000 });
    await a.context.close();
    await b.context.close();
  });

  it('shows the local copy on reload before the server answers', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await waitForCanvas(page);
    await page.getByTestId('add-behaviour-duiken').click();
    await eventually(async () => (await shapesOf(page)).some((s) => s.type === 'behaviour'));
    await page.waitForTimeout(300); // y-indexeddb writes asynchronously
    // From now on the sync socket opens but the server never answers.
    await page.routeWebSocket(
      (url) => url.pathname.startsWith(`${SYNC_PATH}/`),
      () => {},
    );
    await page.reload();
    await waitForCanvas(page);
    const shapes = await shapesOf(page);
    expect(shapes.filter((s) => s.type === 'loop-step')).toHaveLength(6);
    expect(shapes.some((s) => s.type === 'behaviour')).toBe(true);
    await context.close();
  });
});
