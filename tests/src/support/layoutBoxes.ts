/**
 * Where things are on a room's screen, as a person sees them: the boxes of our own chrome (top bar,
 * panels, rail, banners), of tldraw's UI zones, and of the map's cards in view. Layout tests check
 * that none of them covers another.
 */
import type { Page } from 'playwright-core';

export type Box = { name: string; x: number; y: number; width: number; height: number };

/** Our chrome: everything of ours that floats over the canvas. */
export const OUR_CHROME = [
  '[data-testid="topbar"]',
  '[data-testid="panel-rail"]',
  '[data-testid="palette"]',
  '[data-testid="conversation-panel"]',
  '[data-testid="people-legend"]',
  '[data-testid="loop-panel"]',
  '[data-testid="voting-banner"]',
];

/** tldraw's own UI zones. */
export const TLDRAW_CHROME = [
  '.tlui-main-toolbar',
  '.tlui-menu-zone',
  '.tlui-style-panel__wrapper',
  '.tlui-navigation-panel',
];

export function boxesOf(page: Page, selectors: readonly string[]): Promise<Box[]> {
  return page.evaluate(
    (selectors) =>
      selectors.flatMap((selector) =>
        [...document.querySelectorAll(selector)]
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { name: selector, x: r.x, y: r.y, width: r.width, height: r.height };
          })
          .filter((b) => b.width > 0 && b.height > 0),
      ),
    [...selectors],
  );
}

/** The screen boxes of the map's cards (only those at least partly in the window, unless `all`). */
export function cardBoxes(page: Page, all = false): Promise<Box[]> {
  return page.evaluate((all) => {
    type Ed = {
      getCurrentPageShapes(): { id: string; type: string }[];
      getShapePageBounds(id: string): { minX: number; minY: number; maxX: number; maxY: number };
      pageToScreen(p: { x: number; y: number }): { x: number; y: number };
    };
    const editor = (window as unknown as { __patroonkaart: { editor: Ed } }).__patroonkaart.editor;
    const cards = ['loop-step', 'behaviour', 'first-step', 'pattern-title'];
    return editor
      .getCurrentPageShapes()
      .filter((s) => cards.includes(s.type))
      .map((s) => {
        const b = editor.getShapePageBounds(s.id);
        const a = editor.pageToScreen({ x: b.minX, y: b.minY });
        const z = editor.pageToScreen({ x: b.maxX, y: b.maxY });
        return { name: `${s.type} ${s.id}`, x: a.x, y: a.y, width: z.x - a.x, height: z.y - a.y };
      })
      .filter(
        (b) => all || (b.x < innerWidth && b.y < innerHeight && b.x + b.width > 0 && b.y + b.height > 0),
      );
  }, all);
}

export const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Every pair where one of `ours` covers another of ours or one of `others`. */
export function overlaps(ours: readonly Box[], others: readonly Box[] = []): string[] {
  const found: string[] = [];
  ours.forEach((a, i) => {
    for (const b of ours.slice(i + 1)) if (overlap(a, b)) found.push(`${a.name} over ${b.name}`);
    for (const b of others) if (overlap(a, b)) found.push(`${a.name} over ${b.name}`);
  });
  return found;
}

/** The share of the window that `boxes` cover together (overlaps counted once), on an 8 px grid. */
export function coverage(boxes: readonly Box[], width: number, height: number): number {
  let covered = 0;
  let cells = 0;
  for (let y = 4; y < height; y += 8)
    for (let x = 4; x < width; x += 8) {
      cells++;
      if (boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height)) covered++;
    }
  return covered / cells;
}
