/**
 * The loop map as the editor holds it, read by the model's one reader (readLoopMap): the current
 * page's shapes in canvas order with the bindings of its arrows and cards, as records. Reactive
 * when called inside a tldraw computed.
 */

import { type LoopMap, readLoopMap, readMapCards, type StepGraph } from '@patroonkaart/model';
import { LINK_TYPE_OF } from '@patroonkaart/schema';
import type { Editor, TLRecord, TLShapeId } from 'tldraw';

export interface StepArrow {
  arrowId: TLShapeId;
  from: TLShapeId;
  to: TLShapeId;
}

/** The current page's shapes in canvas order, then the bindings from its arrows and linked cards. */
export function pageRecords(editor: Editor): TLRecord[] {
  const shapes = editor.getCurrentPageShapesSorted();
  const bindings = shapes.flatMap((shape) => {
    const type = shape.type === 'arrow' ? 'arrow' : LINK_TYPE_OF[shape.type];
    return type ? editor.getBindingsFromShape(shape, type) : [];
  });
  return [...shapes, ...bindings];
}

/**
 * The whole loop map of the current page; each loop is named after the title nearest its middle
 * on the page. With `previous` (an earlier read) the loops are searched again only when steps,
 * arrows or signs changed.
 */
export function readEditorLoopMap(editor: Editor, previous?: LoopMap): LoopMap {
  return readLoopMap(pageRecords(editor), {
    previous,
    centreOf: (id) => editor.getShapePageBounds(id as TLShapeId)?.center,
  });
}

/** Steps and the arrows between them: "start leads to end". */
export function readStepGraph(editor: Editor): StepGraph & { stepArrows: StepArrow[] } {
  const { steps, arrows } = readMapCards(pageRecords(editor));
  const stepArrows = arrows.map((a) => ({
    arrowId: a.id as TLShapeId,
    from: a.from as TLShapeId,
    to: a.to as TLShapeId,
  }));
  return { steps: steps.map((s) => s.id), arrows: arrows.map(({ from, to }) => ({ from, to })), stepArrows };
}
