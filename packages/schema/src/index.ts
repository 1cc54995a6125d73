export {
  BEHAVIOUR_LINK,
  type BehaviourLink,
  FIRST_STEP_LINK,
  type FirstStepLink,
  LINK_TYPE_OF,
  type LinkProps,
  type LinkType,
  linkedSteps,
  linkMigrations,
  linkRecord,
} from './links.ts';
export { type MigrateRecordsResult, migrateRecords } from './migrateRecords.ts';
export { REFERENCE_RULES, type ReferenceRuleSpec } from './referenceRules.ts';
export {
  behaviourMigrations,
  behaviourProps,
  firstStepMigrations,
  firstStepProps,
  loopStepMigrations,
  loopStepProps,
  patroonkaartShapeSchemas,
  patternTitleMigrations,
  patternTitleProps,
  SHAPE_TYPES,
} from './shapeProps.ts';
export {
  BEHAVIOUR,
  type BehaviourProps,
  type BehaviourShape,
  FIRST_STEP,
  type FirstStepProps,
  type FirstStepShape,
  LOOP_STEP,
  type LoopStepProps,
  type LoopStepShape,
  PATTERN_TITLE,
  type PatternTitleProps,
  type PatternTitleShape,
} from './shapeTypes.ts';
export { createPatroonkaartSchema } from './storeSchema.ts';
export {
  arrowBinding,
  arrowProps,
  BUBBLE_SIZE,
  baseRecords,
  type JsonRecord,
  STEP_SIZE,
  type TemplateRecordsOptions,
  TITLE_SIZE,
  templateRecords,
} from './templateRecords.ts';
