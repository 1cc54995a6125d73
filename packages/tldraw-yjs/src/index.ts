export {
  DOC_META_MAP,
  docMetaMap,
  type Entry,
  entriesArray,
  flattenRecord,
  type JsonRecord,
  SCHEMA_KEY,
  unflattenRecord,
} from './docLayout.ts';
export {
  checkEntry,
  checkJsonValue,
  ENTRY_LIMITS,
  isSafeKey,
  parseField,
  truncate,
} from './entryRules.ts';
export { type DecodedUpdate, type Forecast, forecastUpdate, type TextEdit } from './forecastUpdate.ts';
export { inspectUpdate, type UpdateInspection, type UpdateRefusal } from './inspectUpdate.ts';
export {
  fitPresence,
  MAX_PRESENCE_BYTES,
  PresenceBinding,
  type PresenceState,
  type PresenceUser,
} from './presence.ts';
export {
  type RecordChangeListener,
  type RecordChanges,
  RecordIndex,
  type RecordView,
  recordIndex,
  writeRecords,
} from './RecordIndex.ts';
export { RecordSetView, recordSetProblem } from './recordSetView.ts';
export {
  applyRepairs,
  checkReferences,
  type ReferenceOutcome,
  type ReferenceProblem,
  type ReferenceRule,
  type Repairs,
} from './references.ts';
export { compareSchema, type SchemaComparison } from './schemaVersion.ts';
export {
  anyTextField,
  checkTextFieldTable,
  NO_TEXT_FIELDS,
  parseTextRoot,
  readText,
  rootCount,
  rootsCreatedSince,
  sameTextFields,
  TEXT_ROOT_LIMITS,
  type TextFieldTable,
  textDiff,
  textFieldsOf,
  textOf,
  textRootName,
  textRootsOf,
  writeText,
} from './textFields.ts';
export {
  type IncomingResult,
  type InvalidRecordReport,
  validateIncoming,
  validateRecordJson,
} from './validateIncoming.ts';
export { YjsStoreBinding, type YjsStoreBindingOptions } from './YjsStoreBinding.ts';
