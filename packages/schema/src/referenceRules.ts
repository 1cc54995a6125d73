/**
 * Which fields of our records name another record, and what they may name. The server checks
 * every update against these (packages/tldraw-yjs, references.ts), and a map file is checked
 * against them before it is imported: a shape never hangs from a page that does not exist, a
 * binding never ties a shape that is gone, a bubble's link ties it to a step.
 *
 * What is accepted here must be something tldraw can draw: its arrow binding goes from an arrow
 * to a shape an arrow can bind to (not an arrow: two arrows bound to each other make tldraw
 * recurse until the stack overflows, on every screen), one per arrow end. No binding cycle can
 * then exist: an arrow binding ends at a non-arrow, which is never the start of one, and a link
 * ends at a loop step, which never starts one.
 */
import { LINK_TYPE_OF } from './cardTypes.ts';
import { LOOP_STEP } from './shapeTypes.ts';

/** The shape of `ReferenceRule` in packages/tldraw-yjs (kept structural: schema does not import the binding). */
export interface ReferenceRuleSpec {
  typeName: string;
  /** The record's `type`: a shape's or a binding's. */
  shapeType?: string;
  field: string;
  accepts: (target: Record<string, unknown>) => boolean;
  optional?: boolean;
  onMissing: 'clear' | 'remove-record' | 'move-to-page';
  /** At most one such record per target and value of this field. */
  onePer?: string;
  /** The target is never the record's own value of this field (a binding of a shape to itself). */
  notSameAs?: string;
  /**
   * Targets of this typeName are kept: one is never removed while a record still names it through
   * this field (unless that record goes in the same update), and the last one is never removed.
   */
  keeps?: string;
}

/** tldraw's default binding: an arrow's end tied to a shape. */
const ARROW_BINDING = 'arrow';

const isPageOrShape = (r: Record<string, unknown>) => r.typeName === 'page' || r.typeName === 'shape';
const isShape = (r: Record<string, unknown>) => r.typeName === 'shape';
const isArrow = (r: Record<string, unknown>) => r.typeName === 'shape' && r.type === 'arrow';
/** tldraw's own `canBind`: an arrow never binds to an arrow (ArrowShapeUtil) nor to a group (GroupShapeUtil). */
const arrowCanBindTo = (r: Record<string, unknown>) =>
  r.typeName === 'shape' && r.type !== 'arrow' && r.type !== 'group';
const isLoopStep = (r: Record<string, unknown>) => r.typeName === 'shape' && r.type === LOOP_STEP;

export const REFERENCE_RULES: readonly ReferenceRuleSpec[] = [
  // A page with shapes on it goes only with its shapes; the last page never goes (tldraw needs one).
  { typeName: 'shape', field: 'parentId', accepts: isPageOrShape, onMissing: 'move-to-page', keeps: 'page' },
  { typeName: 'binding', field: 'fromId', accepts: isShape, onMissing: 'remove-record' },
  { typeName: 'binding', field: 'toId', accepts: isShape, onMissing: 'remove-record', notSameAs: 'fromId' },
  {
    typeName: 'binding',
    shapeType: ARROW_BINDING,
    field: 'fromId',
    accepts: isArrow,
    onMissing: 'remove-record',
    onePer: 'props.terminal',
  },
  {
    typeName: 'binding',
    shapeType: ARROW_BINDING,
    field: 'toId',
    accepts: arrowCanBindTo,
    onMissing: 'remove-record',
  },
  // A link ties a card of its own kind to a loop step; a link whose step is deleted goes with it.
  ...Object.entries(LINK_TYPE_OF).flatMap(([cardType, linkType]) => linkRules(linkType, cardType)),
];

function linkRules(linkType: string, cardType: string): ReferenceRuleSpec[] {
  const isCard = (r: Record<string, unknown>) => r.typeName === 'shape' && r.type === cardType;
  return [
    {
      typeName: 'binding',
      shapeType: linkType,
      field: 'fromId',
      accepts: isCard,
      onMissing: 'remove-record',
    },
    {
      typeName: 'binding',
      shapeType: linkType,
      field: 'toId',
      accepts: isLoopStep,
      onMissing: 'remove-record',
    },
  ];
}
