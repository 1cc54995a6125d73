export {
  type ArrowBindingRecord,
  type ArrowRecordsOptions,
  type ArrowShapeRecord,
  arrowEnd,
  arrowRecords,
  type Plain,
} from './arrowRecords.ts';
export {
  BUBBLE_SIZE,
  CARD_TYPES,
  type CardSize,
  type CardTypeFacts,
  FIRST_STEP_SIZE,
  LINK_TYPE_OF,
  MAX_TEXT_LENGTH,
  STEP_SIZE,
  TEXT_FIELDS,
  type TextFieldTableSpec,
  TITLE_SIZE,
  textFieldTable,
} from './cardTypes.ts';
export {
  type BehaviourLink,
  type FirstStepLink,
  type LinkProps,
  linkedSteps,
  linkMigrations,
  linkRecord,
} from './links.ts';
export { copyWithNewIds, loopMapRecords, loopStepCount, markTemplateSteps } from './loopMapRecords.ts';
export { type MigrateRecordsResult, migrateRecords } from './migrateRecords.ts';
export { REFERENCE_RULES, type ReferenceRuleSpec } from './referenceRules.ts';
export {
  behaviourMigrations,
  behaviourProps,
  firstStepMigrations,
  firstStepProps,
  loopStepMigrations,
  loopStepProps,
  patternTitleMigrations,
  patternTitleProps,
} from './shapeProps.ts';
export {
  BEHAVIOUR,
  BEHAVIOUR_LINK,
  type BehaviourProps,
  type BehaviourShape,
  type CardType,
  FIRST_STEP,
  FIRST_STEP_LINK,
  type FirstStepProps,
  type FirstStepShape,
  type LinkType,
  LOOP_STEP,
  type LoopStepProps,
  type LoopStepShape,
  PATTERN_TITLE,
  type PatternTitleProps,
  type PatternTitleShape,
  SHAPE_TYPES,
} from './shapeTypes.ts';
export { createPatroonkaartSchema } from './storeSchema.ts';
export {
  arrowBinding,
  baseRecords,
  type JsonRecord,
  type TemplateRecordsOptions,
  templateRecords,
} from './templateRecords.ts';
