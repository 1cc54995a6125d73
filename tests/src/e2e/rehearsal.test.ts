/**
 * The rehearsal: one whole workshop as a facilitator runs it. Two tables, one facilitator, six
 * partners of three organisations, each in a browser of their own that opens its link for the
 * first time and answers "Hoe zien anderen jou?" as a person does. All five rounds: answers,
 * votes on the map, first steps with owners, the end of the conversation; then the outcome screen,
 * the summary page and the Markdown. Every answer and vote must carry its author's name and
 * organisation on every screen, and the tallies per organisation must be what was cast.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTemplate } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, shapesOf, type TrackedPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Value = 'yes' | 'somewhat' | 'no';
interface Partner {
  name: string;
  organisation: string;
  table: 0 | 1;
  /** "Herkenbaar?" for the pattern, and "Draagt mijn organisatie bij?" for step 1. */
  pattern: Value;
  contributes: Value;
}

const GGD = 'GGD regio Utrecht';
const GEMEENTE = 'Gemeente Utrecht';
const POLITIE = 'Politie Midden-Nederland';
const PARTNERS: Partner[] = [
  { name: 'Femke', organisation: GGD, table: 0, pattern: 'yes', contributes: 'somewhat' },
  { name: 'Joost', organisation: GEMEENTE, table: 0, pattern: 'yes', contributes: 'yes' },
  { name: 'Aylin', organisation: POLITIE, table: 0, pattern: 'no', contributes: 'no' },
  { name: 'Sanne', organisation: GGD, table: 1, pattern: 'somewhat', contributes: 'yes' },
  { name: 'Pieter', organisation: GEMEENTE, table: 1, pattern: 'yes', contributes: 'somewhat' },
  { name: 'Noor', organisation: POLITIE, table: 1, pattern: 'no', contributes: 'no' },
];
const WORD: Record<Value, string> = { yes: 'ja', somewhat: 'een beetje', no: 'nee' };
const TEMPLATE = getTemplate('structuur-lost-alles-op')!;

const answerOf = (p: Partner, round: number) => `${p.name} in ronde ${round}: dit herken ik.`;

/** "Gemeente Utrecht: 1 ja" for each organisation at a table, as the summaries write a tally. */
function expectedTallies(table: 0 | 1, pick: (p: Partner) => Value): string[] {
  return PARTNERS.filter((p) => p.table === table).map((p) => `${p.organisation}: 1 ${WORD[pick(p)]}`);
}

async function stepOneId(page: Page): Promise<string> {
  const shapes = await shapesOf(page);
  return shapes.find((s) => s.type === 'loop-step' && s.props.text === TEMPLATE.steps[0])!.id;
}

async function vote(page: Page, question: string, subject: string, value: Value): Promise<void> {
  const button = page.locator(
    `[data-testid="map-vote-${question}-${subject}"] button[data-value="${value}"]`,
  );
  await button.click();
  await eventually(
    async () => (await button.getAttribute('aria-pressed')) === 'true',
    5000,
    'my vote pressed',
  );
}

async function roundOnScreen(page: Page, round: number): Promise<void> {
  await eventually(
    async () => (await page.getByTestId(`round-${round}`).getAttribute('aria-current')) === 'step',
    10_000,
    `round ${round}`,
  );
}

describe('the rehearsal: a whole workshop', () => {
  it('holds up from the first minute to the summary, with the right names everywhere', async () => {
    // The facilitator prepares the workshop on the landing page.
    const lead = await openPage(suite.browser, `${suite.server.url}/`, undefined, {
      organisation: 'Procesbegeleiding',
    });
    await lead.page.getByTestId('workshop-tables').fill('2');
    await lead.page.getByTestId('create-workshop').click();
    await lead.page.getByTestId('confirm-workshop').click();
    await lead.page.waitForURL(/\/w\/[A-Za-z0-9_-]{22}#k=/);
    const overview = lead.page;
    const cards = overview.getByTestId('workshop-table');
    await eventually(async () => (await cards.count()) === 2, 10_000, 'two tables in the overview');
    await overview.getByTestId('keep-link').waitFor();
    const linkOf = async (table: number, kind: 'partner' | 'viewer') =>
      cards
        .nth(table)
        .locator(`#${kind}-${table + 1}`)
        .inputValue();
    const partnerLinks = [await linkOf(0, 'partner'), await linkOf(1, 'partner')];
    const tableLinks = await cards
      .getByTestId('join-table')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));

    // The facilitator also sits at each table (their own profile, asked once on this device).
    const leadAt: Page[] = [];
    for (const href of tableLinks) {
      const page = await lead.context.newPage();
      await page.goto(href);
      await waitForCanvas(page);
      if ((await page.getByTestId('profile-name').count()) > 0) {
        expect(await page.getByTestId('profile-name').inputValue()).toBe('Gespreksleider');
        await page.getByTestId('profile-organisation').fill('Procesbegeleiding');
        await page.getByRole('button', { name: 'Opslaan' }).click();
      }
      leadAt.push(page);
    }

    // Six partners open their link for the first time and answer the first-visit dialog.
    const people: TrackedPage[] = [];
    for (const p of PARTNERS)
      people.push(
        await openPage(suite.browser, partnerLinks[p.table]!, undefined, {
          name: p.name,
          organisation: p.organisation,
        }),
      );
    for (const page of people) await waitForCanvas(page.page);
    const pageOf = (p: Partner) => people[PARTNERS.indexOf(p)]!.page;
    await eventually(
      async () =>
        ((await cards.nth(1).getByTestId('table-people').textContent()) ?? '').includes(`Noor · ${POLITIE}`),
      10_000,
      'who is at table 2, as they introduced themselves',
    );

    // Rounds 1-5, led from the overview.
    const stepIds = [await stepOneId(pageOf(PARTNERS[0]!)), await stepOneId(pageOf(PARTNERS[3]!))];
    for (let round = 1; round <= 5; round++) {
      await overview.getByTestId('round-choice').selectOption(String(round));
      await overview.getByTestId('start-all').click();
      for (const page of people) await roundOnScreen(page.page, round);
      if (round === 2) {
        await overview.getByTestId('voting-all').click();
        for (const p of PARTNERS) {
          await pageOf(p).getByTestId('voting-banner').waitFor();
          await vote(pageOf(p), 'recognisable', 'pattern', p.pattern);
        }
        await pageOf(PARTNERS[0]!).screenshot({ path: join(ARTIFACTS, 'rehearsal-voting-on-the-map.png') });
      }
      if (round === 3)
        for (const p of PARTNERS) await vote(pageOf(p), 'contributes', stepIds[p.table]!, p.contributes);
      if (round === 4) {
        // At each table one partner names a first step; another says who takes it.
        for (const table of [0, 1] as const) {
          const [writer, owner] = PARTNERS.filter((p) => p.table === table);
          await pageOf(writer!).getByTestId('add-first-step').click();
          await pageOf(writer!).keyboard.type(`Eerste stap van tafel ${table + 1}`);
          await pageOf(writer!).keyboard.press('Escape');
          const who = pageOf(owner!).getByTestId('first-step-list').locator('input').first();
          await who.waitFor();
          await who.fill(owner!.organisation);
          await who.blur();
        }
      }
      for (const p of PARTNERS) {
        await pageOf(p).getByTestId('answer-input').fill(answerOf(p, round));
        await pageOf(p).getByTestId('answer-add').click();
      }
      if (round === 2) {
        await overview.screenshot({
          path: join(ARTIFACTS, 'rehearsal-overview-round-2.png'),
          fullPage: true,
        });
        // Every answer under its author's name and organisation, on the facilitator's screen.
        for (const table of [0, 1] as const) {
          for (const p of PARTNERS.filter((x) => x.table === table))
            await eventually(
              async () =>
                (await leadAt[table]!.getByTestId('answer').allTextContents()).some(
                  (t) => t.includes(answerOf(p, round)) && t.includes(p.name) && t.includes(p.organisation),
                ),
              10_000,
              `${p.name}'s answer under ${p.name} of ${p.organisation}`,
            );
          // The overview follows: the table's latest answers with their authors.
          await eventually(
            async () =>
              ((await cards.nth(table).getByTestId('table-answers').textContent()) ?? '').includes('('),
            10_000,
            'the latest answers in the overview',
          );
          const latest = (await cards.nth(table).getByTestId('table-answers').textContent()) ?? '';
          for (const p of PARTNERS.filter((x) => x.table === table)) expect(latest).toContain(p.organisation);
        }
      }
    }

    // The results in loop order, put on every screen by the facilitator of table 1.
    await leadAt[0]!.getByTestId('toggle-results').click();
    const results = pageOf(PARTNERS[1]!).getByTestId('results-view');
    await results.waitFor();
    await eventually(
      async () => {
        const text = (await results.textContent()) ?? '';
        return [GGD, GEMEENTE, POLITIE].every((o) => text.includes(o)) && text.includes('1 nee');
      },
      10_000,
      'the results view on a partner screen',
    );
    await pageOf(PARTNERS[1]!).screenshot({ path: join(ARTIFACTS, 'rehearsal-results.png') });
    await leadAt[0]!.getByTestId('hide-results-everywhere').click();
    await results.waitFor({ state: 'detached' });

    // The end of the conversation, at each table: every screen shows the outcome.
    for (const table of [0, 1] as const) {
      const page = leadAt[table]!;
      if ((await page.getByTestId('results-view').count()) > 0) await page.keyboard.press('Escape');
      await page.getByTestId('end-conversation').click();
      await page.getByTestId('end-keep-map-open').uncheck();
      await page.getByTestId('end-conversation-confirm').click();
    }
    const outcomes: string[] = [];
    for (const table of [0, 1] as const) {
      const partner = pageOf(PARTNERS.find((p) => p.table === table)!);
      const outcome = partner.getByTestId('outcome-view');
      await outcome.waitFor({ timeout: 10_000 });
      const text = (await outcome.textContent()) ?? '';
      outcomes.push(text);
      for (const p of PARTNERS.filter((x) => x.table === table)) {
        expect(text).toContain(`${answerOf(p, 5)} (${p.name}, ${p.organisation})`);
      }
      expect(text).toContain(`Eerste stap van tafel ${table + 1}`);
      expect(await partner.getByTestId('round-timer').count()).toBe(0);
      if (table === 0) await partner.screenshot({ path: join(ARTIFACTS, 'rehearsal-outcome.png') });
    }
    // With the map closed, a partner's canvas is read-only.
    const femke = pageOf(PARTNERS[0]!);
    await femke.keyboard.press('Escape');
    expect(await femke.getByTestId('add-step').count()).toBe(0);

    // The summary page: tallies per organisation equal what was cast; answers carry their authors.
    const summary = await lead.context.newPage();
    await summary.goto(overview.url().replace(/#/, '/samenvatting#'));
    await eventually(
      async () => (await summary.getByTestId('summary-table').count()) === 2,
      10_000,
      'two tables',
    );
    for (const table of [0, 1] as const) {
      const section = summary.getByTestId('summary-table').nth(table);
      const rows = await section.getByTestId('summary-votes').locator('tr').allTextContents();
      const patternRow = rows.find((r) => r.startsWith('Het patroon als geheel'))!;
      for (const tally of expectedTallies(table, (p) => p.pattern)) expect(patternRow).toContain(tally);
      const contributes = rows.find((r) => r.includes(TEMPLATE.steps[0]!) && r.includes('Draagt'))!;
      for (const tally of expectedTallies(table, (p) => p.contributes)) expect(contributes).toContain(tally);
      expect(rows.join('\n')).not.toContain('zonder organisatie');
      const text = (await section.textContent()) ?? '';
      for (const p of PARTNERS.filter((x) => x.table === table))
        for (const round of [1, 2, 3, 4, 5])
          expect(text).toContain(`${answerOf(p, round)} (${p.name}, ${p.organisation})`);
      // The outcome screen told the table the same story as the summary.
      const outcomeAnswers =
        outcomes[table]!.match(/[A-Z][a-z]+ in ronde 5: dit herken ik\. \([^)]*\)/g) ?? [];
      expect(outcomeAnswers).toHaveLength(3);
      for (const a of outcomeAnswers) expect(text).toContain(a);
      const firstSteps = (await section.getByTestId('summary-first-steps').textContent()) ?? '';
      expect(firstSteps).toContain(`Eerste stap van tafel ${table + 1}`);
      expect(outcomes[table]).toContain(firstSteps.split(' (')[0]!);
    }
    await summary.screenshot({ path: join(ARTIFACTS, 'rehearsal-summary.png'), fullPage: true });

    // The Markdown from the overview says the same.
    const [file] = await Promise.all([
      overview.waitForEvent('download'),
      overview.getByTestId('summary-markdown').click(),
    ]);
    const markdown = readFileSync((await file.path())!, 'utf8');
    writeFileSync(join(ARTIFACTS, 'rehearsal-summary.md'), markdown);
    for (const p of PARTNERS) expect(markdown).toContain(p.name);
    for (const table of [0, 1] as const)
      for (const tally of expectedTallies(table, (p) => p.pattern)) expect(markdown).toContain(tally);
    expect(markdown).not.toContain('zonder organisatie');

    for (const p of people) expect(p.consoleErrors).toEqual([]);
    for (const p of [lead, ...people]) await p.context.close();
  }, 300_000);
});
