/**
 * The records of one arrow from a step to the step it leads to: the arrow shape (tldraw's own
 * default look) and its two bindings, each end anchored at the centre of its step. The one builder
 * of such an arrow: the template loops, the palette's "Stap invoegen" and the list view's
 * reordering all use it. Its records are typed as tldraw's, as plain object types, so they go into
 * a tldraw store and into a JSON document alike, without a cast.
 */
import {
  createBindingId,
  type TLArrowBinding,
  type TLArrowBindingProps,
  type TLArrowShape,
  type TLArrowShapeProps,
  type TLBindingId,
  type TLParentId,
  type TLShapeId,
  toRichText,
  type VecModel,
} from '@tldraw/tlschema';
import type { IndexKey } from '@tldraw/utils';

/** A record type as a plain object type: a tldraw record that is also a JSON record. */
export type Plain<T> = { [K in keyof T]: T[K] };
export type ArrowShapeRecord = Plain<TLArrowShape>;
export type ArrowBindingRecord = Plain<TLArrowBinding>;

export interface ArrowRecordsOptions {
  /** The arrow's own id. */
  id: TLShapeId;
  /** Its page. */
  parentId: TLParentId;
  index: IndexKey;
  /** The step it starts at, and the step it leads to. */
  from: TLShapeId;
  to: TLShapeId;
  /** Page points of its ends (the centres of the two steps): the arrow sits at `start`. */
  start: VecModel;
  end: VecModel;
  /** Ids of its two bindings; new ones by default. */
  bindingIds?: { start: TLBindingId; end: TLBindingId };
}

/** A plain black arrow from `start` to `end` (relative to the arrow), as tldraw's arrow tool draws it. */
function arrowProps(start: VecModel, end: VecModel): TLArrowShapeProps {
  return {
    kind: 'arc',
    labelColor: 'black',
    color: 'black',
    fill: 'none',
    dash: 'draw',
    size: 'm',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
    font: 'draw',
    start: { x: start.x, y: start.y },
    end: { x: end.x, y: end.y },
    bend: 0,
    richText: toRichText(''),
    labelPosition: 0.5,
    scale: 1,
    elbowMidPoint: 0.5,
  };
}

/** How an arrow's end holds on to its shape: at the centre, not precise, no snapping. */
export function arrowBindingProps(terminal: 'start' | 'end'): TLArrowBindingProps {
  return { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' };
}

/** One end of an arrow bound to a shape (to move an existing arrow's end to another step). */
export function arrowEnd(
  id: TLBindingId,
  arrowId: TLShapeId,
  toId: TLShapeId,
  terminal: 'start' | 'end',
): ArrowBindingRecord {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: arrowBindingProps(terminal),
  };
}

/** The arrow from step `from` to step `to`, and the bindings of its start and end. */
export function arrowRecords(
  options: ArrowRecordsOptions,
): [ArrowShapeRecord, ArrowBindingRecord, ArrowBindingRecord] {
  const { id, start, end } = options;
  const bindingIds = options.bindingIds ?? { start: createBindingId(), end: createBindingId() };
  return [
    {
      id,
      typeName: 'shape',
      type: 'arrow',
      x: start.x,
      y: start.y,
      rotation: 0,
      index: options.index,
      parentId: options.parentId,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: arrowProps({ x: 0, y: 0 }, { x: end.x - start.x, y: end.y - start.y }),
    },
    arrowEnd(bindingIds.start, id, options.from, 'start'),
    arrowEnd(bindingIds.end, id, options.to, 'end'),
  ];
}
