/**
 * Two partners rephrasing one step at the same time, in real browsers: every character each one
 * typed survives, in the place they typed it, identically on both screens, and each one's caret
 * stays in their own sentence while the other types (issue: character-level merge).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

type Handle = {
  __patroonkaart: {
    editor: { setEditingShape(id: string): void };
  };
};

/** Opens the step's text for typing (as a double-click does) with the caret at its start or end. */
async function editStep(page: Page, id: string, caret: 'start' | 'end'): Promise<void> {
  await page.evaluate((shapeId) => {
    (window as unknown as Handle).__patroonkaart.editor.setEditingShape(shapeId);
  }, id);
  const area = page.locator(`[data-shape-id="${id}"] textarea`);
  await area.waitFor();
  await eventually(() => area.evaluate((el) => el === document.activeElement), 3000, 'the text focused');
  await page.keyboard.press(caret === 'start' ? 'Control+Home' : 'Control+End');
}

/** The text before the caret, and the whole text, as the page shows them. */
function caretOf(page: Page, id: string): Promise<{ before: string; text: string }> {
  return page.locator(`[data-shape-id="${id}"] textarea`).evaluate((el) => {
    const area = el as HTMLTextAreaElement;
    return { before: area.value.slice(0, area.selectionStart), text: area.value };
  });
}

/** Waits until both pages show the same text of `length` characters in the step; returns it. */
function sameTextOnBoth(a: Page, b: Page, id: string, length: number, timeoutMs: number): Promise<string> {
  return eventually(
    async () => {
      const [ca, cb] = [await caretOf(a, id), await caretOf(b, id)];
      return ca.text === cb.text && ca.text.length === length ? ca.text : null;
    },
    timeoutMs,
    'the same text on both pages',
  );
}

async function typeInterleaved(
  a: Page,
  b: Page,
  sa: string,
  sb: string,
  between?: (i: number) => Promise<void>,
) {
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const keys: Promise<void>[] = [];
    if (i < sa.length) keys.push(a.keyboard.type(sa[i]!));
    if (i < sb.length) keys.push(b.keyboard.type(sb[i]!));
    // Both pages' keystrokes at the same moment, neither waiting for the other's to arrive.
    await Promise.all(keys);
    await between?.(i);
  }
}

describe('typing together in one step', () => {
  it('keeps both sentences whole on both pages, typed at the same moment at the same place', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
      name: 'Anna',
    });
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`, undefined, {
      name: 'Bram',
    });
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const step = (await shapesOf(a.page)).find((s) => s.type === 'loop-step')!;
    const original = String(step.props.text);
    await editStep(a.page, step.id, 'end');
    await editStep(b.page, step.id, 'end');
    const sa = ' Anna vult aan: we vereenvoudigen.';
    const sb = ' Bram: wij bakenen af.';
    await typeInterleaved(a.page, b.page, sa, sb);

    const final = await sameTextOnBoth(
      a.page,
      b.page,
      step.id,
      original.length + sa.length + sb.length,
      8000,
    );
    expect(final.startsWith(original)).toBe(true);
    expect(final).toContain(sa);
    expect(final).toContain(sb);
    // Each caret is right after its own sentence.
    expect((await caretOf(a.page, step.id)).before.endsWith(sa)).toBe(true);
    expect((await caretOf(b.page, step.id)).before.endsWith(sb)).toBe(true);
    // And each page sees where the other types, in their colour.
    await a.page.getByTestId('their-caret').first().waitFor({ timeout: 5000 });
    expect(await a.page.locator(`[data-shape-id="${step.id}"] .pk-their-caret__name`).textContent()).toBe(
      'Bram',
    );
    await a.page.screenshot({ path: join(ARTIFACTS, 'typing-together.png') });
    // Nothing of what either typed waits to be sent.
    for (const p of [a.page, b.page])
      await p.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 5000 });
    // The stored room has it too, for anyone who comes later.
    const c = await openPage(suite.browser, `${suite.server.url}${room.viewUrl}`);
    await waitForCanvas(c.page);
    await eventually(
      async () => (await shapesOf(c.page)).find((s) => s.id === step.id)?.props.text === final,
      5000,
      'the merged text for a newcomer',
    );
    for (const p of [a, b, c]) await p.context.close();
  });

  it('merges what one partner typed while cut off for a few seconds, each caret in its own sentence', async () => {
    const room = await suite.server.createRoom('structuur-lost-alles-op');
    const a = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    const b = await openPage(suite.browser, `${suite.server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const step = (await shapesOf(a.page)).find((s) => s.type === 'loop-step')!;
    const original = String(step.props.text);
    await editStep(a.page, step.id, 'end');
    await editStep(b.page, step.id, 'start');
    const sa = ' En dan nog dit van A.';
    const sb = 'B begint hier, offline. ';
    await typeInterleaved(a.page, b.page, sa, sb, async (i) => {
      if (i === 3) {
        await b.context.setOffline(true);
      }
      if (i === 16) {
        await b.page.waitForTimeout(2500);
        await b.context.setOffline(false);
      }
    });
    await b.page
      .locator('[data-testid="connection-status"][data-status="online"]')
      .waitFor({ timeout: 15_000 });
    const final = await sameTextOnBoth(
      a.page,
      b.page,
      step.id,
      original.length + sa.length + sb.length,
      10_000,
    );
    expect(final).toBe(`${sb}${original}${sa}`);
    expect((await caretOf(a.page, step.id)).before).toBe(`${sb}${original}${sa}`);
    expect((await caretOf(b.page, step.id)).before).toBe(sb);
    await a.context.close();
    await b.context.close();
  });
});
