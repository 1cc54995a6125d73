/**
 * New cards as a partner adds them through the palette, typing right after each click: every card
 * lands in free space beside what it belongs to, the typed text arrives in the new card, no click
 * adds two cards, no key switches a tldraw tool (no stray shape), and "Als lus schikken" keeps
 * every card clear of the others. Screenshots of each template after the additions and after
 * arranging are left in tests/artifacts/.
 */
import { join } from 'node:path';
import { TEMPLATES } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, selectShapes, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

interface Card {
  id: string;
  type: string;
  box: { minX: number; minY: number; maxX: number; maxY: number };
  text: string;
}

const CARD_TYPES = ['loop-step', 'behaviour', 'first-step', 'pattern-title'];

function cardsOf(page: Page): Promise<Card[]> {
  return page.evaluate((types) => {
    const editor = (
      window as unknown as {
        __patroonkaart: {
          editor: {
            getCurrentPageShapes(): { id: string; type: string; props: Record<string, unknown> }[];
            getShapePageBounds(id: string): { minX: number; minY: number; maxX: number; maxY: number };
          };
        };
      }
    ).__patroonkaart.editor;
    return editor
      .getCurrentPageShapes()
      .filter((s) => types.includes(s.type))
      .map((s) => {
        const b = editor.getShapePageBounds(s.id);
        const p = s.props;
        return {
          id: s.id,
          type: s.type,
          box: { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY },
          text: String(p.text ?? p.utterance ?? p.what ?? ''),
        };
      });
  }, CARD_TYPES);
}

function overlapping(cards: readonly Card[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < cards.length; i++)
    for (let j = i + 1; j < cards.length; j++) {
      const a = cards[i]!.box;
      const b = cards[j]!.box;
      if (a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY)
        found.push(
          `${cards[i]!.type} ${cards[i]!.text.slice(0, 20)} / ${cards[j]!.type} ${cards[j]!.text.slice(0, 20)}`,
        );
    }
  return found;
}

const allShapes = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as {
        __patroonkaart: { editor: { getCurrentPageShapes(): { id: string; type: string }[] } };
      }
    ).__patroonkaart.editor
      .getCurrentPageShapes()
      .map((s) => ({ id: s.id, type: s.type })),
  );
const allShapeTypes = async (page: Page) => (await allShapes(page)).map((s) => s.type);

/** The whole map in view, clear of the panels, as the room fits it when it opens. */
async function zoomToFit(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __patroonkaart: { fitMap(): void } }).__patroonkaart.fitMap();
  });
}

describe('cards fit their text', () => {
  it('grows a first step and a bubble with a long text, so the text never leaves its card', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context, consoleErrors } = await openPage(
      suite.browser,
      `${suite.server.url}${room.editUrl}`,
    );
    await waitForCanvas(page);
    const long =
      'Wij spreken af dat de gemeente, de politie en de GGD samen de eerste casus bespreken voordat iemand een nieuwe afspraak over rollen maakt, en dat wij dat binnen twee weken doen.';
    for (const [button, type] of [
      ['add-first-step', 'first-step'],
      ['add-behaviour-oreren', 'behaviour'],
    ] as const) {
      await page.getByTestId(button).click();
      await page.keyboard.type(long);
      // While typing, the card's text stays inside the card (and above a first step's "wie" line).
      const inside = await page.evaluate((t) => {
        const area = document.querySelector(`[data-shape-type="${t}"] textarea`);
        const card = area?.closest(`[data-shape-type="${t}"]`);
        if (!area || !card) return false;
        const box = card.getBoundingClientRect();
        const text = area.getBoundingClientRect();
        const who = card.querySelector('.pk-first__who')?.getBoundingClientRect();
        return (
          text.bottom <= box.bottom + 1 &&
          (!who || (text.bottom <= who.top + 1 && who.bottom <= box.bottom + 1))
        );
      }, type);
      expect(inside, type).toBe(true);
      expect(consoleErrors).toEqual([]);
      await page.keyboard.press('Escape');
    }
    const heights = (await cardsOf(page))
      .filter((c) => c.type === 'first-step' || c.type === 'behaviour')
      .filter((c) => c.text.startsWith('Wij spreken af'))
      .map((c) => [c.type, c.box.maxY - c.box.minY] as const);
    expect(heights.find(([t]) => t === 'first-step')![1]).toBeGreaterThan(140);
    expect(heights.find(([t]) => t === 'behaviour')![1]).toBeGreaterThan(130);
    await context.close();
  });
});

describe('where new cards land', () => {
  for (const template of TEMPLATES)
    it(`"${template.title}": ten cards added by palette and keyboard, none on another`, async () => {
      const room = await suite.server.createRoom(template.id);
      const { page, context, consoleErrors } = await openPage(
        suite.browser,
        `${suite.server.url}${room.editUrl}`,
        {
          width: 1440,
          height: 900,
        },
      );
      await waitForCanvas(page);
      const before = (await cardsOf(page)).length;
      // tldraw's style panel waits until there is something to style: it covered our legend.
      expect(await page.locator('.tlui-style-panel').count()).toBe(0);
      const typeAfter = async (testId: string, text: string) => {
        await page.getByTestId(testId).click();
        // Typed at once, as people do: a space once pressed the palette button again.
        await page.keyboard.type(text);
        await page.keyboard.press('Escape');
      };
      for (let i = 1; i <= 3; i++) await typeAfter('add-step', `Nieuwe stap ${i} met een zin`);
      for (let i = 1; i <= 3; i++)
        await typeAfter('add-behaviour-wachten-en-wijzen', `Wij wachten ${i} op de ander`);
      for (let i = 1; i <= 2; i++) await typeAfter('add-first-step', `Eerste stap ${i} samen zetten`);
      await typeAfter('add-behaviour-oreren', 'Ik leg het nog een keer uit');
      // "Stap invoegen" on an arrow of the loop: the ring makes room for it.
      const arrow = (await allShapes(page)).find((s) => s.type === 'arrow')!;
      await selectShapes(page, arrow.id);
      await typeAfter('insert-step', 'Een stap ertussen');
      const cards = await eventually(
        async () => {
          const c = await cardsOf(page);
          return c.length === before + 10 ? c : null;
        },
        5000,
        'ten new cards, one per click',
      );
      // The typed text arrived in each new card.
      for (const text of [
        'Nieuwe stap 1 met een zin',
        'Nieuwe stap 3 met een zin',
        'Wij wachten 2 op de ander',
        'Eerste stap 2 samen zetten',
        'Ik leg het nog een keer uit',
        'Een stap ertussen',
      ])
        expect(
          cards.some((c) => c.text.includes(text)),
          text,
        ).toBe(true);
      expect(overlapping(cards)).toEqual([]);
      await selectShapes(page, cards.find((c) => c.text.includes('Eerste stap 2'))!.id);
      await page.locator('.tlui-style-panel').waitFor();
      // No letter switched tldraw's tools: no rectangle, line or drawing appeared.
      expect((await allShapeTypes(page)).filter((t) => !['arrow', ...CARD_TYPES].includes(t))).toEqual([]);
      await page.keyboard.press('Escape');
      await zoomToFit(page);
      await page.screenshot({ path: join(ARTIFACTS, `placement-${template.id}.png`) });

      // "Als lus schikken" keeps every card clear of the others.
      await page
        .getByTestId('loop-panel')
        .getByRole('button', { name: /Als lus schikken/ })
        .first()
        .click();
      await page.waitForTimeout(300);
      expect(overlapping(await cardsOf(page))).toEqual([]);
      await zoomToFit(page);
      await page.screenshot({ path: join(ARTIFACTS, `placement-${template.id}-arranged.png`) });
      expect(consoleErrors).toEqual([]);
      await context.close();
    }, 60_000);
});
