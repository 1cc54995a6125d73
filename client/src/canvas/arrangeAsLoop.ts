/** "Als lus schikken", used by the loop panel, "Stap invoegen" and the list view's reordering. */
import { centroid, freeSpot, layoutOnCircle, loopRadius, overlaps } from '@patroonkaart/model';
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP, PATTERN_TITLE, STEP_SIZE } from '@patroonkaart/schema';
import type { Editor, TLShapeId } from 'tldraw';
import { must } from '../ui/must.ts';
import { linkedStepId } from './links.ts';
import { cardBoxes } from './placement.ts';

/** Between a step and the title in the ring's middle. */
const TITLE_GAP = 24;

/**
 * Lays a loop's steps evenly on a circle around their current centre (the pattern's title, when it
 * sits inside the loop, stays in the middle); each step's bubbles and first steps move with it
 * (links kept), and any card that would then cover another moves to the nearest free spot. The
 * ring is wide enough for the largest step as it is now (cards grow with their text) and for the
 * title in its middle.
 */
export function arrangeAsLoop(editor: Editor, stepIds: readonly string[]): void {
  const bounds = stepIds
    .map((id) => editor.getShapePageBounds(id as TLShapeId))
    .filter((b) => b !== undefined);
  if (bounds.length === 0) return;
  const stepsCentre = centroid(bounds.map((b) => b.center));
  const size = {
    w: Math.max(STEP_SIZE.w, ...bounds.map((b) => b.w)),
    h: Math.max(STEP_SIZE.h, ...bounds.map((b) => b.h)),
  };
  const spread = Math.max(
    ...bounds.map((b) => Math.hypot(b.center.x - stepsCentre.x, b.center.y - stepsCentre.y)),
  );
  const title = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === PATTERN_TITLE)
    .map((s) => editor.getShapePageBounds(s))
    .find(
      (b) => b !== undefined && Math.hypot(b.center.x - stepsCentre.x, b.center.y - stepsCentre.y) < spread,
    );
  const centre = title ? title.center : stepsCentre;
  // A step anywhere on the ring keeps clear of the title: the ring passes outside both half-diagonals.
  const aroundTitle = title ? Math.hypot((title.w + size.w) / 2, (title.h + size.h) / 2) + TITLE_GAP : 0;
  const points = layoutOnCircle(
    stepIds.length,
    centre,
    Math.max(loopRadius(stepIds.length, size), aroundTitle),
  );
  const moves = new Map<string, { dx: number; dy: number }>();
  // A step without bounds (another partner has just deleted it) does not move.
  for (const [i, id] of stepIds.entries()) {
    const b = editor.getShapePageBounds(id as TLShapeId);
    if (!b) continue;
    const point = must(points[i], 'a place on the ring for every step');
    moves.set(id, { dx: point.x - b.center.x, dy: point.y - b.center.y });
  }
  const cards = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === BEHAVIOUR || s.type === FIRST_STEP)
    .flatMap((shape) => {
      const step = linkedStepId(editor, shape.id);
      const move = step === null ? undefined : moves.get(step);
      return move ? [{ shape, move }] : [];
    });
  editor.run(() => {
    editor.updateShapes(
      stepIds.flatMap((id) => {
        const shape = editor.getShape(id as TLShapeId);
        const m = moves.get(id);
        return shape && m ? [{ id: shape.id, type: LOOP_STEP, x: shape.x + m.dx, y: shape.y + m.dy }] : [];
      }),
    );
    for (const { shape, move: m } of cards) {
      const b = editor.getShapePageBounds(shape);
      if (!b) continue;
      const size = { w: b.w, h: b.h };
      const wanted = { x: b.minX + m.dx, y: b.minY + m.dy };
      const at = freeSpot(wanted, size, cardBoxes(editor, new Set([shape.id])));
      editor.updateShape({
        id: shape.id,
        type: shape.type,
        x: shape.x + (at.x - b.minX),
        y: shape.y + (at.y - b.minY),
      });
    }
    // The cards that did not move (steps outside this loop, loose bubbles, the title) may now lie
    // under the new ring: each that covers a card goes to the nearest free spot.
    const moved = new Set<string>([...stepIds, ...cards.map((c) => c.shape.id)]);
    for (const shape of editor.getCurrentPageShapes()) {
      if (shape.type === 'arrow' || moved.has(shape.id)) continue;
      const b = editor.getShapePageBounds(shape);
      if (!b) continue;
      const others = cardBoxes(editor, new Set([shape.id]));
      const box = { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY };
      if (!others.some((o) => overlaps(box, o))) continue;
      const at = freeSpot({ x: b.minX, y: b.minY }, { w: b.w, h: b.h }, others);
      editor.updateShape({
        id: shape.id,
        type: shape.type,
        x: shape.x + (at.x - b.minX),
        y: shape.y + (at.y - b.minY),
      });
    }
  });
}
