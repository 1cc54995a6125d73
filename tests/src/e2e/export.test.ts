/**
 * Export as partners use it: PNG and SVG from a template room (for every role, also offline), and
 * a .patroonkaart.json file that imports back into a fresh room as the same map.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES } from '@patroonkaart/model';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();
const template = TEMPLATES.find((t) => t.id === 'structuur-lost-alles-op')!;

interface ExportChoice {
  format: 'PNG' | 'SVG' | 'Patroonkaart-bestand (.json)';
  scale?: '1x' | '2x' | '3x';
  background?: 'Wit' | 'Transparant';
}

async function exportFile(page: Page, choice: ExportChoice): Promise<{ name: string; data: Buffer }> {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByLabel(choice.format, { exact: true }).check();
  if (choice.scale) await dialog.getByLabel(choice.scale, { exact: true }).check();
  if (choice.background) await dialog.getByLabel(choice.background, { exact: true }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByTestId('export-run').click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: readFileSync(path) };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('export', () => {
  it('exports PNG at the chosen scale with the cards drawn, and transparent corners when asked', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await waitForCanvas(page);
    await page.getByTestId('loop-item').waitFor();

    const one = await exportFile(page, { format: 'PNG', scale: '1x', background: 'Wit' });
    const today = new Date();
    const ymd = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(one.name).toBe(`structuur-lost-alles-op-${ymd}.png`);
    writeFileSync(join(ARTIFACTS, 'export-structuur.png'), one.data);
    const png1 = PNG.sync.read(one.data);
    const two = PNG.sync.read(
      (await exportFile(page, { format: 'PNG', scale: '2x', background: 'Wit' })).data,
    );
    expect(Math.abs(two.width - 2 * png1.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(two.height - 2 * png1.height)).toBeLessThanOrEqual(1);
    expect(png1.width).toBeGreaterThan(600);

    // The step cards' fill (#fffdf6) covers a real area: six 260x150 cards, less their text.
    let cardPixels = 0;
    for (let i = 0; i < png1.data.length; i += 4) {
      if (png1.data[i] === 0xff && png1.data[i + 1] === 0xfd && png1.data[i + 2] === 0xf6) cardPixels++;
    }
    expect(cardPixels).toBeGreaterThan(6 * 260 * 150 * 0.5);
    expect(png1.data[3]).toBe(255); // white background: opaque corner

    const clear = PNG.sync.read(
      (await exportFile(page, { format: 'PNG', scale: '1x', background: 'Transparant' })).data,
    );
    const alphaAt = (x: number, y: number) => clear.data[(y * clear.width + x) * 4 + 3];
    expect([
      alphaAt(0, 0),
      alphaAt(clear.width - 1, 0),
      alphaAt(0, clear.height - 1),
      alphaAt(clear.width - 1, clear.height - 1),
    ]).toEqual([0, 0, 0, 0]);
    await context.close();
  });

  it('exports SVG with every step as text and a summary in <title> and <desc>, also for a viewer who is offline', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const { page, context } = await openPage(suite.browser, `${suite.server.url}${room.viewUrl}`);
    await waitForCanvas(page);
    await page.getByTestId('loop-item').waitFor();
    await context.setOffline(true);
    const { name, data } = await exportFile(page, { format: 'SVG' });
    expect(name.endsWith('.svg')).toBe(true);
    const svg = data.toString('utf8');
    writeFileSync(join(ARTIFACTS, 'export-structuur.svg'), data);
    expect(svg).toContain('<title id="pk-title">Structuur lost alles op</title>');
    const desc = decodeEntities(/<desc id="pk-desc">([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? '');
    // The loop's steps, in order, starting anywhere in the loop.
    const positions = template.steps.map((s) => desc.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    const start = positions.indexOf(Math.min(...positions));
    const rotated = [...positions.slice(start), ...positions.slice(0, start)];
    expect(rotated).toEqual([...rotated].sort((a, b) => a - b));
    // Text stays text: the words of every step are in <text> elements, not only in pixels.
    const texts = [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
      decodeEntities(m[1]!.replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const allText = texts.join(' | ');
    for (const step of template.steps) expect(allText).toContain(step);
    await context.close();
  });

  it('names in the legend every organisation that voted, also one that has left', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const lead = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`, undefined, {
      organisation: 'GGD regio Utrecht',
    });
    await waitForCanvas(lead.page);
    await lead.page.getByTestId('toggle-voting').click();
    const police = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
      name: 'Aylin',
      organisation: 'Politie',
    });
    await waitForCanvas(police.page);
    await police.page
      .getByTestId('map-vote-recognisable-pattern')
      .locator('button[data-value="yes"]')
      .click();
    await lead.page.getByTestId('open-results').click();
    await eventually(
      async () => ((await lead.page.getByTestId('results-view').textContent()) ?? '').includes('Politie'),
      5000,
      'the vote on the facilitator screen',
    );
    await lead.page.keyboard.press('Escape');
    await police.context.close();
    const svg = decodeEntities((await exportFile(lead.page, { format: 'SVG' })).data.toString('utf8'));
    const legend = /Organisaties:<\/tspan>([^<]*)</.exec(svg)?.[1] ?? '';
    expect(legend).toContain('Politie');
    expect(legend).toContain('GGD regio Utrecht');
    await lead.context.close();
  });

  it('round-trips a map through a .patroonkaart.json file into a fresh room, and refuses a corrupt file', async () => {
    const source = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${source.editUrl}`);
    await waitForCanvas(a.page);
    await a.page.getByTestId('add-behaviour-duiken').click();
    await eventually(async () => (await shapesOf(a.page)).some((s) => s.type === 'behaviour'));
    const file = await exportFile(a.page, { format: 'Patroonkaart-bestand (.json)' });
    expect(file.name.endsWith('.patroonkaart.json')).toBe(true);

    const target = await suite.server.createRoom('empty');
    const b = await openPage(suite.browser, `${suite.server.url}${target.editUrl}`);
    await waitForCanvas(b.page);
    expect(await shapesOf(b.page)).toHaveLength(0);

    // A corrupt file changes nothing and says why.
    await b.page.getByTestId('export-button').click();
    await b.page.getByTestId('import-file').setInputFiles({
      name: 'kapot.patroonkaart.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"patroon'),
    });
    expect(await b.page.getByTestId('export-message').textContent()).toContain('Er is niets veranderd');
    const tooNew = JSON.parse(file.data.toString('utf8'));
    tooNew.version = 99;
    await b.page.getByTestId('import-file').setInputFiles({
      name: 'nieuw.patroonkaart.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tooNew)),
    });
    expect(await b.page.getByTestId('export-message').textContent()).toContain('nieuwere versie');
    expect(await shapesOf(b.page)).toHaveLength(0);

    await b.page
      .getByTestId('import-file')
      .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.data });
    const describe = async (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as {
          __patroonkaart: {
            editor: {
              getCurrentPageShapes(): { id: string; type: string; props: Record<string, string> }[];
              getBindingsFromShape(id: string, t: string): { toId: string; props: { terminal: string } }[];
            };
          };
        };
        const { editor } = w.__patroonkaart;
        const shapes = editor.getCurrentPageShapes();
        const label = (id: string) => {
          const s = shapes.find((x) => x.id === id);
          return s ? `${s.type}:${s.props.text ?? s.props.name ?? ''}` : 'missing';
        };
        const arrows = shapes
          .filter((s) => s.type === 'arrow')
          .map((s) => {
            const b = editor.getBindingsFromShape(s.id, 'arrow');
            const end = (t: string) => label(b.find((x) => x.props.terminal === t)?.toId ?? '');
            return `${end('start')} -> ${end('end')}`;
          })
          .sort();
        const cards = shapes
          .filter((s) => s.type !== 'arrow')
          .map((s) => `${s.type}:${s.props.text ?? ''}:${s.props.utterance ?? ''}`)
          .sort();
        return { arrows, cards };
      });
    const expected = await describe(a.page);
    const imported = await eventually(async () => {
      const d = await describe(b.page);
      return d.cards.length === expected.cards.length ? d : null;
    });
    expect(imported).toEqual(expected);
    expect(expected.arrows).toHaveLength(6);

    // The landing page imports the same file into a new room of its own.
    const landing = await openPage(suite.browser, `${suite.server.url}/`);
    await landing.page
      .getByTestId('landing-import')
      .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.data });
    await landing.page.waitForURL(/\/r\//);
    await waitForCanvas(landing.page);
    const fresh = await eventually(async () => {
      const d = await describe(landing.page);
      return d.cards.length === expected.cards.length ? d : null;
    });
    expect(fresh).toEqual(expected);
    await landing.context.close();
    await a.context.close();
    await b.context.close();
  });
});
