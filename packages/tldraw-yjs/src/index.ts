export {
  collectRecordChanges,
  createYRecord,
  DOC_META_MAP,
  docMetaMap,
  type JsonRecord,
  RECORDS_MAP,
  type RecordChanges,
  readYRecord,
  recordsMap,
  SCHEMA_KEY,
  updateYRecord,
} from './docLayout.ts';
export { PresenceBinding, type PresenceState, type PresenceUser, presenceRecordId } from './presence.ts';
export { compareSchema, type SchemaComparison } from './schemaVersion.ts';
export {
  type IncomingResult,
  type InvalidRecordReport,
  validateIncoming,
  validateRecordJson,
} from './validateIncoming.ts';
export { YjsStoreBinding, type YjsStoreBindingOptions } from './YjsStoreBinding.ts';
