/**
 * What the list view does to the map. In the list, the order of the steps is the loop: each step
 * leads to the next and the last back to the first, so reordering, adding or removing a step
 * rewires the arrows between them and lays the loop out again on a circle.
 */
import { arrowRecords, LOOP_STEP, STEP_SIZE } from '@patroonkaart/schema';
import { createShapeId, type Editor, getIndexAbove, isShapeId, type TLRecord, type TLShapeId } from 'tldraw';
import { arrangeAsLoop } from '../canvas/arrangeAsLoop.ts';
import { readStepGraph } from '../canvas/stepGraph.ts';

/** Makes the arrows between `order`'s steps exactly: each to the next, the last to the first. */
export function setLoopOrder(editor: Editor, order: readonly string[]): void {
  const inOrder = new Set(order);
  editor.run(() => {
    const stale = readStepGraph(editor).stepArrows.filter((a) => inOrder.has(a.from) && inOrder.has(a.to));
    if (stale.length) editor.deleteShapes(stale.map((a) => a.arrowId));
    const steps = order.filter(isShapeId);
    const [first] = steps;
    if (first === undefined || steps.length < 2) return;
    const page = editor.getCurrentPageId();
    const records: TLRecord[] = [];
    let index = editor.getHighestIndexForParent(page);
    steps.forEach((from, i) => {
      // The last step's arrow closes the loop, back to the first.
      const to = steps[i + 1] ?? first;
      if (steps.length === 2 && i === 1) return; // two steps: one arrow there, one back would overlap
      const a = editor.getShapePageBounds(from);
      const b = editor.getShapePageBounds(to);
      if (!a || !b) return;
      records.push(
        ...arrowRecords({
          id: createShapeId(),
          parentId: page,
          index,
          from,
          to,
          start: a.center,
          end: b.center,
        }),
      );
      index = getIndexAbove(index);
    });
    editor.store.put(records);
    arrangeAsLoop(editor, order);
  });
}

/** A new step at the end of the loop (before the arrow back to the first). */
export function appendStep(editor: Editor, order: readonly string[], text: string): TLShapeId {
  const id = createShapeId();
  const c = editor.getViewportPageBounds().center;
  editor.createShape({
    id,
    type: LOOP_STEP,
    x: c.x - STEP_SIZE.w / 2,
    y: c.y - STEP_SIZE.h / 2,
    props: { text },
  });
  setLoopOrder(editor, [...order, id]);
  return id;
}

export function removeStep(editor: Editor, order: readonly string[], id: string): void {
  editor.run(() => {
    const arrows = readStepGraph(editor).stepArrows.filter((a) => a.from === id || a.to === id);
    editor.deleteShapes([...arrows.map((a) => a.arrowId), id as TLShapeId]);
    setLoopOrder(
      editor,
      order.filter((s) => s !== id),
    );
  });
}

export function moveStep(editor: Editor, order: readonly string[], id: string, by: -1 | 1): void {
  const i = order.indexOf(id);
  const j = i + by;
  const other = order[j];
  // Not in the order, or already at that end of it.
  if (i < 0 || other === undefined) return;
  const next = [...order];
  next[i] = other;
  next[j] = id;
  setLoopOrder(editor, next);
}
