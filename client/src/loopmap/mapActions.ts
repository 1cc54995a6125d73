/** What the palette and the loop panel do to the map, as plain functions over the editor. */
import {
  arrowLabel,
  type Box,
  besideOwnStep,
  centroid,
  customBehaviour,
  freeSpot,
  getBehaviour,
  getTemplate,
  isPolarity,
  layoutOnCircle,
  loopRadius,
  MAX_ORGANISATION_CHARS,
  onRing,
  type Polarity,
  ringOf,
} from '@patroonkaart/model';
import {
  arrowEnd,
  arrowRecords,
  BEHAVIOUR,
  BUBBLE_SIZE,
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
  Vec,
} from 'tldraw';
import { linkedStepId, setLinkedStep } from './links.ts';
import { useLoopStore } from './loopStore.ts';
import type { StepArrow } from './stepGraph.ts';

/** A new card is there to be written in: select it and put the cursor in its text. */
function startEditing(editor: Editor, id: TLShapeId): void {
  editor.select(id);
  editor.setEditingShape(id);
}

const FIRST_STEP_SIZE = { w: 240, h: 140 };

function viewportCentre(editor: Editor) {
  return editor.getViewportPageBounds().center;
}

/** Every card on the page, as boxes: what a new card must not cover (arrows are not cards). */
function cardBoxes(editor: Editor, except?: ReadonlySet<string>): Box[] {
  return editor
    .getCurrentPageShapes()
    .filter((s) => s.type !== 'arrow' && !except?.has(s.id))
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s);
      return b ? [{ minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY }] : [];
    });
}

/** The ring of the first loop on the map (or of all steps, before there is a loop). */
function currentRing(editor: Editor) {
  const loop = useLoopStore.getState().loops[0]?.steps;
  const steps = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === LOOP_STEP && (!loop || loop.includes(s.id)))
    .flatMap((s) => editor.getShapePageBounds(s) ?? []);
  return ringOf(steps);
}

/** A new card is where the partner looks: if it landed outside the view, the view follows it. */
function bringIntoView(editor: Editor, id: TLShapeId): void {
  const b = editor.getShapePageBounds(id);
  const view = editor.getViewportPageBounds();
  if (b && !view.contains(b)) editor.centerOnPoint(b.center, { animation: { duration: 200 } });
}

export function addStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const at = onRing(currentRing(editor), STEP_SIZE, cardBoxes(editor), viewportCentre(editor));
  editor.createShape({ id, type: LOOP_STEP, ...at });
  bringIntoView(editor, id);
  startEditing(editor, id);
  return id;
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
    .map((s) => ({ s, b: editor.getShapePageBounds(s)! }))
    .sort((a, b) => Vec.Dist(a.b.center, centre) - Vec.Dist(b.b.center, centre))[0];
  const box = selected ? editor.getShapePageBounds(selected) : nearest?.b;
  return {
    step: selected?.id ?? null,
    near: box ? { minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY } : null,
  };
}

function besideStepOrCentre(editor: Editor, size: { w: number; h: number }, side: 'left' | 'right') {
  const { step, near } = ownStep(editor);
  const cards = cardBoxes(editor);
  const c = viewportCentre(editor);
  const position = near
    ? besideOwnStep(near, size, currentRing(editor), cards, side)
    : freeSpot({ x: c.x - size.w / 2, y: c.y - size.h / 2 }, size, cards);
  return { position, stepId: step ?? '' };
}

export function addBehaviour(editor: Editor, kind: string, customName?: string): TLShapeId {
  const behaviour = getBehaviour(kind) ?? customBehaviour(customName ?? kind);
  const id = createShapeId();
  const { position, stepId } = besideStepOrCentre(editor, BUBBLE_SIZE, 'left');
  editor.run(() => {
    editor.createShape({
      id,
      type: BEHAVIOUR,
      ...position,
      props: { kind: behaviour.kind, name: behaviour.name, utterance: behaviour.utterance },
    });
    setLinkedStep(editor, id, stepId || null);
  });
  bringIntoView(editor, id);
  // As with a step: the caret goes into the new bubble, so what is typed next lands there and
  // never presses the palette button again or switches tldraw's tools.
  startEditing(editor, id);
  return id;
}

export function addFirstStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const { position, stepId } = besideStepOrCentre(editor, FIRST_STEP_SIZE, 'right');
  editor.run(() => {
    editor.createShape({ id, type: FIRST_STEP, ...position });
    setLinkedStep(editor, id, stepId || null);
  });
  bringIntoView(editor, id);
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

/**
 * "Als lus schikken": lays a loop's steps evenly on a circle around their current centre; each
 * step's bubbles and first steps move with it (links kept), and any card that would then cover
 * another moves to the nearest free spot.
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
