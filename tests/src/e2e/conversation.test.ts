/**
 * The table conversation in real browsers: a facilitator and three partners from two
 * organisations. One partner's clock is 90 seconds fast; every screen must still show the same
 * round time. Votes show per organisation on every page, "Breng iedereen hierheen" moves the
 * partners' views, and a partner cannot start the timer (through the UI, nor a raw client).
 */
import { join } from 'node:path';
import { CONVERSATION_ID, defaultConversation, startRound } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Camera = { x: number; y: number; z: number };
type Handle = {
  __patroonkaart: {
    editor: {
      getCamera(): Camera;
      setCamera(c: Camera): void;
      getViewportPageBounds(): { center: { x: number; y: number } };
    };
  };
};

const seconds = async (page: Page) => {
  const text = (await page.getByRole('timer').textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return m! * 60 + s!;
};

const viewportCentre = (page: Page) =>
  page.evaluate(() => {
    const c = (window as unknown as Handle).__patroonkaart.editor.getViewportPageBounds().center;
    return { x: c.x, y: c.y };
  });

describe('the table conversation', () => {
  it('runs a round for a facilitator and three partners from two organisations', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const base = suite.server.url;
    const lead = await openPage(suite.browser, `${base}${room.facilitatorUrl}`, undefined, {
      name: 'Fenna',
      organisation: 'Gemeente Utrecht',
    });
    const partners = await Promise.all(
      [
        { name: 'Anna', organisation: 'Gemeente Utrecht' },
        { name: 'Bram', organisation: 'Politie' },
        { name: 'Cor', organisation: 'Politie' },
      ].map((profile) => openPage(suite.browser, `${base}${room.editUrl}`, undefined, profile)),
    );
    const [anna, bram, cor] = partners.map((p) => p.page) as [Page, Page, Page];
    // Cor's computer clock is 90 seconds fast.
    await cor.addInitScript(() => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + 90_000;
    });
    await cor.reload();
    const pages = [lead.page, anna, bram, cor];
    await Promise.all(pages.map((p) => waitForCanvas(p)));

    // A partner has no controls for the rounds.
    expect(await anna.getByTestId('start-round').count()).toBe(0);
    expect(await anna.getByTestId('facilitator-controls').count()).toBe(0);

    await lead.page.getByTestId('start-round').click();
    for (const page of pages) await page.getByRole('timer').waitFor();
    // Each screen corrects for its clock as soon as it has asked the server's time.
    const times = await eventually(
      async () => {
        const t = await Promise.all(pages.map(seconds));
        return Math.max(...t) - Math.min(...t) <= 1 ? t : null;
      },
      3000,
      'the same remaining time on every screen',
    );
    expect(Math.min(...times)).toBeGreaterThan(2 * 60 + 50); // the plan's 3 minutes of round 1
    expect(await anna.getByTestId('round-1').getAttribute('aria-current')).toBe('step');
    expect(await anna.getByRole('timer').getAttribute('aria-label')).toContain('ronde 1');

    await anna.reload();
    await waitForCanvas(anna);
    await anna.getByRole('timer').waitFor();
    await eventually(
      async () => {
        const t = await Promise.all([seconds(anna), seconds(bram), seconds(cor)]);
        return Math.max(...t) - Math.min(...t) <= 1;
      },
      3000,
      'the same remaining time after a reload',
    );

    // A raw client with a partner's link is refused when it writes the round itself.
    const rogue = await rawPeer(suite.server.wsUrl, room.roomId, room.tokens.edit);
    rogue.send(
      syncUpdate(
        updateOf(rogue.doc, () =>
          records(rogue.doc).set(CONVERSATION_ID, { ...startRound(defaultConversation(), 3, Date.now()) }),
        ),
      ),
    );
    expect((await rogue.closed).code).toBe(4403);
    expect(await bram.getByTestId('round-status').textContent()).toContain('Ronde 1 van 5');

    // Voting: open, each partner answers "Herkenbaar?" for the pattern.
    await lead.page.getByTestId('toggle-voting').click();
    const choices: [Page, string][] = [
      [anna, 'yes'],
      [bram, 'yes'],
      [cor, 'no'],
    ];
    for (const [page, value] of choices) {
      // The banner asks it on every screen, with three buttons.
      const buttons = page.getByTestId('map-vote-recognisable-pattern');
      await buttons.waitFor();
      await buttons.locator(`button[data-value="${value}"]`).click();
      await eventually(
        async () =>
          (await buttons.locator(`button[data-value="${value}"]`).getAttribute('aria-pressed')) === 'true',
        5000,
        'my vote pressed',
      );
    }
    // Under each step on the map: "Herkenbaar?" and "Draagt mijn organisatie hieraan bij?".
    const stepVote = bram.locator('[data-testid^="map-vote-recognisable-shape:"]').first();
    await stepVote.locator('button[data-value="somewhat"]').click();
    await lead.page.screenshot({ path: join(ARTIFACTS, 'voting-on-the-map.png') });
    for (const page of pages) {
      await page.getByTestId('open-results').click();
      const table = page.getByTestId('results-view').getByTestId('vote-results');
      await eventually(
        async () => {
          const text = (await table.textContent()) ?? '';
          return (
            text.includes('Gemeente Utrecht') && text.includes('Politie') && text.includes('1 ja · 1 nee')
          );
        },
        10_000,
        'the votes per organisation on every page',
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('results-view').waitFor({ state: 'detached' });
      await page.getByTestId('step-vote-badges').first().waitFor();
      expect(await page.getByTestId('step-vote-badges').first().textContent()).toContain(
        'Politie: 1 een beetje',
      );
    }

    // "Breng iedereen hierheen": the partners' views move to the facilitator's.
    await lead.page.evaluate(() => {
      (window as unknown as Handle).__patroonkaart.editor.setCamera({ x: -2400, y: -1800, z: 1 });
    });
    const target = await viewportCentre(lead.page);
    const before = await viewportCentre(bram);
    expect(Math.hypot(before.x - target.x, before.y - target.y)).toBeGreaterThan(500);
    await lead.page.getByTestId('summon').click();
    for (const page of [anna, bram, cor]) {
      await eventually(
        async () => {
          const c = await viewportCentre(page);
          return Math.hypot(c.x - target.x, c.y - target.y) < 50;
        },
        10_000,
        'the partner follows the facilitator',
      );
    }

    // The facilitator locks the template: on a partner's screen its steps can no longer be moved.
    await lead.page.getByTestId('toggle-lock').click();
    const lockedSteps = () =>
      bram.evaluate(() => {
        const editor = (
          window as unknown as {
            __patroonkaart: { editor: { getCurrentPageShapes(): { type: string; isLocked: boolean }[] } };
          }
        ).__patroonkaart.editor;
        const steps = editor.getCurrentPageShapes().filter((s) => s.type === 'loop-step');
        return steps.length > 0 && steps.every((s) => s.isLocked);
      });
    await eventually(lockedSteps, 5000, 'the template locked on a partner screen');
    await lead.page.getByTestId('toggle-lock').click();
    await eventually(async () => !(await lockedSteps()), 5000, 'the template unlocked again');

    // Every round, as a partner sees it.
    await lead.page.evaluate(() => {
      (window as unknown as Handle).__patroonkaart.editor.setCamera({ x: 0, y: 0, z: 0.8 });
    });
    // Bram looks around himself again: the whole map.
    await bram.evaluate(() => {
      const editor = (
        window as unknown as { __patroonkaart: { editor: { stopFollowingUser(): void; zoomToFit(): void } } }
      ).__patroonkaart.editor;
      editor.stopFollowingUser();
      editor.zoomToFit();
    });
    await bram.getByTestId('answer-input').fill('Herkenbaar: wij wachten vaak tot de gemeente aan zet is.');
    await bram.getByTestId('answer-add').click();
    await anna.getByTestId('answer').first().waitFor();
    for (let round = 1; round <= 5; round++) {
      if (round > 1) await lead.page.getByTestId('start-round').click();
      await eventually(
        async () => (await bram.getByTestId(`round-${round}`).getAttribute('aria-current')) === 'step',
        5000,
        `round ${round} on Bram's screen`,
      );
      if (round === 4) {
        // Round 4: a first step, and who takes it (an organisation of the room).
        await bram.getByTestId('add-first-step').click();
        const who = anna.getByTestId('first-step-list').locator('input').first();
        await who.waitFor();
        await who.fill('Politie');
        await who.blur();
        await eventually(
          async () =>
            (await bram.getByTestId('first-step-list').locator('input').first().inputValue()) === 'Politie',
          5000,
          "the first step's owner on another screen",
        );
      }
      await bram.screenshot({ path: join(ARTIFACTS, `conversation-round-${round}.png`) });
    }
    for (const p of [lead, ...partners]) await p.context.close();
  }, 120_000);

  it('asks a newcomer once for a name and an organisation, suggesting those already in the room', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const first = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
      name: 'Anna',
      organisation: 'Jeugdbescherming',
    });
    await waitForCanvas(first.page);
    const newcomer = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, 'ask');
    await waitForCanvas(newcomer.page);
    const dialog = newcomer.page.getByRole('dialog');
    await dialog.waitFor();
    await eventually(
      async () =>
        (
          await newcomer.page
            .locator('#profile-organisations option')
            .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))
        ).includes('Jeugdbescherming'),
      5000,
      'the organisations in the room as suggestions',
    );
    await newcomer.page.getByTestId('profile-name').fill('Daan');
    await newcomer.page.getByTestId('profile-organisation').fill('Woningcorporatie');
    await dialog.getByRole('button').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(
      async () =>
        ((await first.page.getByTestId('people-legend').textContent()) ?? '').includes('Woningcorporatie'),
      5000,
      'the newcomer and their organisation on the other screen',
    );
    await newcomer.page.reload();
    await waitForCanvas(newcomer.page);
    expect(await newcomer.page.getByRole('dialog').count()).toBe(0);
    await first.context.close();
    await newcomer.context.close();
  });
});
