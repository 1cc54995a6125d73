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
export { PresenceBinding, type PresenceState, type PresenceUser, presenceRecordId } from './presence.ts';
export {
  type RecordChangeListener,
  type RecordChanges,
  RecordIndex,
  recordIndex,
  writeRecords,
} from './RecordIndex.ts';
export { compareSchema, type SchemaComparison } from './schemaVersion.ts';
export {
  type IncomingResult,
  type InvalidRecordReport,
  validateIncoming,
  validateRecordJson,
} from './validateIncoming.ts';
export { YjsStoreBinding, type YjsStoreBindingOptions } from './YjsStoreBinding.ts';
