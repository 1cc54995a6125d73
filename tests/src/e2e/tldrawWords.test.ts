/**
 * tldraw's own panels speak the partner's language: in Dutch, no label of the menus, the toolbar or
 * the style panel (with an arrow, a step and a bubble selected) is left in tldraw's English, and
 * there is no page menu (one map per room, so no "Pagina 1" to stay Dutch in English). Nor is there
 * "insert embed": the server's policy allows no frames.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, selectShapes, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';

const suite = useServerAndBrowser();

/** tldraw's English words, from its own translation file. */
function tldrawEnglish(): Set<string> {
  const require = createRequire(join(import.meta.dirname, '..', '..', '..', 'client', 'package.json'));
  const assets = dirname(require.resolve('@tldraw/assets/package.json'));
  const main = JSON.parse(readFileSync(join(assets, 'translations', 'main.json'), 'utf8')) as Record<
    string,
    string
  >;
  return new Set(Object.values(main));
}

/** Words that are the same in Dutch and English (or names a Dutch reader knows as they are). */
const SAME_IN_DUTCH = new Set([
  'Menu',
  'Hand',
  'Media',
  'Laser',
  'Sans',
  'Serif',
  'Mono',
  'Violet',
  'Status',
]);

async function labels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = [
      ...document.querySelectorAll('.tlui-style-panel *, .tlui-main-toolbar *, .tlui-menu-zone *'),
    ].flatMap((el) => [
      el.getAttribute('aria-label'),
      el.getAttribute('title'),
      el.childNodes.length === 1 && el.firstChild?.nodeType === 3 ? el.textContent : null,
    ]);
    // "Kleur — Zwart (gekozen)": the name before the shortcut or value.
    return [...new Set(texts.filter((t): t is string => Boolean(t)).flatMap((t) => t.split(' — ')))].map(
      (t) => t.replace(/ \(.*\)$/, '').trim(),
    );
  });
}

describe("tldraw's panels", () => {
  it('leave no English label in Dutch and show no page menu', async () => {
    const english = tldrawEnglish();
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, {
      width: 1440,
      height: 900,
    });
    await waitForCanvas(page);
    const seen = new Set<string>();
    for (const type of ['arrow', 'loop-step', 'behaviour']) {
      const id = await page.evaluate(
        (type) =>
          (
            window as unknown as {
              __patroonkaart: { editor: { getCurrentPageShapes(): { id: string; type: string }[] } };
            }
          ).__patroonkaart.editor
            .getCurrentPageShapes()
            .find((s) => s.type === type)?.id,
        type,
      );
      if (id) await selectShapes(page, id);
      await page.waitForTimeout(200);
      for (const label of await labels(page)) seen.add(label);
    }
    expect(seen.size).toBeGreaterThan(40);
    expect([...seen].filter((l) => /\p{L}/u.test(l) && english.has(l) && !SAME_IN_DUTCH.has(l))).toEqual([]);
    expect([...seen].filter((l) => /Pagina|Page \d/.test(l))).toEqual([]);
    await context.close();
  });

  it('offer no embed, which our policy would show as an empty box, and fetch none of its icons', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context, requests } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, {
      width: 1440,
      height: 900,
    });
    await waitForCanvas(page);
    await page.getByTestId('main-menu.button').click();
    // Uploading a picture stays; "Insluiting invoegen" is gone from the menu.
    await page.getByTestId('main-menu.insert-media').waitFor();
    expect(await page.getByTestId('main-menu.insert-embed').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'main-menu.png') });
    await page.keyboard.press('Escape');
    expect(requests.filter((url) => /\/(youtube|figma|spotify|google_maps)-[^/]*\.png$/.test(url))).toEqual(
      [],
    );
    await context.close();
  });
});
