/** Shapes of the HTTP API's JSON bodies, shared by server, client and tests. */
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

export interface ApiError {
  error: string;
  /** A plain-language explanation, in Dutch. */
  message: string;
}

export interface RuntimeConfig {
  /** tldraw licence key, served at run time so a deployment needs no rebuild. */
  licenseKey: string | null;
  creationCodeRequired: boolean;
  production: boolean;
}

export interface RoleInfo {
  role: Role;
}
