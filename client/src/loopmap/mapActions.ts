/** What the palette and the loop panel do to the map, as plain functions over the editor. */
import {
  arrowLabel,
  besideStep,
  centroid,
  customBehaviour,
  getBehaviour,
  getTemplate,
  isPolarity,
  keepInView,
  layoutOnCircle,
  loopRadius,
  MAX_ORGANISATION_CHARS,
  type Polarity,
} from '@patroonkaart/model';
import {
  arrowBinding,
  arrowProps,
  BEHAVIOUR,
  BUBBLE_SIZE,
  FIRST_STEP,
  LOOP_STEP,
  STEP_SIZE,
  templateRecords,
} from '@patroonkaart/schema';
import { createShapeId, type Editor, type TLRecord, type TLShapeId, toRichText } from 'tldraw';
import { setLinkedStep } from './links.ts';
import type { StepArrow } from './stepGraph.ts';

/** A new card is there to be written in: select it and put the cursor in its text. */
function startEditing(editor: Editor, id: TLShapeId): void {
  editor.select(id);
  editor.setEditingShape(id);
}

/** Moves a new card's top-left so the whole card is on screen (packages/model, keepInView). */
function inView(editor: Editor, at: { x: number; y: number }, size: { w: number; h: number }) {
  return keepInView(at, size, editor.getViewportPageBounds(), 16 / editor.getZoomLevel());
}

const FIRST_STEP_SIZE = { w: 240, h: 140 };

function viewportCentre(editor: Editor) {
  return editor.getViewportPageBounds().center;
}

export function addStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const c = viewportCentre(editor);
  editor.createShape({ id, type: LOOP_STEP, x: c.x - STEP_SIZE.w / 2, y: c.y - STEP_SIZE.h / 2 });
  startEditing(editor, id);
  return id;
}

/**
 * Where a new card goes: beside the selected step (behaviours left of it, first steps right, so
 * the two do not cover each other), else near the middle of the view; always fully in view.
 */
function besideSelectedStep(editor: Editor, size: { w: number; h: number }, side: 'left' | 'right') {
  const step = editor.getSelectedShapes().find((s) => s.type === LOOP_STEP);
  const near = step ? editor.getShapePageBounds(step) : null;
  const c = viewportCentre(editor);
  const at = near
    ? besideStep(near, size, side)
    : { x: c.x - size.w / 2 + (side === 'left' ? 40 : 0), y: c.y - size.h / 2 + (side === 'left' ? 40 : 0) };
  return { position: inView(editor, at, size), stepId: step?.id ?? '' };
}

export function addBehaviour(editor: Editor, kind: string, customName?: string): TLShapeId {
  const behaviour = getBehaviour(kind) ?? customBehaviour(customName ?? kind);
  const id = createShapeId();
  const { position, stepId } = besideSelectedStep(editor, BUBBLE_SIZE, 'left');
  editor.run(() => {
    editor.createShape({
      id,
      type: BEHAVIOUR,
      ...position,
      props: { kind: behaviour.kind, name: behaviour.name, utterance: behaviour.utterance },
    });
    setLinkedStep(editor, id, stepId || null);
  });
  editor.select(id);
  return id;
}

export function addFirstStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const { position, stepId } = besideSelectedStep(editor, FIRST_STEP_SIZE, 'right');
  editor.run(() => {
    editor.createShape({ id, type: FIRST_STEP, ...position });
    setLinkedStep(editor, id, stepId || null);
  });
  startEditing(editor, id);
  return id;
}

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

/** "Stap invoegen": splits an arrow between two steps with a new step at its middle. */
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
      x: mid.x - STEP_SIZE.w / 2,
      y: mid.y - STEP_SIZE.h / 2,
    });
    // The old arrow now ends at the new step; a new arrow carries on to the old target.
    const endBinding = editor
      .getBindingsFromShape(arrow.arrowId, 'arrow')
      .find((b) => (b.props as { terminal: string }).terminal === 'end');
    if (endBinding) editor.deleteBinding(endBinding);
    const page = editor.getCurrentPageId();
    const index = editor.getHighestIndexForParent(page);
    editor.store.put([
      ...(endBinding
        ? [
            arrowBinding(
              `binding:${crypto.randomUUID()}`,
              arrow.arrowId,
              stepId,
              'end',
            ) as unknown as TLRecord,
          ]
        : []),
      {
        id: newArrowId,
        typeName: 'shape',
        type: 'arrow',
        x: mid.x,
        y: mid.y,
        rotation: 0,
        index,
        parentId: page,
        isLocked: false,
        opacity: 1,
        meta: {},
        props: arrowProps({ x: 0, y: 0 }, { x: to.center.x - mid.x, y: to.center.y - mid.y }),
      } as unknown as TLRecord,
      arrowBinding(`binding:${crypto.randomUUID()}`, newArrowId, stepId, 'start') as unknown as TLRecord,
      arrowBinding(`binding:${crypto.randomUUID()}`, newArrowId, arrow.to, 'end') as unknown as TLRecord,
    ]);
  });
  startEditing(editor, stepId);
  return stepId;
}

/** "Als lus schikken": lays a loop's steps evenly on a circle around their current centre. */
export function arrangeAsLoop(editor: Editor, stepIds: readonly string[]): void {
  const bounds = stepIds
    .map((id) => editor.getShapePageBounds(id as TLShapeId))
    .filter((b) => b !== undefined);
  if (bounds.length === 0) return;
  const centre = centroid(bounds.map((b) => b.center));
  const points = layoutOnCircle(stepIds.length, centre, loopRadius(stepIds.length, STEP_SIZE));
  editor.updateShapes(
    stepIds.map((id, i) => {
      const b = editor.getShapePageBounds(id as TLShapeId)!;
      return { id: id as TLShapeId, type: LOOP_STEP, x: points[i]!.x - b.w / 2, y: points[i]!.y - b.h / 2 };
    }),
  );
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
