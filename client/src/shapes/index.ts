import { BehaviourShapeUtil } from './BehaviourShapeUtil.tsx';
import { FirstStepShapeUtil } from './FirstStepShapeUtil.tsx';
import { BehaviourLinkUtil, FirstStepLinkUtil } from './LinkBindingUtils.ts';
import { LoopStepShapeUtil } from './LoopStepShapeUtil.tsx';
import { PatternTitleShapeUtil } from './PatternTitleShapeUtil.tsx';

/** Our shapes, registered beside tldraw's defaults. */
export const shapeUtils = [LoopStepShapeUtil, BehaviourShapeUtil, FirstStepShapeUtil, PatternTitleShapeUtil];

/** Our links (a bubble or first step to its step), beside tldraw's arrow binding. */
export const bindingUtils = [BehaviourLinkUtil, FirstStepLinkUtil];
