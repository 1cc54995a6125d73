/**
 * Polarity and loop type in real browsers: marking one arrow of a loop "−" and the rest "+" makes
 * the loop balancing on every page; a fresh template room shows its behaviours as speech bubbles
 * linked to the steps where they are heard.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, linksOf, openPage, selectShapes, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Handle = { __patroonkaart: { editor: { select(id: string): void; selectNone(): void } } };
const select = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    (window as unknown as Handle).__patroonkaart.editor.select(shapeId);
  }, id);

describe('polarity and loop type', () => {
  it('names a loop with one "−" arrow balancing, on both pages', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const loopType = (page: Page) => page.getByTestId('loop-type').first().getAttribute('data-type');
    expect(await loopType(a.page)).toBe('?');
    const arrows = (await shapesOf(a.page)).filter((s) => s.type === 'arrow');
    expect(arrows.length).toBe(6);
    for (const [i, arrow] of arrows.entries()) {
      await select(a.page, arrow.id);
      await a.page.getByTestId(i === 2 ? 'arrow-sign-minus' : 'arrow-sign-plus').click();
    }
    for (const page of [a.page, b.page])
      await eventually(async () => (await loopType(page)) === 'B', 5000, 'balancing on both pages');
    expect(await b.page.getByTestId('loop-type').first().textContent()).toContain('balancerend');
    // The sign is the arrow's label too, so the canvas and exports show it.
    const labelled = (await shapesOf(b.page)).filter(
      (s) => s.type === 'arrow' && JSON.stringify(s.props).includes('−'),
    );
    expect(labelled).toHaveLength(1);
    await select(a.page, arrows[2]!.id);
    await a.page.getByTestId('arrow-sign-plus').click();
    await eventually(async () => (await loopType(b.page)) === 'R', 5000, 'reinforcing once every sign is +');
    await a.context.close();
    await b.context.close();
  });

  it('opens the third template with every behaviour a speech bubble linked to its step', async () => {
    const room = await suite.server.createRoom('van-niemand-en-toch-van-iedereen');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await waitForCanvas(page);
    const shapes = await shapesOf(page);
    const steps = new Map(
      shapes.filter((s) => s.type === 'loop-step').map((s) => [s.id, s.props.text as string]),
    );
    const linked = await linksOf(page);
    const links = Object.fromEntries(
      shapes.filter((s) => s.type === 'behaviour').map((s) => [s.props.name, steps.get(linked[s.id]!)]),
    );
    expect(links).toEqual({
      'Wachten en wijzen': 'Gevoel van onbegrip en frustratie zet vertrouwen in elkaar onder druk.',
      Afbakenen:
        'Niet duidelijk wat anderen kunnen, willen en mogen. Aannames en verwachtingen worden niet getoetst.',
      Duiken: 'Partijen werken binnen en buiten hun organisatie ieder voor zich.',
      Oreren: 'Gezamenlijk beeld, doel en aanpak ontbreken.',
      Evalueren: 'Escalatie in de samenwerking.',
    });
    // Every bubble draws its tail.
    expect(await page.locator('[data-shape-type="behaviour"] .pk-connector polygon').count()).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, 'template-van-niemand.png') });
    await context.close();
  });

  it('removes the link of a bubble on both pages when a partner deletes its step', async () => {
    const room = await suite.server.createRoom('van-niemand-en-toch-van-iedereen');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const oreren = (await shapesOf(a.page)).find((s) => s.type === 'behaviour' && s.props.name === 'Oreren')!;
    const step = (await linksOf(a.page))[oreren.id]!;
    expect(step).toMatch(/^shape:/);
    await select(a.page, step);
    await a.page.keyboard.press('Delete');
    for (const page of [a.page, b.page])
      await eventually(
        async () => {
          const shapes = await shapesOf(page);
          const bubble = shapes.find((s) => s.id === oreren.id);
          return !shapes.some((s) => s.id === step) && bubble && !(oreren.id in (await linksOf(page)));
        },
        5000,
        'the step gone and the bubble unlinked on both pages',
      );
    // The bubble still speaks: its tail now points down and left.
    expect(await b.page.locator(`[data-shape-id="${oreren.id}"] .pk-connector polygon`).count()).toBe(1);
    await a.context.close();
    await b.context.close();
  });

  it('pastes a copied step with its bubble with the link intact, on both pages', async () => {
    const room = await suite.server.createRoom('van-niemand-en-toch-van-iedereen');
    const a = await openPage(
      suite.browser,
      `${suite.server.url}${room.editUrl}`,
      undefined,
      {},
      {
        permissions: ['clipboard-read', 'clipboard-write'],
      },
    );
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const oreren = (await shapesOf(a.page)).find((s) => s.type === 'behaviour' && s.props.name === 'Oreren')!;
    const step = (await linksOf(a.page))[oreren.id]!;
    // What tldraw's paste does with copied content (the clipboard itself is not what is tested).
    await a.page.evaluate(
      (ids) => {
        const { editor } = (
          window as unknown as {
            __patroonkaart: {
              editor: {
                getContentFromCurrentPage(ids: string[]): unknown;
                putContentOntoCurrentPage(c: unknown): void;
              };
            };
          }
        ).__patroonkaart;
        editor.putContentOntoCurrentPage(editor.getContentFromCurrentPage(ids));
      },
      [oreren.id, step],
    );
    for (const page of [a.page, b.page]) {
      const copy = await eventually(
        async () => {
          const shapes = await shapesOf(page);
          const bubble = shapes.find(
            (s) => s.type === 'behaviour' && s.props.name === 'Oreren' && s.id !== oreren.id,
          );
          const links = await linksOf(page);
          const target = bubble && shapes.find((s) => s.id === links[bubble.id]);
          return bubble && target ? { bubble, target } : null;
        },
        5000,
        'the pasted bubble linked to the pasted step',
      );
      expect(copy.target.id).not.toBe(step);
      expect(copy.target.props.text).toBe('Gezamenlijk beeld, doel en aanpak ontbreken.');
    }
    await a.context.close();
    await b.context.close();
  });

  it('duplicates a bubble with its step (Ctrl+D): the copy is linked to the copied step', async () => {
    const room = await suite.server.createRoom('van-niemand-en-toch-van-iedereen');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const duiken = (await shapesOf(a.page)).find((s) => s.type === 'behaviour' && s.props.name === 'Duiken')!;
    const step = (await linksOf(a.page))[duiken.id]!;
    await selectShapes(a.page, duiken.id, step);
    await a.page.locator('.tl-canvas').focus();
    await a.page.keyboard.press('Control+d');
    for (const page of [a.page, b.page]) {
      const copy = await eventually(
        async () => {
          const shapes = await shapesOf(page);
          const links = await linksOf(page);
          const bubble = shapes.find((s) => s.props.name === 'Duiken' && s.id !== duiken.id);
          const target = bubble && shapes.find((s) => s.id === links[bubble.id]);
          return target ? { target, original: links[duiken.id] } : null;
        },
        5000,
        'the duplicated bubble linked to the duplicated step',
      );
      expect(copy.target.id).not.toBe(step);
      expect(copy.target.props.text).toBe(
        'Partijen werken binnen en buiten hun organisatie ieder voor zich.',
      );
      expect(copy.original).toBe(step);
    }
    await a.context.close();
    await b.context.close();
  });
});
