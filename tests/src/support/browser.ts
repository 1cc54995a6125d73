/**
 * Debian's Chromium driven by playwright-core. Every request a page makes is recorded, so a test
 * can prove the page talks to no host but ours.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

/** Screenshots and exports that tests leave for a person to look at (ignored by git). */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  requests: string[];
  consoleErrors: string[];
}

/**
 * Who the page's person is, and how they arrive:
 * - `{ name, organisation }` (the default): a first-time visitor with an empty profile, who answers
 *   the "Hoe zien anderen jou?" dialog through the UI when the room shows it (in `waitForCanvas`),
 *   typing what is given and keeping the app's suggestion for what is not;
 * - `{ returning: { name, organisation } }`: a returning visitor whose profile was saved on an
 *   earlier visit (only for tests about returning visitors);
 * - `'ask'`: the dialog is left to the test.
 */
export type TestProfile =
  | { name?: string; organisation?: string }
  | { returning: { name?: string; organisation?: string } }
  | 'ask';

/** The answers each first-time visitor's page still has to give in the first-visit dialog. */
const firstVisitAnswers = new WeakMap<Page, { name?: string; organisation?: string }>();

export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
  profile: TestProfile = {},
  options: Omit<BrowserContextOptions, 'viewport'> = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, ...options });
  if (profile !== 'ask' && 'returning' in profile) {
    await context.addInitScript((p) => {
      if (localStorage.getItem('patroonkaart.user')) return;
      const id = crypto.randomUUID();
      const secret = `${crypto.randomUUID()}${crypto.randomUUID()}`.replace(/-/g, '');
      localStorage.setItem(
        'patroonkaart.user',
        JSON.stringify({
          id,
          name: p.name ?? `Partner ${id.slice(0, 4).toUpperCase()}`,
          organisation: p.organisation ?? '',
          secret,
          confirmed: true,
        }),
      );
    }, profile.returning);
  }
  const page = await context.newPage();
  if (profile !== 'ask' && !('returning' in profile)) firstVisitAnswers.set(page, profile);
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(url);
  return { page, context, requests, consoleErrors };
}

/** Waits until the canvas is live: the tldraw editor is mounted and bound to the room. */
export async function waitForCanvas(page: Page): Promise<void> {
  await page.waitForFunction(
    () => Boolean((window as unknown as { __patroonkaart?: unknown }).__patroonkaart),
    null,
    {
      timeout: 20_000,
    },
  );
  await page.locator('.tl-canvas').waitFor({ timeout: 10_000 });
  const answers = firstVisitAnswers.get(page);
  if (answers) {
    firstVisitAnswers.delete(page);
    await answerFirstVisit(page, answers);
  }
}

/** Answers "Hoe zien anderen jou?" as a person does: types what is given, then "Opslaan". */
export async function answerFirstVisit(
  page: Page,
  answers: { name?: string; organisation?: string },
): Promise<void> {
  const name = page.getByTestId('profile-name');
  await name.waitFor({ timeout: 10_000 });
  if (answers.name !== undefined) await name.fill(answers.name);
  if (answers.organisation !== undefined)
    await page.getByTestId('profile-organisation').fill(answers.organisation);
  await page.getByRole('button', { name: /^(Opslaan|Save)$/ }).click();
  await name.waitFor({ state: 'detached', timeout: 5_000 });
}

/** Shapes on the current page, read through the editor the page itself runs. */
export function shapesOf(
  page: Page,
): Promise<{ id: string; type: string; x: number; y: number; props: Record<string, unknown> }[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __patroonkaart: {
        editor: {
          getCurrentPageShapes(): {
            id: string;
            type: string;
            x: number;
            y: number;
            props: Record<string, unknown>;
          }[];
        };
      };
    };
    return w.__patroonkaart.editor
      .getCurrentPageShapes()
      .map((s) => ({ id: s.id, type: s.type, x: s.x, y: s.y, props: JSON.parse(JSON.stringify(s.props)) }));
  });
}

/**
 * Each card's link on the page: card id -> step id, read from the store's link bindings (a bubble's
 * `behaviour-link`, a first step's `first-step-link`), the way every part of the app reads them.
 */
export function linksOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __patroonkaart: {
        editor: {
          store: { allRecords(): { typeName: string; type?: string; fromId?: string; toId?: string }[] };
        };
      };
    };
    const links: Record<string, string> = {};
    for (const r of w.__patroonkaart.editor.store.allRecords())
      if (r.typeName === 'binding' && (r.type === 'behaviour-link' || r.type === 'first-step-link'))
        links[r.fromId!] = r.toId!;
    return links;
  });
}

/** Selects shapes through the page's editor (what a click would do, without aiming at pixels). */
export async function selectShapes(page: Page, ...ids: string[]): Promise<void> {
  await page.evaluate((shapeIds) => {
    const w = window as unknown as { __patroonkaart: { editor: { select(...ids: string[]): void } } };
    w.__patroonkaart.editor.select(...shapeIds);
  }, ids);
}
