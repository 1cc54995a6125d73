/** Shapes of the HTTP API's JSON bodies, shared by server, client and tests. */
import type { HttpErrorCode } from './httpErrors.ts';
import type { Role } from './room.ts';

export interface CreateRoomRequest {
  template: string;
  /** Required only when the server sets ROOM_CREATION_CODE. */
  creationCode?: string;
}

export interface CreateRoomResponse {
  roomId: string;
  facilitatorUrl: string;
  editUrl: string;
  viewUrl: string;
}

export interface TemplateSummary {
  id: string;
  title: string;
  stepCount: number;
}

/** Every error answer: a code of HTTP_ERRORS (httpErrors.ts), which the client says in its language. */
export interface ApiError {
  error: HttpErrorCode;
  /** The status's standard reason phrase (`Not Found`), for tools; no explanation of its own. */
  message: string;
}

export interface RuntimeConfig {
  /** tldraw licence key, served at run time so a deployment needs no rebuild. */
  licenseKey: string | null;
  creationCodeRequired: boolean;
  production: boolean;
  /** TEST_HOOKS=1 on the server: the app exposes `window.__patroonkaart` for end-to-end tests. */
  testHooks?: boolean;
}

/** POST /api/rooms/<roomId>/history: a restore point now, with an optional label. */
export interface RestorePointRequest {
  /** Cut to MAX_RESTORE_LABEL_CHARS, as the history dialog's field already does. */
  label?: string;
}

export const MAX_RESTORE_LABEL_CHARS = 80;

/** One restore point as GET /api/rooms/<roomId>/history lists it (and POST answers with the new one). */
export interface RestorePointSummary {
  id: number;
  createdAt: number;
  /** 'auto', 'before-delete', 'manual' or 'before-restore'. */
  reason: string;
  label: string;
  shapeCount: number;
  /** Who was in the room, as their presence said. */
  people: { name: string; organisation: string }[];
  /** Size of the stored state: a room's history is bounded by the sum (RESTORE_POINT_BYTES_PER_ROOM). */
  bytes: number;
}

/** GET /api/rooms/<roomId>/history. */
export interface RestorePointList {
  points: RestorePointSummary[];
}

/** GET /api/rooms/<roomId>/history/<pointId>: the map's records at that point (a preview). */
export interface RestorePointRecords {
  point: RestorePointSummary;
  records: Record<string, unknown>[];
}

/** POST /api/rooms/<roomId>/history/<pointId>/restore: the point restored and the one taken just before. */
export interface RestoreResponse {
  restored: number;
  before: RestorePointSummary;
}

/** GET /api/time: the server's clock, for round timers. */
export interface ServerTime {
  now: number;
}

/** GET /api/rooms/<roomId>/role. */
export interface RoleInfo {
  role: Role;
}

/** POST /api/workshops: one table per entry (1-12), each from its own template. */
export interface CreateWorkshopRequest {
  tables: { template: string }[];
  creationCode?: string;
}

export interface WorkshopTable extends CreateRoomResponse {
  template: string;
}

/** The answer to POST /api/workshops and GET /api/workshops/<id> (facilitator token only). */
export interface WorkshopResponse {
  workshopId: string;
  createdAt: number;
  /** The overview: /w/<workshopId>#k=<token>. Its token is every table's facilitator token. */
  facilitatorUrl: string;
  tables: WorkshopTable[];
}

export const MAX_WORKSHOP_TABLES = 12;
