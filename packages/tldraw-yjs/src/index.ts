export {
  DOC_META_MAP,
  docMetaMap,
  ENTRIES_ARRAY,
  type Entry,
  entriesArray,
  flattenRecord,
  isEntry,
  type JsonRecord,
  SCHEMA_KEY,
  unflattenRecord,
} from './docLayout.ts';
export {
  checkEntry,
  checkJsonValue,
  ENTRY_LIMITS,
  isSafeKey,
  isValidRecordId,
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
  presenceRecordId,
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
  ANY_TEXT_FIELD,
  parseTextRoot,
  readText,
  rootCount,
  rootNameOf,
  rootsCreatedSince,
  TEXT_FIELDS,
  TEXT_ROOT_LIMITS,
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
