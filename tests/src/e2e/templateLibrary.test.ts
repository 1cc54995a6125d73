/**
 * The template library in real browsers, on a server that asks for a creation code: a facilitator
 * rewords a step and adds a behaviour, then saves the room's map as a template through "Bewaar als
 * sjabloon". On another page the landing page offers it beside the seed loops, and a room started
 * from it has the same texts and loop; after a restart of the server it is still offered and still
 * gives the same map. Exported as a file and imported again, it is a second entry; a workshop's
 * overview and summary name the templates its tables started from; removing one asks first (a
 * wrong code removes nothing) and then it is gone, and the overview says so in plain words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTemplate, readLoopMap } from '@patroonkaart/model';
import type { LibraryList, MapFile } from '@patroonkaart/protocol';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { ARTIFACTS, openPage, shapesOf, type TrackedPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import type { TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

const CODE = 'sesam-open-u';
const suite = useServerAndBrowser({ ROOM_CREATION_CODE: CODE });

const SEED = getTemplate('structuur-lost-alles-op')!;
const REWORDED = 'Wij leggen alles vast in een nieuw overleg';
const NAME = 'Ons overlegpatroon';
const DESCRIPTION = 'Structuur lost alles op, met ons eigen overleg als tweede stap';

type Rec = Record<string, unknown>;
type Handle = {
  __patroonkaart: {
    editor: {
      store: { allRecords(): unknown[] };
      pageToViewport(p: { x: number; y: number }): { x: number; y: number };
      getShapePageBounds(id: string): { center: { x: number; y: number } };
    };
  };
};

const recordsOf = (page: Page) =>
  page.evaluate(
    () =>
      JSON.parse(
        JSON.stringify((window as unknown as Handle).__patroonkaart.editor.store.allRecords()),
      ) as Rec[],
  );

/** What a map says, ids aside: its title, steps in canvas order, the loop, each bubble at its step. */
async function mapOf(page: Page) {
  const map = readLoopMap(await recordsOf(page));
  const text = new Map(map.steps.map((s) => [s.id, s.text]));
  return {
    title: map.title,
    steps: map.steps.map((s) => s.text),
    loops: map.loops.map((l) => l.steps.map((id) => text.get(id))),
    bubbles: map.bubbles.map((b) => [b.kind, b.step ? text.get(b.step) : null]),
  };
}

const centreOf = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    const { editor } = (window as unknown as Handle).__patroonkaart;
    return editor.pageToViewport(editor.getShapePageBounds(shapeId).center);
  }, id);

/** The landing page as a first-time visitor, with the creation code typed into its field. */
async function landing(server: TestServer, name: string): Promise<TrackedPage> {
  const tracked = await openPage(suite.browser, `${server.url}/`, { width: 1280, height: 900 }, { name });
  await tracked.page.getByLabel('Code om een sessie te starten').fill(CODE);
  return tracked;
}

/** Starts a room from a card of the landing page and waits for its canvas. */
async function startFrom(page: Page, templateId: string): Promise<void> {
  await page.locator(`button.pk-template[data-template="${templateId}"]`).click();
  await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}#k=/, { timeout: 10_000 });
  await waitForCanvas(page);
}

/** Waits until the elements' texts are these, saying what it saw when they never are. */
async function texts(locator: Locator, expected: string[], what: string, timeoutMs = 10_000): Promise<void> {
  let seen: string[] = [];
  await eventually(
    async () => {
      seen = await locator.allTextContents();
      return JSON.stringify(seen) === JSON.stringify(expected);
    },
    timeoutMs,
    () => `${what} (saw ${JSON.stringify(seen)})`,
  );
}

const library = async (server: TestServer) =>
  ((await (await fetch(`${server.url}/api/library`)).json()) as LibraryList).templates;

describe('the template library', () => {
  it('saves a map as a template, offers it everywhere, survives a restart, travels as a file, and is removed', async () => {
    let server: TestServer = suite.server;
    const pages: TrackedPage[] = [];
    try {
      // The facilitator starts from a seed loop, rewords its second step and adds a behaviour.
      const lead = await landing(server, 'Fenna');
      pages.push(lead);
      await startFrom(lead.page, SEED.id);
      const second = (await shapesOf(lead.page)).find(
        (s) => s.type === 'loop-step' && s.props.text === SEED.steps[1],
      )!;
      const at = await centreOf(lead.page, second.id);
      await lead.page.mouse.dblclick(at.x, at.y);
      await lead.page.locator('textarea.pk-textarea').waitFor();
      await lead.page.keyboard.press('Control+A');
      await lead.page.keyboard.type(REWORDED, { delay: 5 });
      await lead.page.keyboard.press('Escape');
      const bubblesBefore = (await mapOf(lead.page)).bubbles.length;
      await lead.page.getByTestId('add-behaviour-oreren').click();
      const made = await eventually(
        async () => {
          const map = await mapOf(lead.page);
          return map.steps.includes(REWORDED) && map.bubbles.length === bubblesBefore + 1 ? map : null;
        },
        5000,
        'the reworded step and the new behaviour',
      );
      expect(made.loops[0]).toContain(REWORDED);
      expect(made.bubbles.filter(([kind]) => kind === 'oreren').length).toBeGreaterThan(0);
      // Everything on the server before the map is taken from there.
      await eventually(
        async () =>
          (await lead.page.getByTestId('pending-changes').count()) === 0 &&
          (await lead.page.getByTestId('connection-status').getAttribute('data-status')) === 'online',
        5000,
        'no change waiting',
      );

      // "Bewaar als sjabloon", from "Geschiedenis" (the bar has no room for another button): a name
      // (the map's title to begin with) and a line of description.
      await lead.page.getByTestId('history-button').click();
      await lead.page.getByTestId('history-dialog').getByTestId('save-template-button').click();
      const dialog = lead.page.getByTestId('save-template-dialog');
      const name = dialog.getByTestId('save-template-name');
      expect(await name.inputValue()).toBe(SEED.title);
      // No name: said in plain words, nothing saved.
      await name.fill('');
      await dialog.getByTestId('save-template-submit').click();
      expect(await dialog.getByTestId('save-template-problem').textContent()).toBe(
        'Geef het sjabloon een naam.',
      );
      expect(await library(server)).toEqual([]);
      await name.fill(NAME);
      expect(await dialog.getByTestId('save-template-problem').count()).toBe(0);
      await dialog.getByTestId('save-template-description').fill(DESCRIPTION);
      await lead.page.screenshot({ path: join(ARTIFACTS, 'template-library-save.png') });
      await dialog.getByTestId('save-template-submit').click();
      const done = dialog.getByTestId('save-template-done');
      await done.waitFor();
      expect(await done.textContent()).toBe(`Bewaard als sjabloon: “${NAME}”, ${made.steps.length} stappen.`);
      expect(await dialog.getByTestId('save-template-landing').getAttribute('href')).toBe('/');
      await lead.page.screenshot({ path: join(ARTIFACTS, 'template-library-saved.png') });
      const [saved] = await library(server);
      expect(saved).toMatchObject({ name: NAME, description: DESCRIPTION, stepCount: made.steps.length });
      const savedId = saved!.id;

      // Another page: the landing page offers it beside the seed loops, with its picture.
      const other = await landing(server, 'Gert');
      pages.push(other);
      const card = other.page.locator(`[data-testid="saved-template"][data-template="${savedId}"]`);
      await card.waitFor();
      expect(await card.locator('.pk-template__title').textContent()).toBe(NAME);
      expect(await card.locator('.pk-template__hint').textContent()).toBe(DESCRIPTION);
      expect(await card.locator('.pk-template__meta').textContent()).toBe(`${made.steps.length} stappen`);
      await eventually(
        async () => (await card.locator('svg.pk-thumb rect').count()) >= made.steps.length,
        5000,
        'the picture of the map on its card',
      );
      await other.page.screenshot({ path: join(ARTIFACTS, 'template-library-landing.png'), fullPage: true });
      expect(await axeViolations(other.page)).toEqual([]);
      // The workshop form offers it too.
      expect(
        await other.page
          .getByLabel('Sjabloon van tafel 1')
          .locator(`option[value="${savedId}"]`)
          .textContent(),
      ).toBe(NAME);
      await startFrom(other.page, savedId);
      expect(await mapOf(other.page)).toEqual(made);

      // After a restart of the server: still offered, still the same map.
      for (const p of pages.splice(0)) {
        expect(p.consoleErrors, 'console errors before the restart').toEqual([]);
        await p.context.close();
      }
      await server.stop();
      server = await server.restart();
      const after = await landing(server, 'Hanna');
      pages.push(after);
      await after.page.locator(`[data-testid="saved-template"][data-template="${savedId}"]`).waitFor();
      await startFrom(after.page, savedId);
      expect(await mapOf(after.page)).toEqual(made);

      // Exported as a file and imported again: a second entry, with the same name and map.
      const manager = await landing(server, 'Ids');
      pages.push(manager);
      const manage = manager.page.getByTestId('library-manage');
      const entries = manage.getByTestId('library-entry');
      await eventually(async () => (await entries.count()) === 1, 5000, 'one template to manage');
      const [download] = await Promise.all([
        manager.page.waitForEvent('download'),
        entries.first().getByTestId('library-export').click(),
      ]);
      expect(download.suggestedFilename()).toBe('ons-overlegpatroon.patroonkaart.json');
      const file = join(ARTIFACTS, 'template-library-export.patroonkaart.json');
      await download.saveAs(file);
      const exported = JSON.parse(readFileSync(file, 'utf8')) as MapFile;
      expect(exported.template).toEqual({ name: NAME, description: DESCRIPTION });
      await manage.getByTestId('library-import').setInputFiles(file);
      await eventually(async () => (await entries.count()) === 2, 5000, 'two templates to manage');
      expect(await manage.getByTestId('library-done').textContent()).toBe(
        `Geïmporteerd als sjabloon: “${NAME}”.`,
      );
      const listed = await library(server);
      expect(listed.map((t) => t.name)).toEqual([NAME, NAME]);
      const importedId = listed[0]!.id;
      expect(importedId).not.toBe(savedId);
      expect(await manager.page.getByTestId('saved-template').count()).toBe(2);

      // A workshop of two tables, one from each: its overview and summary name them.
      const chair = await landing(server, 'Joke');
      pages.push(chair);
      await chair.page.getByTestId('workshop-tables').fill('2');
      await chair.page.getByLabel('Sjabloon van tafel 1').selectOption(savedId);
      await chair.page.getByLabel('Sjabloon van tafel 2').selectOption(importedId);
      await chair.page.getByTestId('create-workshop').click();
      expect(await chair.page.getByTestId('workshop-preview').locator('li').allTextContents()).toEqual([
        `Tafel 1: ${NAME}`,
        `Tafel 2: ${NAME}`,
      ]);
      await chair.page.getByTestId('confirm-workshop').click();
      await chair.page.waitForURL(/\/w\/[A-Za-z0-9_-]{22}#k=/);
      const named = chair.page.getByTestId('table-template');
      await texts(named, [`Begonnen met: ${NAME}`, `Begonnen met: ${NAME}`], 'both tables named');
      const overviewUrl = chair.page.url();
      const summaryUrl = overviewUrl.replace(/#/, '/samenvatting#');

      // Removing asks first; nothing is gone before the answer, nor with a wrong code.
      const imported = manage.locator(`[data-testid="library-entry"][data-template="${importedId}"]`);
      await imported.getByTestId('library-remove').click();
      const question = imported.getByTestId('library-remove-question');
      expect(await question.locator('p').textContent()).toContain(`Sjabloon “${NAME}” verwijderen?`);
      expect((await library(server)).length).toBe(2);
      await manager.page.getByLabel('Code om een sessie te starten').fill('fout');
      await question.getByTestId('library-remove-confirm').click();
      await manage.getByTestId('library-problem').waitFor();
      expect(await manage.getByTestId('library-problem').textContent()).toBe(
        'Dat lukte niet. De code om een sessie te starten ontbreekt of klopt niet.',
      );
      expect((await library(server)).length).toBe(2);
      await manager.page.getByLabel('Code om een sessie te starten').fill(CODE);
      await question.getByTestId('library-remove-confirm').click();
      await eventually(async () => (await entries.count()) === 1, 5000, 'one template left');
      expect(await manage.getByTestId('library-done').textContent()).toBe(
        `Het sjabloon “${NAME}” is verwijderd.`,
      );
      expect((await library(server)).map((t) => t.id)).toEqual([savedId]);
      expect(await manager.page.getByTestId('saved-template').count()).toBe(1);
      await manager.page.reload();
      await manager.page.locator(`[data-testid="saved-template"][data-template="${savedId}"]`).waitFor();
      expect(await manager.page.locator(`[data-template="${importedId}"]`).count()).toBe(0);

      // The workshop's table from the removed template says so in plain words, never its id.
      await chair.page.reload();
      const afterRemoval = [
        `Begonnen met: ${NAME}`,
        'Begonnen met: een sjabloon dat inmiddels is verwijderd',
      ];
      await texts(named, afterRemoval, 'the removed template in plain words');
      await chair.page.goto(summaryUrl);
      await texts(chair.page.getByTestId('summary-template'), afterRemoval, 'the summary names them', 20_000);
      expect(await chair.page.content()).not.toContain('lib-');
      // The one refusal asked for (the wrong code) is the browser's only complaint.
      expect(manager.consoleErrors).toEqual([
        'Failed to load resource: the server responded with a status of 403 (Forbidden)',
      ]);
      for (const p of pages.filter((p) => p !== manager))
        expect(p.consoleErrors, 'console errors').toEqual([]);
    } finally {
      for (const p of pages) await p.context.close().catch(() => {});
      if (server !== suite.server) await server.cleanup();
    }
  });
});
