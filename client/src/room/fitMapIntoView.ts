/**
 * Opening a room: the map is zoomed to fit the part of the screen that our panels and tldraw's
 * leave free, so no card starts under a panel. On a phone the loop's steps are fitted, not the
 * whole map: the whole map on 390 px is too small to read, and the steps are what the talk is about.
 */

import { LOOP_STEP } from '@patroonkaart/schema';
import type { Box, Editor, TLShape } from 'tldraw';
import { PHONE_WIDTH } from '../ui/compactLayout.ts';
import { freeRectangle, type Rect } from './freeRectangle.ts';

/** Everything that floats over the canvas, ours and tldraw's. */
const PANELS = [
  '.pk-topbar',
  '.pk-rail',
  '.pk-palette',
  '.pk-talk',
  '.pk-people',
  '.pk-loops',
  '.pk-voting-banner',
  '.tlui-main-toolbar',
  '.tlui-menu-zone',
  '.tlui-style-panel__wrapper',
  '.tlui-navigation-panel',
];

const MARGIN = 12;

function mapBounds(editor: Editor, phone: boolean): Box | undefined {
  const shapes = editor.getCurrentPageShapes();
  const steps = shapes.filter((s: TLShape) => s.type === LOOP_STEP);
  const chosen = phone && steps.length > 0 ? steps : shapes;
  return editor.getShapesPageBounds(chosen.map((s) => s.id)) ?? undefined;
}

/** Sets the camera so the map fills the free part of the screen (never above 100%). */
export function fitMapIntoView(editor: Editor): void {
  const viewport = editor.getViewportScreenBounds();
  const bounds = mapBounds(editor, viewport.width < PHONE_WIDTH);
  if (!bounds || bounds.width === 0 || bounds.height === 0) return;
  const obstacles: Rect[] = [...document.querySelectorAll(PANELS.join(','))].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x - viewport.x, y: r.y - viewport.y, width: r.width, height: r.height };
  });
  const free = freeRectangle({ x: 0, y: 0, width: viewport.width, height: viewport.height }, obstacles, {
    width: bounds.width,
    height: bounds.height,
  });
  const zoom = Math.min(
    1,
    (free.width - 2 * MARGIN) / bounds.width,
    (free.height - 2 * MARGIN) / bounds.height,
  );
  if (!(zoom > 0)) return;
  const x = (free.x + (free.width - bounds.width * zoom) / 2) / zoom - bounds.minX;
  const y = (free.y + (free.height - bounds.height * zoom) / 2) / zoom - bounds.minY;
  editor.setCamera({ x, y, z: zoom }, { immediate: true, force: true });
}

/**
 * Fits once the panels are laid out, once more after they have settled (the people list and fonts
 * arrive a moment later), and once more when `toolsLoaded` has brought the room's tools (palette,
 * conversation: a chunk of their own, lazyTools.tsx), each time unless the person has moved the
 * map in between.
 */
export function fitMapWhenPanelsSettle(editor: Editor, toolsLoaded: Promise<unknown>): () => void {
  let fitted: { x: number; y: number; z: number } | null = null;
  let stopped = false;
  const fit = () => {
    fitMapIntoView(editor);
    fitted = editor.getCamera();
  };
  const fitUnlessMoved = () => {
    const now = editor.getCamera();
    if (!stopped && fitted && now.x === fitted.x && now.y === fitted.y && now.z === fitted.z) fit();
  };
  const frame = requestAnimationFrame(() => requestAnimationFrame(fit));
  const later = setTimeout(fitUnlessMoved, 600);
  // Laid out two frames after the chunk is here.
  toolsLoaded.then(
    () => requestAnimationFrame(() => requestAnimationFrame(fitUnlessMoved)),
    () => {},
  );
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
    clearTimeout(later);
  };
}
