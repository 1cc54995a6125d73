/** "Als lus schikken", used by the loop panel, "Stap invoegen" and the list view's reordering. */
import { centroid, freeSpot, layoutOnCircle, loopRadius } from '@patroonkaart/model';
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP, STEP_SIZE } from '@patroonkaart/schema';
import type { Editor, TLShapeId } from 'tldraw';
import { linkedStepId } from './links.ts';
import { cardBoxes } from './placement.ts';

/**
 * Lays a loop's steps evenly on a circle around their current centre; each step's bubbles and
 * first steps move with it (links kept), and any card that would then cover another moves to the
 * nearest free spot.
 */
export function arrangeAsLoop(editor: Editor, stepIds: readonly string[]): void {
  const bounds = stepIds
    .map((id) => editor.getShapePageBounds(id as TLShapeId))
    .filter((b) => b !== undefined);
  if (bounds.length === 0) return;
  const centre = centroid(bounds.map((b) => b.center));
  const points = layoutOnCircle(stepIds.length, centre, loopRadius(stepIds.length, STEP_SIZE));
  const moves = new Map<string, { dx: number; dy: number }>();
  stepIds.forEach((id, i) => {
    const b = editor.getShapePageBounds(id as TLShapeId)!;
    moves.set(id, { dx: points[i]!.x - b.center.x, dy: points[i]!.y - b.center.y });
  });
  const cards = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === BEHAVIOUR || s.type === FIRST_STEP)
    .map((s) => ({ shape: s, step: linkedStepId(editor, s.id) }))
    .filter((c) => c.step !== null && moves.has(c.step));
  editor.run(() => {
    editor.updateShapes(
      stepIds.map((id) => {
        const shape = editor.getShape(id as TLShapeId)!;
        const m = moves.get(id)!;
        return { id: shape.id, type: LOOP_STEP, x: shape.x + m.dx, y: shape.y + m.dy };
      }),
    );
    for (const { shape, step } of cards) {
      const m = moves.get(step!)!;
      const b = editor.getShapePageBounds(shape)!;
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
  });
}
