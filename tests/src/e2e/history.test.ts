/**
 * Room history in real browsers: two partners draw, one selects everything and deletes it, the
 * facilitator previews the moment before and puts the map back; both partners see every shape
 * again without a reload. A partner's own client cannot read or restore history.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

describe('room history', () => {
  it('puts the map back after a partner deleted everything', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`);
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([lead, a, b].map((p) => waitForCanvas(p.page)));
    await a.page.getByTestId('add-step').click();
    await b.page.getByTestId('add-behaviour-oreren').click();
    const ids = async (page: typeof a.page) => (await shapesOf(page)).map((s) => s.id).sort();
    const drawn = await eventually(
      async () => {
        const [ia, ib] = [await ids(a.page), await ids(b.page)];
        return ia.length > 8 && JSON.stringify(ia) === JSON.stringify(ib) ? ia : null;
      },
      5000,
      'both drawings on both pages',
    );

    // Partner A selects everything and presses Delete.
    await a.page.mouse.click(640, 760);
    await a.page.keyboard.press('Escape');
    await a.page.locator('.tl-canvas').click({ position: { x: 900, y: 120 } });
    await a.page.keyboard.press('Control+a');
    await a.page.keyboard.press('Delete');
    await eventually(async () => (await ids(b.page)).length === 0, 5000, 'the map emptied on B');

    await lead.page.getByTestId('history-button').click();
    const dialog = lead.page.getByTestId('history-dialog');
    await dialog.locator('[data-testid="history-point"][data-reason="before-delete"]').first().click();
    await dialog.locator('svg.pk-thumb rect').nth(3).waitFor();
    await lead.page.screenshot({ path: join(ARTIFACTS, 'history-dialog.png') });
    // Restoring asks first, naming the moment; nothing changes before the answer.
    await dialog.getByTestId('history-restore').click();
    const confirm = dialog.getByTestId('history-restore-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/Ja, zet terug naar \d/);
    expect(await ids(b.page)).toEqual([]);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    for (const page of [a.page, b.page, lead.page])
      await eventually(
        async () => JSON.stringify(await ids(page)) === JSON.stringify(drawn),
        5000,
        'every shape back without a reload',
      );
    // Every screen says what happened, in plain words; the facilitator can undo it.
    for (const page of [a.page, b.page, lead.page]) {
      const notice = page.getByTestId('restore-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /De gespreksleider heeft de kaart teruggezet naar \d\d:\d\d\./,
      );
    }
    await a.page.screenshot({ path: join(ARTIFACTS, 'restore-notice-partner.png') });
    expect(await a.page.getByTestId('restore-undo').count()).toBe(0);
    await lead.page.getByTestId('restore-undo').click();
    await eventually(async () => (await ids(b.page)).length === 0, 5000, 'the restore undone on B');

    // A partner's own client asking for the history, or to restore it, is refused.
    const partner = { authorization: `Bearer ${room.tokens.edit}`, 'content-type': 'application/json' };
    const list = await fetch(`${suite.server.url}/api/rooms/${room.roomId}/history`, { headers: partner });
    expect(list.status).toBe(403);
    expect(((await list.json()) as { error: string }).error).toBe('forbidden');
    const restore = await fetch(`${suite.server.url}/api/rooms/${room.roomId}/history/1/restore`, {
      method: 'POST',
      headers: partner,
    });
    expect(restore.status).toBe(403);
    const viewer = await fetch(`${suite.server.url}/api/rooms/${room.roomId}/history`, {
      headers: { authorization: `Bearer ${room.tokens.view}` },
    });
    expect(viewer.status).toBe(403);
    for (const p of [lead, a, b]) await p.context.close();
  });
});
