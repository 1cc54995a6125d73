/**
 * Reads the loop map's graph off the canvas: steps are `loop-step` shapes, and an arrow whose
 * start and end are both bound to steps reads "start leads to end".
 */

import type { StepGraph } from '@patroonkaart/model';
import { LOOP_STEP, PATTERN_TITLE } from '@patroonkaart/schema';
import { type Editor, getArrowBindings, type TLArrowShape, type TLShapeId } from 'tldraw';

export interface StepArrow {
  arrowId: TLShapeId;
  from: TLShapeId;
  to: TLShapeId;
}

export function readStepGraph(editor: Editor): StepGraph & { stepArrows: StepArrow[] } {
  const shapes = editor.getCurrentPageShapesSorted();
  const steps = shapes.filter((s) => s.type === LOOP_STEP).map((s) => s.id as string);
  const stepSet = new Set(steps);
  const stepArrows: StepArrow[] = [];
  for (const shape of shapes) {
    if (shape.type !== 'arrow') continue;
    const { start, end } = getArrowBindings(editor, shape as TLArrowShape);
    if (start && end && stepSet.has(start.toId) && stepSet.has(end.toId)) {
      stepArrows.push({ arrowId: shape.id, from: start.toId, to: end.toId });
    }
  }
  return { steps, arrows: stepArrows.map(({ from, to }) => ({ from, to })), stepArrows };
}

/** The pattern title nearest to a loop's centre names the loop. */
export function loopTitle(editor: Editor, stepIds: readonly string[]): string | null {
  const centres = stepIds
    .map((id) => editor.getShapePageBounds(id as TLShapeId))
    .filter((b): b is NonNullable<typeof b> => Boolean(b))
    .map((b) => b.center);
  if (centres.length === 0) return null;
  const cx = centres.reduce((n, c) => n + c.x, 0) / centres.length;
  const cy = centres.reduce((n, c) => n + c.y, 0) / centres.length;
  const spread = Math.max(...centres.map((c) => Math.hypot(c.x - cx, c.y - cy)), 200);
  let best: { text: string; d: number } | null = null;
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== PATTERN_TITLE) continue;
    const b = editor.getShapePageBounds(shape);
    if (!b) continue;
    const d = Math.hypot(b.center.x - cx, b.center.y - cy);
    const text = (shape.props as { text: string }).text;
    if (d <= spread && (!best || d < best.d)) best = { text, d };
  }
  return best?.text || null;
}
