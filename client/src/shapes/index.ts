import { BehaviourShapeUtil } from './BehaviourShapeUtil.tsx';
import { FirstStepShapeUtil } from './FirstStepShapeUtil.tsx';
import { LoopStepShapeUtil } from './LoopStepShapeUtil.tsx';
import { PatternTitleShapeUtil } from './PatternTitleShapeUtil.tsx';

/** Our shapes, registered beside tldraw's defaults. */
export const shapeUtils = [LoopStepShapeUtil, BehaviourShapeUtil, FirstStepShapeUtil, PatternTitleShapeUtil];
