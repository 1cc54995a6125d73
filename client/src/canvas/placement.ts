/**
 * Where a new card goes on the canvas: clear of the cards already there, beside its own step or
 * in the middle of the view, on the ring of the loop; and the view follows a card placed outside it.
 */
import { type Box, besideOwnStep, freeSpot, ringOf } from '@patroonkaart/model';
import { LOOP_STEP } from '@patroonkaart/schema';
import { type Editor, type TLShapeId, Vec } from 'tldraw';
import { useLoopStore } from '../state/loopStore.ts';

/** A new card is there to be written in: select it and put the cursor in its text. */
export function startEditing(editor: Editor, id: TLShapeId): void {
  editor.select(id);
  editor.setEditingShape(id);
}

export function viewportCentre(editor: Editor) {
  return editor.getViewportPageBounds().center;
}

/** Every card on the page, as boxes: what a new card must not cover (arrows are not cards). */
export function cardBoxes(editor: Editor, except?: ReadonlySet<string>): Box[] {
  return editor
    .getCurrentPageShapes()
    .filter((s) => s.type !== 'arrow' && !except?.has(s.id))
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s);
      return b ? [{ minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY }] : [];
    });
}

/** The ring of the first loop on the map (or of all steps, before there is a loop). */
export function currentRing(editor: Editor) {
  const loop = useLoopStore.getState().loops[0]?.steps;
  const steps = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === LOOP_STEP && (!loop || loop.includes(s.id)))
    .flatMap((s) => editor.getShapePageBounds(s) ?? []);
  return ringOf(steps);
}

/** A new card is where the partner looks: if it landed outside the view, the view follows it. */
export function bringIntoView(editor: Editor, id: TLShapeId): void {
  const b = editor.getShapePageBounds(id);
  const view = editor.getViewportPageBounds();
  if (b && !view.contains(b)) editor.centerOnPoint(b.center, { animation: { duration: 200 } });
}

/**
 * The step a new bubble or first step belongs to: the selected step (it is linked to it), else
 * the step nearest to the middle of the view (placed beside it, not linked).
 */
function ownStep(editor: Editor): { step: TLShapeId | null; near: Box | null } {
  const selected = editor.getSelectedShapes().find((s) => s.type === LOOP_STEP);
  const centre = viewportCentre(editor);
  const nearest = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === LOOP_STEP)
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s);
      return b ? [{ s, b }] : [];
    })
    .sort((a, b) => Vec.Dist(a.b.center, centre) - Vec.Dist(b.b.center, centre))[0];
  const box = selected ? editor.getShapePageBounds(selected) : nearest?.b;
  return {
    step: selected?.id ?? null,
    near: box ? { minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY } : null,
  };
}

/** Beside its own step (see ownStep), on the loop's side `side`; else in a free spot mid-view. */
export function besideStepOrCentre(editor: Editor, size: { w: number; h: number }, side: 'left' | 'right') {
  const { step, near } = ownStep(editor);
  const cards = cardBoxes(editor);
  const c = viewportCentre(editor);
  const position = near
    ? besideOwnStep(near, size, currentRing(editor), cards, side)
    : freeSpot({ x: c.x - size.w / 2, y: c.y - size.h / 2 }, size, cards);
  return { position, stepId: step ?? '' };
}
