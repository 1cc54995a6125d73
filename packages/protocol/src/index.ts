export type {
  ApiError,
  CreateRoomRequest,
  CreateRoomResponse,
  RuntimeConfig,
  TemplateSummary,
} from './api.ts';
export { CLOSE_CODES, type CloseCode, type CloseCodeName, closeCodeByNumber } from './closeCodes.ts';
export {
  isValidRoomId,
  LINK_TOKEN_PARAM,
  ROOM_ID_PATTERN,
  type Role,
  roomPath,
  SYNC_SUBPROTOCOL,
  syncPath,
  TOKEN_PREFIX,
} from './room.ts';
