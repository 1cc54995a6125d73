export type {
  ApiError,
  CreateRoomRequest,
  CreateRoomResponse,
  CreateWorkshopRequest,
  RestorePointList,
  RestorePointRecords,
  RestorePointRequest,
  RestorePointSummary,
  RestoreResponse,
  RoleInfo,
  RuntimeConfig,
  ServerTime,
  TemplateSummary,
  WorkshopResponse,
  WorkshopTable,
} from './api.ts';
export { MAX_RESTORE_LABEL_CHARS, MAX_WORKSHOP_TABLES } from './api.ts';
export { CLOSE_CODES, type CloseCode, type CloseCodeName, closeCodeByNumber } from './closeCodes.ts';
export { HTTP_ERRORS, type HttpErrorCode, type HttpErrorEntry, isHttpErrorCode } from './httpErrors.ts';
export {
  PRESENCE_DEFAULT_COLOUR,
  PRESENCE_LEADER_FIELDS,
  PRESENCE_LIMITS,
  type Presence,
  type PresenceState,
  type PresenceSummon,
  type PresenceTyping,
  type PresenceUser,
  readPresence,
} from './presence.ts';
export {
  authorKey,
  ballotInput,
  ballotKey,
  isValidRoomId,
  LINK_TOKEN_PARAM,
  PARTNER_PREFIX,
  PARTNER_SECRET_PATTERN,
  ROOM_ID_PATTERN,
  type Role,
  roomPath,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
  workshopPath,
} from './room.ts';
