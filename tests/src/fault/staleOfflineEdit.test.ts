/**
 * A change the server will never take must not leave a partner reconnecting forever. The case:
 * a partner drags a step while offline, another partner deletes that step, the server restarts
 * (and forgets the deletion), and the first partner comes back. Their screen's copy holds a field
 * of a step that does not exist, which the server refuses (4409) on every reconnect.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

type Handle = {
  __patroonkaart: {
    editor: { updateShape(s: { id: string; type: string; x: number }): void };
  };
};

describe('a change the server keeps refusing', () => {
  it('is dropped after three refusals: the screen shows the server’s map, says so, and stays online', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const a = await openPage(browser, `${server.url}${room.editUrl}`);
    await waitForCanvas(a.page);
    const step = (await shapesOf(a.page)).find((s) => s.type === 'loop-step')!;

    await a.context.setOffline(true);
    await a.page
      .locator('[data-testid="connection-status"][data-status="offline"]')
      .waitFor({ timeout: 5000 });
    await a.page.evaluate((id) => {
      (window as unknown as Handle).__patroonkaart.editor.updateShape({ id, type: 'loop-step', x: 777 });
    }, step.id);
    await a.page.waitForTimeout(400); // the binding writes, y-indexeddb stores

    const b = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    await whenSynced(b);
    b.doc.transact(() => records(b.doc).delete(step.id));
    await eventually(async () => {
      const check = connectPeer(server.wsUrl, room.roomId, room.tokens.view);
      await whenSynced(check);
      const gone = !records(check.doc).has(step.id);
      check.destroy();
      return gone;
    });
    b.destroy();
    await server.stop();
    server = await server.restart();

    await a.context.setOffline(false);
    await a.page.getByTestId('local-copy-reset').waitFor({ timeout: 30_000 });
    await a.page
      .locator('[data-testid="connection-status"][data-status="online"]')
      .waitFor({ timeout: 15_000 });
    await waitForCanvas(a.page);
    const shapes = await shapesOf(a.page);
    expect(shapes.some((s) => s.id === step.id)).toBe(false);
    expect(shapes.filter((s) => s.type === 'loop-step')).toHaveLength(5);
    expect(await a.page.getByTestId('local-copy-reset').textContent()).toContain(
      'zoals die op de server staat',
    );
    await a.page.screenshot({ path: join(ARTIFACTS, 'local-copy-reset.png') });
    await a.page.getByTestId('local-copy-reset').getByRole('button').click();
    await a.page.getByTestId('local-copy-reset').waitFor({ state: 'detached' });
    await a.context.close();
  });
});
