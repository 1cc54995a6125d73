/**
 * The loop in motion: the facilitator presses "Speel de lus af" and the run starts on three
 * screens within 300 ms of each other (the server's clock), a pulse travels the arrows, and when
 * it ends every step shows the direction the model says it must have (kept at "+", flipped at
 * "−"), with the loop's verdict. A partner with reduced motion sees the steps change without the
 * travelling pulse; a partner's own run plays on their screen only; the list view says it in words.
 */
import { join } from 'node:path';
import { planLoopRun, readLoopMap } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Handle = {
  __patroonkaart: {
    editor: {
      store: { allRecords(): object[] };
      getCurrentPageShapes(): { id: string; type: string; meta: Record<string, unknown> }[];
      updateShapes(partials: object[]): void;
    };
  };
  __runSeenAt?: number;
};

/** Notes the moment this page first shows a run, by its own clock (all pages share the machine's). */
function watchForRun(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as Handle;
    w.__runSeenAt = undefined;
    const seen = () => {
      if (w.__runSeenAt === undefined && document.querySelector('[data-testid="loop-run-step"]'))
        w.__runSeenAt = performance.timeOrigin + performance.now();
    };
    new MutationObserver(seen).observe(document.body, { childList: true, subtree: true });
  });
}

describe('the loop in motion', () => {
  it('plays on every screen at once and ends with the sign every step must have', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`, undefined, {
      organisation: 'Procesbegeleiding',
    });
    const anna = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
      name: 'Anna',
      organisation: 'Gemeente Utrecht',
    });
    const carla = await openPage(
      suite.browser,
      `${suite.server.url}${room.editUrl}`,
      undefined,
      { name: 'Carla', organisation: 'GGD regio Utrecht' },
      { reducedMotion: 'reduce' },
    );
    const pages = [lead.page, anna.page, carla.page];
    for (const page of pages) await waitForCanvas(page);

    // Signs on the arrows: all "+" but one "−", so the loop balances.
    await lead.page.evaluate(() => {
      const editor = (window as unknown as Handle).__patroonkaart.editor;
      const arrows = editor.getCurrentPageShapes().filter((s) => s.type === 'arrow');
      editor.updateShapes(
        arrows.map((a, i) => ({
          id: a.id,
          type: 'arrow',
          meta: { ...a.meta, polarity: i === 2 ? '-' : '+' },
        })),
      );
    });
    const records = await lead.page.evaluate(() =>
      (window as unknown as Handle).__patroonkaart.editor.store.allRecords(),
    );
    const loop = readLoopMap(records).loops[0]!;
    expect(loop.type).toBe('B');
    const expected = planLoopRun(loop).finalDirection;
    for (const page of pages)
      await eventually(
        async () => (await page.getByTestId('loop-type').first().getAttribute('data-type')) === 'B',
        10_000,
        'the balancing loop on every page',
      );

    for (const page of pages) await watchForRun(page);
    await lead.page.getByTestId('play-loop').first().click();
    const seenAt = await Promise.all(
      pages.map((page) =>
        eventually(
          () => page.evaluate(() => (window as unknown as Handle).__runSeenAt ?? null),
          10_000,
          'the run on the page',
        ),
      ),
    );
    expect(Math.max(...seenAt) - Math.min(...seenAt)).toBeLessThanOrEqual(300);

    // Under way: the pulse travels on the screens with motion, not on Carla's (reduced motion).
    await eventually(
      async () => (await anna.page.locator('.pk-loop-run__pulse').count()) === 1,
      5000,
      'the pulse',
    );
    await anna.page.screenshot({ path: join(ARTIFACTS, 'loop-run-playing.png') });
    expect(await carla.page.locator('.pk-loop-run__pulse').count()).toBe(0);
    expect(await carla.page.getByTestId('loop-run-step').count()).toBeGreaterThan(0);

    // The end: every step with the direction the model gives it, and the loop's verdict.
    for (const page of pages) {
      await page.locator('[data-testid="loop-run"][data-done="true"]').waitFor({ timeout: 30_000 });
      const shown = await page
        .getByTestId('loop-run-step')
        .evaluateAll((els) =>
          Object.fromEntries(els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-direction')])),
        );
      expect(shown).toEqual(
        Object.fromEntries(Object.entries(expected).map(([id, d]) => [id, d > 0 ? '+' : '-'])),
      );
      expect(await page.getByTestId('loop-run-caption').textContent()).toContain('Balancerend');
    }
    await lead.page.screenshot({ path: join(ARTIFACTS, 'loop-run-done.png') });

    // A partner's own run plays on their screen only.
    await anna.page.locator('[data-testid="loop-run"]').waitFor({ state: 'detached', timeout: 15_000 });
    await anna.page.getByTestId('play-loop').first().click();
    await anna.page.getByTestId('loop-run').waitFor({ timeout: 5000 });
    await lead.page.waitForTimeout(1000);
    expect(await lead.page.getByTestId('loop-run').count()).toBe(0);

    // The list view says the same run in words.
    await carla.page.getByTestId('list-view-button').click();
    const words = (await carla.page.getByTestId('loop-run-words').textContent()) ?? '';
    // Which arrow got the "−" depends on the page's order of arrows: the words start the same way.
    expect(words).toContain('Zo loopt een verandering rond: Stap 1 meer → Stap 2 ');
    expect(words).toContain('minder');
    expect(words).toContain('Balancerend');
    for (const p of [lead, anna, carla]) expect(p.consoleErrors).toEqual([]);
    await Promise.all([lead, anna, carla].map((p) => p.context.close()));
  });
});
