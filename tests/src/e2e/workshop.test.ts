/**
 * A workshop of three tables in real browsers: the facilitator creates it from the landing page,
 * partners on two tables draw and vote, the overview follows live and starts rounds at every
 * table, and the summary (print page, PDF, Markdown) holds what the tables made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTemplate } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

const cards = (page: Page) => page.getByTestId('workshop-table');
const rectsIn = (page: Page, n: number) => cards(page).nth(n).locator('svg.pk-thumb rect').count();

describe('a workshop of tables', () => {
  it('shows three tables live, starts rounds at every table, and sums them up', async () => {
    const lead = await openPage(suite.browser, `${suite.server.url}/`, undefined, { name: 'Fenna' });
    // Clearing the field and typing 3 asks for 3 tables (it once became 13, and then 12).
    const tables = lead.page.getByTestId('workshop-tables');
    await tables.fill('');
    expect(await lead.page.getByTestId('workshop-count-problem').textContent()).toContain('1 tot en met 12');
    await tables.pressSequentially('3');
    expect(await tables.inputValue()).toBe('3');
    await tables.fill('13');
    expect(await lead.page.getByTestId('create-workshop').isDisabled()).toBe(true);
    await tables.fill('3');
    // Nothing is created before the facilitator has seen what will be.
    await lead.page.getByTestId('create-workshop').click();
    const preview = lead.page.getByTestId('workshop-preview');
    expect(await preview.locator('li').count()).toBe(3);
    await lead.page.getByTestId('confirm-workshop').click();
    await lead.page.waitForURL(/\/w\/[A-Za-z0-9_-]{22}#k=/);
    await eventually(
      async () => (await cards(lead.page).count()) === 3,
      10_000,
      'three tables in the overview',
    );
    const overviewUrl = lead.page.url();
    const partnerLinks = await cards(lead.page)
      .locator('input')
      .evaluateAll((inputs) =>
        inputs.map((i) => (i as HTMLInputElement).value).filter((v) => v.includes('/r/')),
      );
    // Per table: a partner link, then a viewer link.
    const editLink = (table: number) => partnerLinks[table * 2]!;

    const anna = await openPage(suite.browser, editLink(0), undefined, {
      name: 'Anna',
      organisation: 'Gemeente',
    });
    const bram = await openPage(suite.browser, editLink(0), undefined, {
      name: 'Bram',
      organisation: 'Politie',
    });
    const cor = await openPage(suite.browser, editLink(1), undefined, {
      name: 'Cor',
      organisation: 'Politie',
    });
    await Promise.all([anna, bram, cor].map((p) => waitForCanvas(p.page)));
    await eventually(
      async () =>
        ((await cards(lead.page).nth(0).getByTestId('table-people').textContent()) ?? '').includes(
          'Bram · Politie',
        ),
      5000,
      'who is at table 1',
    );

    // A partner draws: the overview's map of that table changes within two seconds.
    const before = await rectsIn(lead.page, 0);
    await anna.page.getByTestId('add-step').click();
    await eventually(
      async () => (await rectsIn(lead.page, 0)) === before + 1,
      2000,
      'the new step in the overview',
    );

    // Rounds at every table, and voting opened everywhere from the overview.
    await lead.page.getByTestId('start-all').click();
    await lead.page.getByTestId('voting-all').click();
    for (const page of [anna.page, cor.page])
      await eventually(async () =>
        (await page.getByTestId('round-status').textContent())?.includes('Ronde 1 van 5'),
      );
    for (const [page, value] of [
      [anna.page, 'yes'],
      [bram.page, 'no'],
      [cor.page, 'somewhat'],
    ] as const) {
      await page
        .getByTestId('map-vote-recognisable-pattern')
        .locator(`button[data-value="${value}"]`)
        .click();
    }
    await eventually(
      async () => {
        const text = (await cards(lead.page).nth(0).getByTestId('table-votes').textContent()) ?? '';
        return text.includes('2') && text.includes('Gemeente: 1 ja') && text.includes('Politie: 1 nee');
      },
      5000,
      'two votes at table 1 in the overview, per organisation',
    );
    await lead.page.getByTestId('round-choice').selectOption('2');
    await lead.page.getByTestId('start-all').click();
    await eventually(
      async () => {
        const rounds = await cards(lead.page).getByTestId('table-round').allTextContents();
        return (
          rounds.length === 3 && rounds.every((r) => r.includes('Ronde 2 van 5') && /0[23]:\d\d/.test(r))
        );
      },
      3000,
      'round 2 with its time at all three tables',
    );
    await eventually(async () =>
      (await cor.page.getByTestId('round-status').textContent())?.includes('Ronde 2 van 5'),
    );

    // Table 1 names a first step and who takes it.
    await anna.page.getByTestId('add-first-step').click();
    const who = anna.page.getByTestId('first-step-list').locator('input').first();
    await who.fill('Politie');
    await who.blur();
    await anna.page.waitForTimeout(300); // the binding writes at the next frame

    await lead.page.screenshot({ path: join(ARTIFACTS, 'workshop-overview.png'), fullPage: true });

    // The summary, as a page to print: every table, steps in loop order, votes, first steps.
    const summary = await lead.context.newPage();
    await summary.goto(overviewUrl.replace(/#/, '/samenvatting#'));
    await eventually(
      async () => (await summary.getByTestId('summary-table').count()) === 3,
      10_000,
      'three tables',
    );
    const first = summary.getByTestId('summary-table').nth(0);
    const steps = await first.getByTestId('summary-steps').locator('li').allTextContents();
    expect(steps).toEqual([...getTemplate('structuur-lost-alles-op')!.steps]);
    const votes = (await first.getByTestId('summary-votes').textContent()) ?? '';
    expect(votes).toContain('Gemeente: 1 ja');
    expect(votes).toContain('Politie: 1 nee');
    expect(await first.getByTestId('summary-first-steps').textContent()).toContain('wie: Politie');
    // The print page shows each table's map: an SVG with a card per step.
    expect(await first.locator('.pk-summary__map svg rect').count()).toBeGreaterThanOrEqual(steps.length);
    await summary.screenshot({ path: join(ARTIFACTS, 'workshop-summary.png'), fullPage: true });
    const pdf = await summary.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'workshop-summary.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(3);

    // The same summary as Markdown, from the overview.
    const [file] = await Promise.all([
      lead.page.waitForEvent('download'),
      lead.page.getByTestId('summary-markdown').click(),
    ]);
    const markdown = readFileSync((await file.path())!, 'utf8');
    writeFileSync(join(ARTIFACTS, 'workshop-summary.md'), markdown);
    for (const n of [1, 2, 3]) expect(markdown).toContain(`## Tafel ${n}:`);
    expect(markdown).toContain('1. Er doet zich een complex vraagstuk voor.');
    expect(markdown).toContain('Politie: 1 nee');
    // Each table's map picture, drawn by the page's own react-dom: a standalone SVG with the steps.
    const pictures = [...markdown.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map((m) =>
      Buffer.from(m[1]!, 'base64').toString('utf8'),
    );
    expect(pictures).toHaveLength(3);
    expect(pictures[0]).toContain('<svg xmlns="http://www.w3.org/2000/svg" ');
    expect((pictures[0]!.match(/<rect/g) ?? []).length).toBeGreaterThanOrEqual(
      getTemplate('structuur-lost-alles-op')!.steps.length,
    );
    for (const p of [lead, anna, bram, cor]) await p.context.close();
  }, 120_000);
});
