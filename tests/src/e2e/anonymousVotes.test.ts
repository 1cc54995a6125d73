/**
 * Anonymous votes, as a table lives them: the facilitator opens voting "anoniem", every partner's
 * screen says plainly what that means, four first-time partners of three organisations vote, and
 * the results, the outcome and the raw document show tallies per organisation only: Gemeente
 * Utrecht (two voters) as itself, the two single voters together as "overige". No page, and no
 * client reading the document, finds a voter's name or author key beside a vote.
 */
import { join } from 'node:path';
import { authorKey } from '@patroonkaart/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

const suite = useServerAndBrowser();

const PARTNERS = [
  { name: 'Anna Verbeek', organisation: 'Gemeente Utrecht', vote: 'yes' },
  { name: 'Bram Smits', organisation: 'Gemeente Utrecht', vote: 'no' },
  { name: 'Carla Doorn', organisation: 'GGD regio Utrecht', vote: 'somewhat' },
  { name: 'Daan Hoek', organisation: 'Woonin', vote: 'somewhat' },
] as const;

async function secretOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('patroonkaart.user') ?? '{}').secret as string);
}

describe('anonymous votes', () => {
  it('count per organisation only, with single voters as "overige", and tie no vote to a person', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`, undefined, {
      name: 'Gespreksleider',
      organisation: 'Procesbegeleiding',
    });
    await waitForCanvas(lead.page);
    const partners = [];
    for (const p of PARTNERS) {
      const tracked = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
        name: p.name,
        organisation: p.organisation,
      });
      await waitForCanvas(tracked.page);
      partners.push({ ...p, ...tracked, author: await authorKey(await secretOf(tracked.page)) });
    }

    await lead.page.getByTestId('open-voting-anonymous').click();
    for (const p of partners) {
      // Said plainly on every screen while voting is open.
      await p.page.getByTestId('anonymous-voting').waitFor({ timeout: 10_000 });
      expect(await p.page.getByTestId('anonymous-voting').textContent()).toMatch(
        /Anoniem: niemand ziet wie wat stemt/,
      );
      await p.page
        .getByTestId('map-vote-recognisable-pattern')
        .locator(`button[data-value="${p.vote}"]`)
        .click();
      await expect
        .poll(() =>
          p.page
            .getByTestId('map-vote-recognisable-pattern')
            .locator(`button[data-value="${p.vote}"]`)
            .getAttribute('aria-pressed'),
        )
        .toBe('true');
    }
    await partners[0]!.page.screenshot({ path: join(ARTIFACTS, 'anonymous-voting.png') });

    // The results: Gemeente Utrecht's two votes as its own, the two single voters as "overige".
    await lead.page.getByTestId('open-results').click();
    const table = lead.page.getByTestId('results-view').getByTestId('vote-results');
    const text = await eventually(
      async () => {
        const t = (await table.textContent()) ?? '';
        return t.includes('overige') && t.includes('2 een beetje') ? t : null;
      },
      10_000,
      'Gemeente Utrecht and "overige" in the results',
    );
    expect(text).toContain('Gemeente Utrecht');
    expect(text).toContain('1 ja · 1 nee');
    for (const single of ['GGD regio Utrecht', 'Woonin']) expect(text).not.toContain(single);
    await lead.page.screenshot({ path: join(ARTIFACTS, 'anonymous-results.png') });
    await lead.page.keyboard.press('Escape');

    // The document as any client reads it: votes under ballot keys, without names.
    const raw = connectPeer(suite.server.wsUrl, room.roomId, room.tokens.view);
    await whenSynced(raw);
    // (The document keeps one entry per field of a record: { r: record id, f: field, v: value }.)
    const entries = raw.doc
      .getArray<{ r: string }>('entries')
      .toArray()
      .filter((e) => e.r.startsWith('vote:'));
    expect(new Set(entries.map((e) => e.r)).size).toBe(4);
    const votes = entries.map((e) => JSON.stringify(e));
    for (const p of partners) {
      for (const v of votes) {
        expect(v).not.toContain(p.name);
        expect(v).not.toContain(p.author);
      }
    }
    raw.destroy();

    // The outcome, on every screen after the end: the same tallies, no name beside a vote.
    for (let round = 1; round <= 5; round++) await lead.page.getByTestId('start-round').click();
    await lead.page.getByTestId('end-conversation').click();
    await lead.page.getByTestId('end-conversation-confirm').click();
    for (const page of [lead.page, partners[2]!.page]) {
      const outcome = page.getByTestId('outcome-view').getByTestId('summary-votes');
      const votesText = await eventually(
        async () => (await outcome.textContent()) ?? null,
        10_000,
        'the outcome',
      );
      expect(votesText).toContain('overige');
      for (const p of partners) expect(votesText).not.toContain(p.name);
      for (const single of ['GGD regio Utrecht', 'Woonin']) expect(votesText).not.toContain(single);
    }
    for (const p of [lead, ...partners]) expect(p.consoleErrors).toEqual([]);
    await Promise.all([lead, ...partners].map((p) => p.context.close()));
  });
});
