/**
 * What the palette and the loop panel do to the map beyond adding cards (canvas/addCards.ts):
 * link a card to a step, insert a step on an arrow, insert a template, label steps, sign arrows.
 */
import {
  arrowLabel,
  freeSpot,
  getTemplate,
  isPolarity,
  MAX_ORGANISATION_CHARS,
  type Polarity,
} from '@patroonkaart/model';
import {
  arrowEnd,
  arrowRecords,
  BEHAVIOUR,
  FIRST_STEP,
  LOOP_STEP,
  STEP_SIZE,
  templateRecords,
} from '@patroonkaart/schema';
import {
  createBindingId,
  createShapeId,
  type Editor,
  type TLRecord,
  type TLShapeId,
  toRichText,
} from 'tldraw';
import { arrangeAsLoop } from '../canvas/arrangeAsLoop.ts';
import { setLinkedStep } from '../canvas/links.ts';
import { bringIntoView, cardBoxes, startEditing, viewportCentre } from '../canvas/placement.ts';
import type { StepArrow } from '../canvas/stepGraph.ts';
import { useLoopStore } from '../state/loopStore.ts';

/** Links the selected bubble or first-step card to the selected step. */
export function linkToStep(editor: Editor): boolean {
  const selected = editor.getSelectedShapes();
  const step = selected.find((s) => s.type === LOOP_STEP);
  const others = selected.filter((s) => s.type === BEHAVIOUR || s.type === FIRST_STEP);
  if (!step || others.length === 0) return false;
  editor.run(() => {
    for (const card of others) setLinkedStep(editor, card.id, step.id);
  });
  return true;
}

/**
 * "Stap invoegen": splits an arrow between two steps with a new step; in a loop the ring is then
 * re-spaced with the new step in its place, elsewhere the step goes to the free spot nearest the
 * arrow's middle.
 */
export function insertStepOnArrow(editor: Editor, arrow: StepArrow): TLShapeId | null {
  const from = editor.getShapePageBounds(arrow.from);
  const to = editor.getShapePageBounds(arrow.to);
  if (!from || !to) return null;
  const mid = { x: (from.center.x + to.center.x) / 2, y: (from.center.y + to.center.y) / 2 };
  const stepId = createShapeId();
  const newArrowId = createShapeId();
  editor.run(() => {
    editor.createShape({
      id: stepId,
      type: LOOP_STEP,
      ...freeSpot({ x: mid.x - STEP_SIZE.w / 2, y: mid.y - STEP_SIZE.h / 2 }, STEP_SIZE, cardBoxes(editor)),
    });
    // The old arrow now ends at the new step; a new arrow carries on to the old target.
    const endBinding = editor
      .getBindingsFromShape(arrow.arrowId, 'arrow')
      .find((b) => (b.props as { terminal: string }).terminal === 'end');
    if (endBinding) editor.deleteBinding(endBinding);
    const page = editor.getCurrentPageId();
    editor.store.put([
      ...(endBinding ? [arrowEnd(createBindingId(), arrow.arrowId, stepId, 'end')] : []),
      ...arrowRecords({
        id: newArrowId,
        parentId: page,
        index: editor.getHighestIndexForParent(page),
        from: stepId,
        to: arrow.to,
        start: mid,
        end: to.center,
      }),
    ]);
  });
  const loop = useLoopStore
    .getState()
    .loops.map((l) => l.steps)
    .find((steps) => steps.some((id, i) => id === arrow.from && steps[(i + 1) % steps.length] === arrow.to));
  if (loop) {
    const at = loop.indexOf(arrow.from) + 1;
    arrangeAsLoop(editor, [...loop.slice(0, at), stepId, ...loop.slice(at)]);
  }
  bringIntoView(editor, stepId);
  startEditing(editor, stepId);
  return stepId;
}

/** Inserts a template loop to the right of what is already on the page (a second table's loop). */
export function insertTemplate(editor: Editor, templateId: string): void {
  const template = getTemplate(templateId);
  if (!template) return;
  const existing = editor.getCurrentPageBounds();
  const centre = existing ? { x: existing.maxX + 900, y: existing.center.y } : viewportCentre(editor);
  const page = editor.getCurrentPageId();
  const records = templateRecords(template, {
    pageId: page,
    center: centre,
    indexAbove: editor.getHighestIndexForParent(page),
  });
  editor.store.put(records as unknown as TLRecord[]);
  editor.zoomToFit({ animation: { duration: 300 } });
}

/** Sets the organisation label of the selected steps ('' removes it). */
export function setOrganisation(editor: Editor, organisation: string): void {
  const steps = editor.getSelectedShapes().filter((s) => s.type === LOOP_STEP);
  editor.updateShapes(
    steps.map((s) => ({
      id: s.id,
      type: LOOP_STEP,
      props: { organisation: organisation.trim().slice(0, MAX_ORGANISATION_CHARS) },
    })),
  );
}

/**
 * Marks an arrow between steps "+" or "−" (or neither) and with a delay, in the arrow's meta; its
 * label shows the same, so the canvas and every export read it without anything of ours drawn.
 */
export function setArrowSign(
  editor: Editor,
  arrowId: TLShapeId,
  change: { polarity?: Polarity; delay?: boolean },
): void {
  const arrow = editor.getShape(arrowId);
  if (arrow?.type !== 'arrow') return;
  const meta = arrow.meta as { polarity?: unknown; delay?: unknown };
  const polarity = change.polarity ?? (isPolarity(meta.polarity) ? meta.polarity : '');
  const delay = change.delay ?? meta.delay === true;
  editor.updateShape({
    id: arrowId,
    type: 'arrow',
    meta: { ...arrow.meta, polarity, delay },
    props: { richText: toRichText(arrowLabel(polarity, delay)) },
  });
}
