/** The JSON API: templates, rooms, workshops, roles, runtime config. Contracts documented in README.md. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BLANK_TEMPLATE_ID, DEFAULT_BLANK_STEPS, TEMPLATES } from '@patroonkaart/model';
import {
  type CreateRoomRequest,
  type CreateWorkshopRequest,
  isValidRoomId,
  MAX_WORKSHOP_TABLES,
  type RoleInfo,
  type RuntimeConfig,
  type TemplateSummary,
} from '@patroonkaart/protocol';
import type { Config } from '../config.ts';
import type { Lockout } from '../limits/Lockout.ts';
import type { RoomAccess } from '../rooms/access/RoomAccess.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { Workshops } from '../rooms/workshops/Workshops.ts';
import { clientAddress } from './clientAddress.ts';
import type { RateLimiter } from './RateLimiter.ts';
import { bearerToken, HttpError, readJsonBody, sendJson } from './respond.ts';
import { safeEqual } from './safeEqual.ts';
import { checkStateChange } from './sameSite.ts';

export interface ApiContext {
  config: Config;
  rooms: RoomManager;
  /** Creating rooms, the role of a token, the share links. */
  access: RoomAccess;
  workshops: Workshops;
  creationLimiter: RateLimiter;
  /** Wrong creation codes per client address: without it the code could be guessed at full speed. */
  creationCodeGuard: Lockout;
}

const BLANK: TemplateSummary = { id: BLANK_TEMPLATE_ID, title: 'Lege lus', stepCount: DEFAULT_BLANK_STEPS };

export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  checkStateChange(req);
  if (pathname === '/api/templates' && method === 'GET') {
    const templates: TemplateSummary[] = TEMPLATES.map((t) => ({
      id: t.id,
      title: t.title,
      stepCount: t.steps.length,
    }));
    sendJson(res, 200, { templates: [...templates, BLANK] });
    return true;
  }
  if (pathname === '/api/time' && method === 'GET') {
    // The shared clock of round timers: browsers estimate their offset from this answer.
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, { now: Date.now() });
    return true;
  }
  if (pathname === '/api/config' && method === 'GET') {
    const body: RuntimeConfig = {
      licenseKey: ctx.config.licenseKey,
      creationCodeRequired: ctx.config.roomCreationCode !== null,
      testHooks: ctx.config.testHooks,
      production: ctx.config.production,
    };
    sendJson(res, 200, body);
    return true;
  }
  if (pathname === '/api/rooms' && method === 'POST') {
    await createRoom(ctx, req, res);
    return true;
  }
  if (pathname === '/api/workshops' && method === 'POST') {
    await createWorkshop(ctx, req, res);
    return true;
  }
  const workshop = /^\/api\/workshops\/([^/]+)$/.exec(pathname);
  if (workshop && (method === 'GET' || method === 'DELETE')) {
    const id = workshop[1]!;
    if (!isValidRoomId(id)) throw new HttpError('invalid-workshop-id');
    const access =
      method === 'GET'
        ? ctx.workshops.open(id, bearerToken(req))
        : ctx.workshops.delete(id, bearerToken(req));
    if ('error' in access) {
      if (access.error === 'notFound') throw new HttpError('workshop-not-found');
      throw new HttpError('unauthorized');
    }
    if (method === 'DELETE') res.writeHead(204).end();
    else sendJson(res, 200, access.workshop);
    return true;
  }
  const history = /^\/api\/rooms\/([^/]+)\/history(?:\/(\d{1,15}))?(\/restore)?$/.exec(pathname);
  if (history) {
    await handleHistory(
      ctx,
      req,
      res,
      history[1]!,
      history[2] ? Number(history[2]) : null,
      Boolean(history[3]),
    );
    return true;
  }
  const match = /^\/api\/rooms\/([^/]+)(\/role|\/links)?$/.exec(pathname);
  if (match) {
    const roomId = match[1]!;
    if (!isValidRoomId(roomId)) throw new HttpError('invalid-room-id');
    const auth = ctx.access.authenticate(roomId, bearerToken(req));
    if ('error' in auth) {
      if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
      throw new HttpError('unauthorized');
    }
    if (match[2] === '/links' && method === 'GET') {
      const links = ctx.access.shareLinks(roomId, bearerToken(req) ?? '');
      if (!links) throw new HttpError('forbidden');
      sendJson(res, 200, links);
      return true;
    }
    if (match[2] === '/role' && method === 'GET') {
      sendJson(res, 200, { role: auth.role } satisfies RoleInfo);
      return true;
    }
    if (!match[2] && method === 'DELETE') {
      if (auth.role !== 'facilitator') {
        throw new HttpError('forbidden');
      }
      ctx.rooms.deleteRoom(roomId);
      res.writeHead(204).end();
      return true;
    }
  }
  return false;
}

/**
 * Room history, for the facilitator only: the list of restore points, one point's records (a
 * preview), "Bewaar dit moment", and "Zet de kaart terug naar dit moment".
 */
async function handleHistory(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  pointId: number | null,
  restore: boolean,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (!isValidRoomId(roomId)) throw new HttpError('invalid-room-id');
  const auth = ctx.access.authenticate(roomId, bearerToken(req));
  if ('error' in auth) {
    if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
    throw new HttpError('unauthorized');
  }
  if (auth.role !== 'facilitator') throw new HttpError('forbidden');
  const notFound = () => new HttpError('point-not-found');
  if (pointId === null && method === 'GET')
    return sendJson(res, 200, { points: ctx.rooms.restorePoints(roomId) });
  if (pointId === null && method === 'POST') {
    const body = (await readJsonBody(req, 4 * 1024)) as { label?: unknown } | null;
    const label = typeof body?.label === 'string' ? body.label : '';
    const point = ctx.rooms.saveRestorePoint(roomId, label);
    if (!point) throw new HttpError('room-not-found');
    return sendJson(res, 201, point);
  }
  if (pointId !== null && !restore && method === 'GET') {
    const at = ctx.rooms.restorePointRecords(roomId, pointId);
    if (!at) throw notFound();
    return sendJson(res, 200, at);
  }
  if (pointId !== null && restore && method === 'POST') {
    const before = ctx.rooms.restore(roomId, pointId);
    if (!before) throw notFound();
    return sendJson(res, 200, { restored: pointId, before });
  }
  throw new HttpError('method-not-allowed');
}

/**
 * The creation code and the per-address limit, for a room and for a workshop alike: a workshop
 * costs one creation per table, since each is a room.
 */
function mayCreate(ctx: ApiContext, req: IncomingMessage, creationCode: unknown, rooms = 1): void {
  const address = clientAddress(req, ctx.config.trustProxy);
  const secret = ctx.config.roomCreationCode;
  if (secret !== null) checkCreationCode(ctx.creationCodeGuard, address, creationCode, secret);
  if (!ctx.creationLimiter.allow(address, rooms)) {
    throw new HttpError('rate-limited');
  }
}

async function createRoom(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJsonBody(req, 16 * 1024)) as Partial<CreateRoomRequest> | null;
  const templateId = typeof body?.template === 'string' ? body.template : BLANK_TEMPLATE_ID;
  mayCreate(ctx, req, body?.creationCode);
  const created = ctx.access.createRoom(templateId);
  if (!created) throw new HttpError('unknown-template');
  sendJson(res, 201, created);
}

async function createWorkshop(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJsonBody(req, 16 * 1024)) as Partial<CreateWorkshopRequest> | null;
  const tables = Array.isArray(body?.tables) ? body.tables : [];
  const templates = tables.map((t) => (typeof t?.template === 'string' ? t.template.slice(0, 80) : ''));
  if (templates.length < 1 || templates.length > MAX_WORKSHOP_TABLES) throw new HttpError('table-count');
  mayCreate(ctx, req, body?.creationCode, templates.length);
  const created = ctx.workshops.create(templates);
  if (!created) throw new HttpError('unknown-template');
  sendJson(res, 201, created);
}

/**
 * Throws unless `given` is the creation code. While an address is locked out for earlier wrong
 * codes its attempt is not even compared, so waiting is the only way on, right code or not.
 * A missing code is a question, not a guess: it does not count as a failure.
 */
function checkCreationCode(guard: Lockout, address: string, given: unknown, secret: string): void {
  const waitMs = guard.waitMs(address);
  if (waitMs > 0) throw new HttpError('rate-limited', { 'retry-after': Math.ceil(waitMs / 1000) });
  const code = typeof given === 'string' ? given : '';
  if (code === '') throw new HttpError('creation-code');
  if (!safeEqual(code, secret)) {
    guard.fail(address);
    throw new HttpError('creation-code');
  }
  guard.succeed(address);
}
