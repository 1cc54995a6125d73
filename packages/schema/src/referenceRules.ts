/**
 * Which fields of our records name another record, and what they may name. The server checks
 * every update against these (packages/tldraw-yjs, references.ts): a shape never hangs from a
 * page that does not exist, a binding never ties a shape that is gone, a bubble's link names a step.
 */
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP } from './shapeTypes.ts';

/** The shape of `ReferenceRule` in packages/tldraw-yjs (kept structural: schema does not import the binding). */
export interface ReferenceRuleSpec {
  typeName: string;
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
  {
    typeName: 'shape',
    shapeType: BEHAVIOUR,
    field: 'props.targetStepId',
    accepts: isLoopStep,
    optional: true,
    onMissing: 'clear',
  },
  {
    typeName: 'shape',
    shapeType: FIRST_STEP,
    field: 'props.stepId',
    accepts: isLoopStep,
    optional: true,
    onMissing: 'clear',
  },
];
