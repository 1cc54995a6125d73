/**
 * Which fields of our records name another record, and what they may name. The server checks
 * every update against these (packages/tldraw-yjs, references.ts): a shape never hangs from a
 * page that does not exist, a binding never ties a shape that is gone, a bubble's link ties it to a step.
 */
import { BEHAVIOUR_LINK, FIRST_STEP_LINK } from './links.ts';
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP } from './shapeTypes.ts';

/** The shape of `ReferenceRule` in packages/tldraw-yjs (kept structural: schema does not import the binding). */
export interface ReferenceRuleSpec {
  typeName: string;
  /** The record's `type`: a shape's or a binding's. */
  shapeType?: string;
  field: string;
  accepts: (target: Record<string, unknown>) => boolean;
  optional?: boolean;
  onMissing: 'clear' | 'remove-record' | 'move-to-page';
}

const isPageOrShape = (r: Record<string, unknown>) => r.typeName === 'page' || r.typeName === 'shape';
const isShape = (r: Record<string, unknown>) => r.typeName === 'shape';
const isLoopStep = (r: Record<string, unknown>) => r.typeName === 'shape' && r.type === LOOP_STEP;

export const REFERENCE_RULES: readonly ReferenceRuleSpec[] = [
  { typeName: 'shape', field: 'parentId', accepts: isPageOrShape, onMissing: 'move-to-page' },
  { typeName: 'binding', field: 'fromId', accepts: isShape, onMissing: 'remove-record' },
  { typeName: 'binding', field: 'toId', accepts: isShape, onMissing: 'remove-record' },
  // A link ties a card of its own kind to a loop step; a link whose step is deleted goes with it.
  ...linkRules(BEHAVIOUR_LINK, BEHAVIOUR),
  ...linkRules(FIRST_STEP_LINK, FIRST_STEP),
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
