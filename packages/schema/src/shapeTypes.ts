/**
 * The shapes of a loop map, as tldraw records. Type names are contracts (stored documents,
 * exports and tests depend on them): 'loop-step', 'behaviour', 'first-step', 'pattern-title', and
 * the bindings 'behaviour-link', 'first-step-link'. A behaviour's and a first step's link to their
 * step is a binding (links.ts), not a prop. What else each card type is (its texts, its size, its
 * link) is in cardTypes.ts.
 */
import type { TLBaseShape } from '@tldraw/tlschema';

export const LOOP_STEP = 'loop-step';
export const BEHAVIOUR = 'behaviour';
export const FIRST_STEP = 'first-step';
export const PATTERN_TITLE = 'pattern-title';

/** Our shape types: every one has its facts in CARD_TYPES (cardTypes.ts). */
export const SHAPE_TYPES = [LOOP_STEP, BEHAVIOUR, FIRST_STEP, PATTERN_TITLE] as const;
export type CardType = (typeof SHAPE_TYPES)[number];

export const BEHAVIOUR_LINK = 'behaviour-link';
export const FIRST_STEP_LINK = 'first-step-link';
export type LinkType = typeof BEHAVIOUR_LINK | typeof FIRST_STEP_LINK;

export interface LoopStepProps {
  w: number;
  h: number;
  text: string;
  /** The partner organisation this step belongs to, '' when none. */
  organisation: string;
}

export interface BehaviourProps {
  w: number;
  h: number;
  /** A built-in kind ('duiken', ...) or 'custom:<slug>'. */
  kind: string;
  name: string;
  utterance: string;
}

export interface FirstStepProps {
  w: number;
  h: number;
  what: string;
  who: string;
}

export interface PatternTitleProps {
  w: number;
  h: number;
  text: string;
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [LOOP_STEP]: LoopStepProps;
    [BEHAVIOUR]: BehaviourProps;
    [FIRST_STEP]: FirstStepProps;
    [PATTERN_TITLE]: PatternTitleProps;
  }
}

export type LoopStepShape = TLBaseShape<typeof LOOP_STEP, LoopStepProps>;
export type BehaviourShape = TLBaseShape<typeof BEHAVIOUR, BehaviourProps>;
export type FirstStepShape = TLBaseShape<typeof FIRST_STEP, FirstStepProps>;
export type PatternTitleShape = TLBaseShape<typeof PATTERN_TITLE, PatternTitleProps>;
