/**
 * A silent round in real browsers: a facilitator and two partners arrive as first-time visitors
 * (answering "Hoe zien anderen jou?" through the UI), a viewer watches, and a raw partner client
 * speaks the README's contract (a plain y-websocket socket with a partner secret, and the HTTP API).
 * The facilitator makes round 3 silent; each partner's answer shows on their own page alone,
 * marked "nog verborgen", while every other page, every socket frame any page or the raw client
 * receives and every HTTP answer holds none of it, and the facilitator sees only how many wait. The
 * answers survive a restart of the server. At the reveal every page shows both, from one message.
 */
import { join } from 'node:path';
import { CONVERSATION_ID } from '@patroonkaart/model';
import { PARTNER_HEADER } from '@patroonkaart/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { axeViolations } from '../support/axe.ts';
import { ARTIFACTS, openPage, type TrackedPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { type RawSocket, rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import type { TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

const ANNA = 'Wij houden informatie achter tot de gemeente betaalt.';
const ANNA_EDITED = 'Wij houden informatie achter tot de gemeente betaalt, eerlijk gezegd.';
const BRAM = 'Onze directie wil geen pottenkijkers bij de casus.';
/** A part of every text that matters, as it travels (UTF-8; Yjs splits nothing of a JSON value). */
const MARKS = ['informatie achter', 'pottenkijkers'];

/** Every frame a page's sockets receive from now on (reconnections included), as text. */
function recordFrames(tracked: TrackedPage): string[] {
  const frames: string[] = [];
  tracked.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) =>
      frames.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')),
    ),
  );
  return frames;
}

/** Every answer a page gets from the hidden-answers API, as text. */
function recordHiddenAnswerCalls(tracked: TrackedPage): string[] {
  const bodies: string[] = [];
  tracked.page.on('response', (response) => {
    if (response.url().includes('/hidden-answers'))
      void response
        .text()
        .then((t) => bodies.push(t))
        .catch(() => {});
  });
  return bodies;
}

const rawText = (socket: RawSocket) => socket.received.map((d) => Buffer.from(d).toString('utf8')).join('\n');

const answerTexts = (page: Page) => page.getByTestId('answer').locator('.pk-answer__text').allTextContents();

async function reachRound(lead: Page, round: number): Promise<void> {
  for (let r = 1; r <= round; r++) {
    await lead.getByTestId('start-round').click();
    await eventually(
      async () => (await lead.getByTestId(`round-${r}`).getAttribute('aria-current')) === 'step',
      5000,
      `round ${r} started`,
    );
  }
}

describe('a silent round', () => {
  it('shows each partner only their own answers until the facilitator reveals them, then every page both', async () => {
    let server: TestServer = suite.server;
    const room = await server.createRoom('structuur-lost-alles-op');
    const url = (path: string) => `${server.url}${path}`;
    // The facilitator's screen a little taller, so the controls and the answers both show.
    const lead = await openPage(
      suite.browser,
      url(room.facilitatorUrl),
      { width: 1280, height: 960 },
      {
        name: 'Fenna',
        organisation: 'Gemeente Utrecht',
      },
    );
    const anna = await openPage(suite.browser, url(room.editUrl), undefined, {
      name: 'Anna',
      organisation: 'Gemeente Utrecht',
    });
    const bram = await openPage(suite.browser, url(room.editUrl), undefined, {
      name: 'Bram',
      organisation: 'Politie',
    });
    const viewer = await openPage(suite.browser, url(room.viewUrl), undefined, { name: 'Vera' });
    const pages = { lead, anna, bram, viewer };
    const frames = Object.fromEntries(Object.entries(pages).map(([who, p]) => [who, recordFrames(p)]));
    const calls = Object.fromEntries(
      Object.entries(pages).map(([who, p]) => [who, recordHiddenAnswerCalls(p)]),
    );
    await Promise.all(Object.values(pages).map((p) => waitForCanvas(p.page)));
    const rawSecret = 'raw-partner-secret-0123456789';
    let raw = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit, new Y.Doc(), { partner: rawSecret });
    const rawSockets: RawSocket[] = [raw];
    try {
      // Round 3 ("Draag jij of jouw organisatie bij…?") is made silent by the facilitator.
      await reachRound(lead.page, 3);
      await lead.page.getByTestId('silent-round').click();
      for (const { page } of Object.values(pages)) await page.getByTestId('silent-notice').waitFor();
      expect(await anna.page.getByTestId('silent-notice').textContent()).toContain('ziet alleen jij');
      // The facilitator's plan says which rounds are silent.
      await lead.page.getByTestId('round-plan').locator('summary').click();
      expect(await lead.page.getByTestId('plan-silent-3').isChecked()).toBe(true);
      expect(await lead.page.getByTestId('plan-silent-4').isChecked()).toBe(false);
      await lead.page.getByTestId('round-plan').locator('summary').click();

      // Each partner answers: on their own page it waits, marked "nog verborgen".
      for (const [page, text] of [
        [anna.page, ANNA],
        [bram.page, BRAM],
      ] as const) {
        await page.getByTestId('answer-input').fill(text);
        await page.getByTestId('answer-add').click();
        const mine = page.getByTestId('hidden-answer');
        await mine.waitFor();
        expect(await mine.textContent()).toContain(text);
        expect(await mine.textContent()).toContain('nog verborgen');
        expect(await page.getByTestId('answer-input').inputValue()).toBe('');
      }
      // The facilitator sees how many wait, and nothing of them.
      await eventually(
        async () => ((await lead.page.getByTestId('reveal-answers').textContent()) ?? '').includes('(2)'),
        5000,
        'two answers waiting on the facilitator’s button',
      );
      for (const { page } of Object.values(pages))
        await eventually(
          async () =>
            ((await page.getByTestId('silent-waiting').textContent()) ?? '').includes('2 antwoorden wachten'),
          5000,
          'the count on every page',
        );

      // Anna corrects hers before the reveal.
      const hers = anna.page.getByTestId('hidden-answer');
      await hers.getByRole('button', { name: 'Wijzig' }).click();
      await hers.locator('textarea').fill(ANNA_EDITED);
      await hers.getByRole('button', { name: 'Bewaar' }).click();
      await eventually(
        async () => ((await hers.textContent()) ?? '').includes('eerlijk gezegd'),
        5000,
        'the edited answer, still hidden',
      );

      // The raw partner asks the API: it gets only its own (none), and nothing without its secret.
      const api = `${server.url}/api/rooms/${room.roomId}/hidden-answers`;
      const own = await fetch(api, {
        headers: { authorization: `Bearer ${room.tokens.edit}`, [PARTNER_HEADER]: rawSecret },
      });
      expect(await own.json()).toEqual({ answers: [] });
      const bare = await fetch(api, { headers: { authorization: `Bearer ${room.tokens.edit}` } });
      expect(bare.status).toBe(400);
      expect(((await bare.json()) as { error: string }).error).toBe('partner-secret');
      // It cannot reveal (HTTP) nor end the silence or change the count in the document (4403).
      const reveal = await fetch(`${server.url}/api/rooms/${room.roomId}/rounds/3/reveal`, {
        method: 'POST',
        headers: { authorization: `Bearer ${room.tokens.edit}`, 'content-type': 'application/json' },
      });
      expect(reveal.status).toBe(403);
      const forger = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit, new Y.Doc(), {
        partner: rawSecret,
      });
      rawSockets.push(forger);
      forger.send(
        syncUpdate(
          updateOf(forger.doc, () =>
            records(forger.doc).setField(CONVERSATION_ID, 'waiting', [0, 0, 0, 0, 0]),
          ),
        ),
      );
      expect((await forger.closed).code).toBe(4403);

      await lead.page.getByTestId('reveal-answers').scrollIntoViewIfNeeded();
      for (const { page } of Object.values(pages)) await page.mouse.move(1150, 200);
      await lead.page.screenshot({ path: join(ARTIFACTS, 'silent-round-facilitator.png') });
      await anna.page.screenshot({ path: join(ARTIFACTS, 'silent-round-partner.png') });
      await bram.page.screenshot({ path: join(ARTIFACTS, 'silent-round-other-partner.png') });

      // Every screen of it passes axe (WCAG 2.1 A and AA), the plan's boxes open.
      expect(await axeViolations(anna.page), 'a partner with a waiting answer').toEqual([]);
      await lead.page.getByTestId('round-plan').locator('summary').click();
      expect(await axeViolations(lead.page), 'the facilitator in a silent round').toEqual([]);
      await lead.page.getByTestId('round-plan').locator('summary').click();

      // The server restarts while the answers wait: they are still there, and still hidden.
      await server.stop();
      server = await server.restart();
      await anna.page.reload();
      await waitForCanvas(anna.page);
      await eventually(
        async () =>
          ((await anna.page.getByTestId('hidden-answer').textContent()) ?? '').includes('eerlijk gezegd'),
        15_000,
        'Anna’s hidden answer after the restart',
      );
      await eventually(
        async () => ((await lead.page.getByTestId('reveal-answers').textContent()) ?? '').includes('(2)'),
        15_000,
        'two answers still waiting after the restart',
      );
      raw = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit, new Y.Doc(), { partner: rawSecret });
      rawSockets.push(raw);

      // Before the reveal: nobody received a word of another's answer.
      const others = { lead: MARKS, bram: [MARKS[0]!], anna: [MARKS[1]!], viewer: MARKS };
      for (const [who, marks] of Object.entries(others)) {
        const seen = [...frames[who]!, ...calls[who]!].join('\n');
        for (const mark of marks) expect(seen.includes(mark), `${who} received “${mark}”`).toBe(false);
        const page = pages[who as keyof typeof pages].page;
        for (const mark of marks)
          expect((await page.content()).includes(mark), `${who} shows “${mark}”`).toBe(false);
      }
      for (const socket of rawSockets)
        for (const mark of MARKS)
          expect(rawText(socket).includes(mark), `the raw client received “${mark}”`).toBe(false);
      expect(frames.lead!.length).toBeGreaterThan(0);

      // The reveal: every page shows both answers, from one message.
      await lead.page.getByTestId('reveal-answers').click();
      for (const [who, { page }] of Object.entries(pages))
        await eventually(
          async () => {
            const texts = await answerTexts(page);
            return texts.includes(ANNA_EDITED) && texts.includes(BRAM);
          },
          10_000,
          `both answers on ${who}’s page`,
        );
      await eventually(
        () => raw.received.some((d) => MARKS.every((m) => Buffer.from(d).toString('utf8').includes(m))),
        5000,
        'both answers in one message to the raw client',
      );
      for (const { page } of Object.values(pages)) {
        expect(await page.getByTestId('hidden-answer').count()).toBe(0);
        expect(await page.getByTestId('silent-notice').count()).toBe(0);
      }
      expect(await anna.page.getByTestId('silent-revealed').textContent()).toContain('getoond');
      // What the pages were sent is recorded: after the reveal it holds the answers.
      for (const who of ['lead', 'bram', 'viewer'])
        await eventually(
          () => frames[who]!.join('\n').includes(MARKS[0]!),
          5000,
          `${who} received the reveal`,
        );
      expect(calls.anna!.join('\n')).toContain('eerlijk gezegd');
      // Each answer once, with its author's name and organisation.
      expect((await answerTexts(bram.page)).filter((t) => t === ANNA_EDITED)).toHaveLength(1);
      expect(await bram.page.getByTestId('answer').filter({ hasText: ANNA_EDITED }).textContent()).toContain(
        'Gemeente Utrecht',
      );
      for (const { page } of Object.values(pages)) {
        await page.getByTestId('answer').last().scrollIntoViewIfNeeded();
        await page.mouse.move(1150, 200);
      }
      await lead.page.screenshot({ path: join(ARTIFACTS, 'silent-round-revealed-facilitator.png') });
      await bram.page.screenshot({ path: join(ARTIFACTS, 'silent-round-revealed-partner.png') });
      await viewer.page.screenshot({ path: join(ARTIFACTS, 'silent-round-revealed-viewer.png') });
      for (const p of Object.values(pages))
        expect(
          p.consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e)),
        ).toEqual([]);
    } finally {
      for (const socket of rawSockets) socket.ws.terminate();
      for (const p of Object.values(pages)) await p.context.close();
      if (server !== suite.server) await server.cleanup();
    }
  }, 180_000);
});
