/**
 * The one client of the server's HTTP API: a typed function per endpoint, with the bodies of
 * @patroonkaart/protocol. Every failure is an ApiFailure: the answer's status with the error code
 * its body names (HTTP_ERRORS; a code we do not know is null), or no status at all when no usable
 * answer came (offline, or not JSON). i18n/apiError.ts says a code in the partner's language.
 */
import {
  type CreateRoomRequest,
  type CreateRoomResponse,
  type CreateWorkshopRequest,
  type HiddenAnswer,
  type HiddenAnswerList,
  type HiddenAnswerRequest,
  type HttpErrorCode,
  isHttpErrorCode,
  type LibraryList,
  type LibraryTemplate,
  type MapFile,
  PARTNER_HEADER,
  type RestorePointList,
  type RestorePointRecords,
  type RestorePointRequest,
  type RestorePointSummary,
  type RestoreResponse,
  type RoleInfo,
  type RuntimeConfig,
  type SaveTemplateRequest,
  type ServerTime,
  type SilenceResponse,
  type WorkshopResponse,
} from '@patroonkaart/protocol';
import { apiErrorMessage } from '../i18n/apiError.ts';
import type { Locale } from '../i18n/i18n.ts';

export class ApiFailure extends Error {
  /** The answer's HTTP status; null when there was no usable answer (offline, or a body not JSON). */
  readonly status: number | null;
  /** The error code of the answer's body; null when it names none of HTTP_ERRORS. */
  readonly code: HttpErrorCode | null;

  constructor(status: number | null, code: HttpErrorCode | null, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
  }
}

/** A room as the API knows it: its id and the token of the link it was opened with. */
export interface RoomKey {
  roomId: string;
  token: string;
}

interface Request {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  /** My partner secret, for my waiting answers of a silent round (PARTNER_HEADER). */
  partner?: string;
  body?: unknown;
  cache?: RequestCache;
}

async function call<T>(
  path: string,
  { method = 'GET', token, partner, body, cache }: Request = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (partner !== undefined) headers[PARTNER_HEADER] = partner;
  // Every POST says it is JSON, with a body or without: the server refuses any other (415).
  if (method === 'POST') headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(cache ? { cache } : {}),
    });
  } catch (error) {
    throw new ApiFailure(null, null, error instanceof Error ? error.message : String(error));
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  let readable = true;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    readable = false;
  }
  if (!res.ok) {
    const error = (json as { error?: unknown } | null)?.error;
    const code = isHttpErrorCode(error) ? error : null;
    throw new ApiFailure(res.status, code, `${method} ${path}: ${res.status}${code ? ` ${code}` : ''}`);
  }
  if (!readable) throw new ApiFailure(null, null, `${method} ${path}: the answer is not JSON`);
  return json as T;
}

const room = (key: RoomKey) => `/api/rooms/${key.roomId}`;

export const getConfig = () => call<RuntimeConfig>('/api/config');

export const getServerTime = () => call<ServerTime>('/api/time', { cache: 'no-store' });

export const createRoom = (body: CreateRoomRequest) =>
  call<CreateRoomResponse>('/api/rooms', { method: 'POST', body });

export const createWorkshop = (body: CreateWorkshopRequest) =>
  call<WorkshopResponse>('/api/workshops', { method: 'POST', body });

/** The workshop's overview: its tables (the workshop's key only). */
export const getWorkshop = (workshopId: string, token: string) =>
  call<WorkshopResponse>(`/api/workshops/${workshopId}`, { token });

/** Which role the token grants in the room. */
export const getRole = (key: RoomKey) => call<RoleInfo>(`${room(key)}/role`, { token: key.token });

/** The room's links for partners, viewers and co-facilitators (the facilitator only). */
export const getShareLinks = (key: RoomKey) =>
  call<CreateRoomResponse>(`${room(key)}/links`, { token: key.token });

export const deleteRoom = (key: RoomKey) => call<null>(room(key), { method: 'DELETE', token: key.token });

/** The room's restore points, newest first (the facilitator only, as all of the history). */
export const listRestorePoints = (key: RoomKey) =>
  call<RestorePointList>(`${room(key)}/history`, { token: key.token });

export const getRestorePoint = (key: RoomKey, pointId: number) =>
  call<RestorePointRecords>(`${room(key)}/history/${pointId}`, { token: key.token });

/** "Bewaar dit moment". */
export const saveRestorePoint = (key: RoomKey, body: RestorePointRequest) =>
  call<RestorePointSummary>(`${room(key)}/history`, { method: 'POST', token: key.token, body });

/** "Zet de kaart terug naar dit moment": answers with the point taken just before, the way back. */
export const restoreToPoint = (key: RoomKey, pointId: number) =>
  call<RestoreResponse>(`${room(key)}/history/${pointId}/restore`, { method: 'POST', token: key.token });

/** My answers waiting in the room's silent rounds (with my partner secret). */
export const listHiddenAnswers = (key: RoomKey, partner: string) =>
  call<HiddenAnswerList>(`${room(key)}/hidden-answers`, { token: key.token, partner });

/** An answer in a silent round: it waits on the server, seen by me alone, until the reveal. */
export const addHiddenAnswer = (key: RoomKey, partner: string, body: HiddenAnswerRequest) =>
  call<HiddenAnswer>(`${room(key)}/hidden-answers`, { method: 'POST', token: key.token, partner, body });

export const editHiddenAnswer = (key: RoomKey, partner: string, answerId: string, text: string) =>
  call<HiddenAnswer>(`${room(key)}/hidden-answers/${encodeURIComponent(answerId)}`, {
    method: 'POST',
    token: key.token,
    partner,
    body: { text },
  });

export const withdrawHiddenAnswer = (key: RoomKey, partner: string, answerId: string) =>
  call<null>(`${room(key)}/hidden-answers/${encodeURIComponent(answerId)}`, {
    method: 'DELETE',
    token: key.token,
    partner,
  });

/** "Stille ronde" (the facilitator only). */
export const silenceRound = (key: RoomKey, round: number) =>
  call<SilenceResponse>(`${room(key)}/rounds/${round}/silence`, { method: 'POST', token: key.token });

/** "Antwoorden tonen": every screen gets the round's waiting answers at once; the silence ends. */
export const revealRound = (key: RoomKey, round: number) =>
  call<SilenceResponse>(`${room(key)}/rounds/${round}/reveal`, { method: 'POST', token: key.token });

// The template library: anyone lists it and downloads a template's file; a room's facilitator saves
// the room's map into it; whoever may create rooms imports and removes (with the creation code as
// the bearer, where the server asks for one: `creationCode` null when it does not).

/** The saved templates, newest first. */
export const listLibrary = () => call<LibraryList>('/api/library', { cache: 'no-store' });

/** A saved template as a .patroonkaart.json map file (with its name and description). */
export const getLibraryFile = (templateId: string) =>
  call<MapFile>(`/api/library/${encodeURIComponent(templateId)}`, { cache: 'no-store' });

/** "Bewaar als sjabloon": the room's map as it is now on the server (the facilitator only). */
export const saveRoomAsTemplate = (key: RoomKey, body: SaveTemplateRequest) =>
  call<LibraryTemplate>(`${room(key)}/template`, { method: 'POST', token: key.token, body });

/** A map file (parsed JSON) into the library. */
export const importLibraryFile = (file: unknown, creationCode: string | null) =>
  call<LibraryTemplate>('/api/library', {
    method: 'POST',
    body: file,
    ...(creationCode === null ? {} : { token: creationCode }),
  });

export const deleteLibraryTemplate = (templateId: string, creationCode: string | null) =>
  call<null>(`/api/library/${encodeURIComponent(templateId)}`, {
    method: 'DELETE',
    ...(creationCode === null ? {} : { token: creationCode }),
  });

/**
 * What to tell the partner about a failed request, in their language: the text of the answer's
 * code (or "something went wrong" with its status); without an answer, what the browser said.
 */
export function apiFailureMessage(locale: Locale, error: unknown): string {
  if (error instanceof ApiFailure && error.status !== null)
    return apiErrorMessage(locale, error.code, error.status);
  return error instanceof Error ? error.message : String(error);
}
