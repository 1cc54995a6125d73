/**
 * The plenary of a workshop of three tables, all from the same template, in real browsers: a
 * partner at table 1 rephrases a step, a partner at table 2 names a first step with its owner and
 * answers "Wat neem je mee?". The plenary page, opened from the overview, shows every table's map
 * with the template's steps and behaviours marked as shared (the rephrased step too, by its
 * template mark), the first step under its organisation, the votes and the answer; it follows the
 * tables live, writes nothing, and fits a projector and a laptop.
 */
import { join } from 'node:path';
import { getTemplate } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { ARTIFACTS, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

const TEMPLATE = getTemplate('van-niemand-en-toch-van-iedereen')!;
const REPHRASED = 'Het escaleert';
const FIRST_STEP = 'Samen de casus bespreken';
const TAKE_AWAY = 'Ik neem mee: eerst bellen, dan mailen.';

type Handle = {
  __patroonkaart: {
    editor: {
      pageToViewport(p: { x: number; y: number }): { x: number; y: number };
      getShapePageBounds(id: string): { center: { x: number; y: number } };
    };
  };
};

const centreOf = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    const { editor } = (window as unknown as Handle).__patroonkaart;
    return editor.pageToViewport(editor.getShapePageBounds(shapeId).center);
  }, id);

async function startRound(overview: Page, round: number): Promise<void> {
  await overview.getByTestId('round-choice').selectOption(String(round));
  await overview.getByTestId('start-all').click();
}

describe('the plenary of a workshop', () => {
  it('shows three tables side by side with their shared steps marked, live and read-only', async () => {
    const projector = { width: 1920, height: 1080 };
    const lead = await openPage(suite.browser, `${suite.server.url}/`, projector, { name: 'Fenna' });
    await lead.page.getByTestId('workshop-tables').fill('3');
    for (const n of [1, 2, 3])
      await lead.page.getByLabel(`Sjabloon van tafel ${n}`).selectOption(TEMPLATE.id);
    await lead.page.getByTestId('create-workshop').click();
    await lead.page.getByTestId('confirm-workshop').click();
    await lead.page.waitForURL(/\/w\/[A-Za-z0-9_-]{22}#k=/);
    const overview = lead.page;
    const cards = overview.getByTestId('workshop-table');
    await eventually(async () => (await cards.count()) === 3, 10_000, 'three tables in the overview');
    const partnerLink = (table: number) =>
      cards
        .nth(table)
        .locator(`#partner-${table + 1}`)
        .inputValue();

    // Table 1: Anna rephrases the template's last step on the canvas.
    const anna = await openPage(suite.browser, await partnerLink(0), undefined, {
      name: 'Anna',
      organisation: 'Gemeente',
    });
    // Table 2: Cor, who will name a first step and say what he takes away.
    const cor = await openPage(suite.browser, await partnerLink(1), undefined, {
      name: 'Cor',
      organisation: 'Politie',
    });
    await Promise.all([waitForCanvas(anna.page), waitForCanvas(cor.page)]);
    const last = (await shapesOf(anna.page)).find(
      (s) => s.type === 'loop-step' && s.props.text === TEMPLATE.steps.at(-1),
    )!;
    const at = await centreOf(anna.page, last.id);
    await anna.page.mouse.dblclick(at.x, at.y);
    await anna.page.locator('textarea.pk-textarea').waitFor();
    await anna.page.keyboard.press('Control+A');
    await anna.page.keyboard.type(REPHRASED, { delay: 5 });
    await anna.page.keyboard.press('Escape');

    // Voting on the pattern, a first step with its owner in round 4, "Wat neem je mee?" in round 5.
    await startRound(overview, 2);
    await overview.getByTestId('voting-all').click();
    for (const [page, value] of [
      [anna.page, 'yes'],
      [cor.page, 'somewhat'],
    ] as const)
      await page
        .getByTestId('map-vote-recognisable-pattern')
        .locator(`button[data-value="${value}"]`)
        .click();
    await startRound(overview, 4);
    await eventually(
      async () => (await cor.page.getByTestId('round-4').getAttribute('aria-current')) === 'step',
      10_000,
      'round 4 at table 2',
    );
    await cor.page.getByTestId('add-first-step').click();
    await cor.page.keyboard.type(FIRST_STEP);
    await cor.page.keyboard.press('Escape');
    const who = cor.page.getByTestId('first-step-list').locator('input').first();
    await who.fill('Politie');
    await who.blur();
    await startRound(overview, 5);
    await eventually(
      async () => (await cor.page.getByTestId('round-5').getAttribute('aria-current')) === 'step',
      10_000,
      'round 5 at table 2',
    );
    await cor.page.getByTestId('answer-input').fill(TAKE_AWAY);
    await cor.page.getByTestId('answer-add').click();

    // The plenary, from the overview's button: a page of its own.
    const [plenary] = await Promise.all([
      lead.context.waitForEvent('page'),
      overview.getByTestId('plenary-open').click(),
    ]);
    expect(new URL(plenary.url()).pathname).toMatch(/^\/w\/[A-Za-z0-9_-]{22}\/plenair$/);
    await plenary.getByTestId('plenary-page').waitFor({ timeout: 10_000 });
    const tables = plenary.getByTestId('plenary-table');
    await eventually(async () => (await tables.count()) === 3, 10_000, 'three maps');

    // Every table's map, with each template step and behaviour marked as shared with the others.
    const cardsPerTable = TEMPLATE.steps.length + TEMPLATE.behaviours.length;
    let seen = '';
    await eventually(
      async () => {
        const counts = await Promise.all(
          [0, 1, 2].map((i) => tables.nth(i).locator('svg.pk-thumb g.pk-shared').count()),
        );
        seen = counts.join(', ');
        return counts.every((c) => c === cardsPerTable);
      },
      10_000,
      () => `${cardsPerTable} shared cards on every map (saw ${seen})`,
    );
    // The rephrased step is still the template's step: marked, with the other tables on its badge.
    const rephrased = tables.nth(0).locator('g.pk-shared', { hasText: REPHRASED });
    await eventually(async () => (await rephrased.count()) === 1, 10_000, 'the rephrased step, marked');
    expect(await tables.nth(1).locator('g.pk-shared', { hasText: REPHRASED }).count()).toBe(0);
    const badges = await tables.nth(0).locator('g.pk-shared-badge').allTextContents();
    expect(badges).toHaveLength(cardsPerTable);
    expect(new Set(badges)).toEqual(new Set(['ook bij Tafel 2 en 3']));
    expect(await tables.nth(2).locator('g.pk-shared-badge').first().textContent()).toBe(
      'ook bij Tafel 1 en 2',
    );
    expect(await plenary.getByTestId('plenary-legend').textContent()).toContain('Omlijnd');
    const shared = (await plenary.getByTestId('plenary-shared').textContent()) ?? '';
    for (const step of TEMPLATE.steps.slice(0, -1)) expect(shared).toContain(step);
    expect(shared).toContain('Oreren');

    // The first step under its organisation, the votes per organisation, the answer to round 5.
    const politie = plenary.locator('[data-testid="plenary-owner"][data-organisation="Politie"]');
    await eventually(
      async () => ((await politie.textContent()) ?? '').includes(FIRST_STEP),
      10_000,
      'the first step under Politie',
    );
    expect(await politie.textContent()).toContain('Tafel 2');
    await eventually(
      async () => {
        const votes = (await plenary.getByTestId('plenary-votes').textContent()) ?? '';
        return votes.includes('Gemeente: 1 ja') && votes.includes('Politie: 1 een beetje');
      },
      10_000,
      'the votes of two tables, per organisation',
    );
    const takeAway = plenary.getByTestId('plenary-take-away');
    expect(await takeAway.textContent()).toContain(`${TAKE_AWAY} (Cor, Politie)`);

    // Live: a new answer at table 1 appears without a reload.
    await eventually(
      async () => (await anna.page.getByTestId('round-5').getAttribute('aria-current')) === 'step',
      10_000,
      'round 5 at table 1',
    );
    await anna.page.getByTestId('answer-input').fill('Vaker samen aan tafel');
    await anna.page.getByTestId('answer-add').click();
    await eventually(
      async () => ((await takeAway.textContent()) ?? '').includes('Vaker samen aan tafel (Anna, Gemeente)'),
      5000,
      'the new answer on the plenary',
    );

    // Read-only: nothing to type in; the only buttons are full screen, the language and "Vergroot".
    expect(await plenary.locator('input, textarea, select, [contenteditable="true"]').count()).toBe(0);
    expect(await plenary.getByRole('button').allTextContents()).toEqual([
      'Volledig scherm',
      'English',
      'Vergroot',
      'Vergroot',
      'Vergroot',
    ]);

    // It fits a projector: the three maps side by side, nothing wider than the screen.
    const boxes = await Promise.all([0, 1, 2].map((i) => tables.nth(i).boundingBox()));
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBe(1);
    for (const b of boxes) expect(b!.height).toBeLessThan(projector.height);
    expect(await plenary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      projector.width,
    );
    expect(await axeViolations(plenary)).toEqual([]);
    await plenary.screenshot({ path: join(ARTIFACTS, 'plenary.png') });
    await plenary.screenshot({ path: join(ARTIFACTS, 'plenary-full.png'), fullPage: true });

    // One table enlarged above the others, and back.
    await plenary.getByRole('button', { name: 'Vergroot tafel 2' }).click();
    const focused = tables.nth(1);
    expect(await focused.getByTestId('plenary-focus').textContent()).toBe('Alle tafels naast elkaar');
    const wide = (await focused.boundingBox())!;
    expect(wide.width).toBeGreaterThan(projector.width * 0.9);
    expect(wide.y).toBeLessThan((await tables.nth(0).boundingBox())!.y);
    await plenary.screenshot({ path: join(ARTIFACTS, 'plenary-focus.png') });
    await focused.getByTestId('plenary-focus').click();
    await eventually(
      async () => ((await focused.boundingBox())?.width ?? 0) < projector.width / 2,
      3000,
      'back side by side',
    );

    // Full screen, and back.
    await plenary.getByTestId('plenary-fullscreen').click();
    await eventually(() => plenary.evaluate(() => document.fullscreenElement !== null), 5000, 'full screen');
    await eventually(
      async () =>
        (await plenary.getByTestId('plenary-fullscreen').textContent()) === 'Volledig scherm sluiten',
      3000,
      'the button says how to leave full screen',
    );
    await plenary.getByTestId('plenary-fullscreen').click();
    await eventually(
      () => plenary.evaluate(() => document.fullscreenElement === null),
      5000,
      'out of full screen',
    );

    // A laptop: still side by side, still nothing cut off at the side.
    const laptop = { width: 1280, height: 800 };
    await plenary.setViewportSize(laptop);
    await eventually(
      async () => {
        const b = await Promise.all([0, 1, 2].map((i) => tables.nth(i).boundingBox()));
        return new Set(b.map((x) => Math.round(x!.y))).size === 1;
      },
      3000,
      'three maps in a row on a laptop',
    );
    expect(await plenary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      laptop.width,
    );
    await plenary.screenshot({ path: join(ARTIFACTS, 'plenary-laptop.png') });

    // The summary page holds the plenary too, and marks the shared cards on its maps.
    const summary = await lead.context.newPage();
    await summary.goto(overview.url().replace(/#/, '/samenvatting#'));
    const section = summary.getByTestId('summary-plenary');
    await section.waitFor({ timeout: 10_000 });
    expect(await section.textContent()).toContain(FIRST_STEP);
    expect(await section.textContent()).toContain(TAKE_AWAY);
    expect(await summary.getByTestId('summary-table').nth(0).locator('g.pk-shared').count()).toBe(
      cardsPerTable,
    );
    expect(await axeViolations(summary)).toEqual([]);
    await summary.screenshot({ path: join(ARTIFACTS, 'plenary-summary.png'), fullPage: true });

    for (const p of [lead, anna, cor]) await p.context.close();
  }, 180_000);
});
