/**
 * The JSON API: templates, the template library, rooms, workshops, roles, runtime config.
 * Contracts documented in README.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BLANK_TEMPLATE_ID, DEFAULT_BLANK_STEPS, slugify, TEMPLATES } from '@patroonkaart/model';
import {
  type CreateRoomRequest,
  type CreateWorkshopRequest,
  isValidRoomId,
  type LibraryList,
  type LibraryTemplate,
  MAP_FILE_MAX_BYTES,
  MAX_WORKSHOP_TABLES,
  type RoleInfo,
  type RuntimeConfig,
  type SaveTemplateRequest,
  type TemplateSummary,
} from '@patroonkaart/protocol';
import type { Config } from '../config.ts';
import type { Stored, TemplateLibrary } from '../library/TemplateLibrary.ts';
import type { Lockout } from '../limits/Lockout.ts';
import type { RoomAccess } from '../rooms/access/RoomAccess.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { Workshops } from '../rooms/workshops/Workshops.ts';
import { clientAddress } from './clientAddress.ts';
import type { RateLimiter } from './RateLimiter.ts';
import { bearerToken, HttpError, readJsonBody, sendJson, sendJsonBytes } from './respond.ts';
import { safeEqual } from './safeEqual.ts';
import { checkStateChange } from './sameSite.ts';
import { handleSilentRound } from './silentApi.ts';

export interface ApiContext {
  config: Config;
  rooms: RoomManager;
  /** Creating rooms, the role of a token, the share links. */
  access: RoomAccess;
  workshops: Workshops;
  /** The installation's saved templates. */
  library: TemplateLibrary;
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
  if (pathname.startsWith('/api/library') || /^\/api\/rooms\/[^/]+\/template$/.test(pathname))
    return handleLibrary(ctx, req, res, pathname);
  if (pathname === '/api/rooms' && method === 'POST') {
    await createRoom(ctx, req, res);
    return true;
  }
  if (pathname === '/api/workshops' && method === 'POST') {
    await createWorkshop(ctx, req, res);
    return true;
  }
  const workshopId = /^\/api\/workshops\/([^/]+)$/.exec(pathname)?.[1];
  if (workshopId !== undefined && (method === 'GET' || method === 'DELETE')) {
    if (!isValidRoomId(workshopId)) throw new HttpError('invalid-workshop-id');
    const access =
      method === 'GET'
        ? await ctx.workshops.open(workshopId, bearerToken(req))
        : await ctx.workshops.delete(workshopId, bearerToken(req));
    if ('error' in access) {
      if (access.error === 'notFound') throw new HttpError('workshop-not-found');
      throw new HttpError('unauthorized');
    }
    if (method === 'DELETE') res.writeHead(204).end();
    else sendJson(res, 200, access.workshop);
    return true;
  }
  // A silent round: a partner's waiting answers, the facilitator's silence and reveal.
  if (await handleSilentRound(ctx, req, res, pathname)) return true;
  const [, historyOf, at, restore] =
    /^\/api\/rooms\/([^/]+)\/history(?:\/(\d{1,15}))?(\/restore)?$/.exec(pathname) ?? [];
  if (historyOf !== undefined) {
    await handleHistory(ctx, req, res, historyOf, at ? Number(at) : null, Boolean(restore));
    return true;
  }
  const [, roomId, part] = /^\/api\/rooms\/([^/]+)(\/role|\/links)?$/.exec(pathname) ?? [];
  if (roomId !== undefined) {
    if (!isValidRoomId(roomId)) throw new HttpError('invalid-room-id');
    const auth = await ctx.access.authenticate(roomId, bearerToken(req));
    if ('error' in auth) {
      if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
      throw new HttpError('unauthorized');
    }
    if (part === '/links' && method === 'GET') {
      const links = await ctx.access.shareLinks(roomId, bearerToken(req) ?? '');
      if (!links) throw new HttpError('forbidden');
      sendJson(res, 200, links);
      return true;
    }
    if (part === '/role' && method === 'GET') {
      sendJson(res, 200, { role: auth.role } satisfies RoleInfo);
      return true;
    }
    if (!part && method === 'DELETE') {
      if (auth.role !== 'facilitator') {
        throw new HttpError('forbidden');
      }
      await ctx.rooms.deleteRoom(roomId);
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
  const auth = await ctx.access.authenticate(roomId, bearerToken(req));
  if ('error' in auth) {
    if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
    throw new HttpError('unauthorized');
  }
  if (auth.role !== 'facilitator') throw new HttpError('forbidden');
  const notFound = () => new HttpError('point-not-found');
  if (pointId === null && method === 'GET')
    return sendJson(res, 200, { points: await ctx.rooms.restorePoints(roomId) });
  if (pointId === null && method === 'POST') {
    const body = (await readJsonBody(req, 4 * 1024)) as { label?: unknown } | null;
    const label = typeof body?.label === 'string' ? body.label : '';
    const point = await ctx.rooms.saveRestorePoint(roomId, label);
    if (!point) throw new HttpError('room-not-found');
    return sendJson(res, 201, point);
  }
  if (pointId !== null && !restore && method === 'GET') {
    const at = await ctx.rooms.restorePointJson(roomId, pointId);
    if (at === null) throw notFound();
    return sendJsonBytes(res, 200, at);
  }
  if (pointId !== null && restore && method === 'POST') {
    const before = await ctx.rooms.restore(roomId, pointId);
    if (!before) throw notFound();
    return sendJson(res, 200, { restored: pointId, before });
  }
  throw new HttpError('method-not-allowed');
}

/**
 * The template library. Listing it and a template's file are public (as the landing page's seed
 * loops); a room's facilitator saves its map; whoever may create rooms imports and deletes (with
 * the creation code as `Authorization: Bearer`, where one is set). Saving and importing each
 * cost one room creation of the address's hour: they store up to a map file's size.
 */
async function handleLibrary(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const stored = (outcome: Stored) => {
    if ('error' in outcome) throw new HttpError(outcome.error);
    sendJson(res, 201, outcome.template satisfies LibraryTemplate);
  };
  if (pathname === '/api/library') {
    if (method === 'GET') {
      sendJson(res, 200, { templates: await ctx.library.list() } satisfies LibraryList);
      return true;
    }
    if (method !== 'POST') throw new HttpError('method-not-allowed');
    // The code and the hour's allowance before a byte of the file is read.
    mayCreate(ctx, req, bearerToken(req));
    stored(await ctx.library.importFile(await readJsonBody(req, MAP_FILE_MAX_BYTES)));
    return true;
  }
  const id = /^\/api\/library\/([^/]+)$/.exec(pathname)?.[1];
  if (id !== undefined) {
    if (method === 'GET') {
      const file = await ctx.library.file(id);
      if (!file) throw new HttpError('template-not-found');
      sendJson(res, 200, file, {
        'content-disposition': `attachment; filename="${slugify(file.title)}.patroonkaart.json"`,
      });
      return true;
    }
    if (method !== 'DELETE') throw new HttpError('method-not-allowed');
    mayManage(ctx, req, bearerToken(req));
    if (!(await ctx.library.delete(id))) throw new HttpError('template-not-found');
    res.writeHead(204).end();
    return true;
  }
  const roomId = /^\/api\/rooms\/([^/]+)\/template$/.exec(pathname)?.[1];
  if (roomId === undefined) return false;
  if (method !== 'POST') throw new HttpError('method-not-allowed');
  if (!isValidRoomId(roomId)) throw new HttpError('invalid-room-id');
  const auth = await ctx.access.authenticate(roomId, bearerToken(req));
  if ('error' in auth) {
    if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
    throw new HttpError('unauthorized');
  }
  if (auth.role !== 'facilitator') throw new HttpError('forbidden');
  const body = (await readJsonBody(req, 4 * 1024)) as Partial<SaveTemplateRequest> | null;
  if (!ctx.creationLimiter.allow(clientAddress(req, ctx.config.trustProxy), 1))
    throw new HttpError('rate-limited');
  const records = await ctx.rooms.mapRecords(roomId);
  if (!records) throw new HttpError('room-not-found');
  stored(await ctx.library.saveRoomMap(records, body?.name, body?.description));
  return true;
}

/** The creation code, where one is set: who may create rooms may manage the template library. */
function mayManage(ctx: ApiContext, req: IncomingMessage, creationCode: unknown): void {
  const secret = ctx.config.roomCreationCode;
  if (secret === null) return;
  checkCreationCode(ctx.creationCodeGuard, clientAddress(req, ctx.config.trustProxy), creationCode, secret);
}

/**
 * The creation code and the per-address limit, for a room and for a workshop alike: a workshop
 * costs one creation per table, since each is a room.
 */
function mayCreate(ctx: ApiContext, req: IncomingMessage, creationCode: unknown, rooms = 1): void {
  const address = clientAddress(req, ctx.config.trustProxy);
  mayManage(ctx, req, creationCode);
  if (!ctx.creationLimiter.allow(address, rooms)) {
    throw new HttpError('rate-limited');
  }
}

async function createRoom(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJsonBody(req, 16 * 1024)) as Partial<CreateRoomRequest> | null;
  const templateId = typeof body?.template === 'string' ? body.template : BLANK_TEMPLATE_ID;
  mayCreate(ctx, req, body?.creationCode);
  const created = await ctx.access.createRoom(templateId);
  if (!created) throw new HttpError('unknown-template');
  sendJson(res, 201, created);
}

async function createWorkshop(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJsonBody(req, 16 * 1024)) as Partial<CreateWorkshopRequest> | null;
  const tables = Array.isArray(body?.tables) ? body.tables : [];
  const templates = tables.map((t) => (typeof t?.template === 'string' ? t.template.slice(0, 80) : ''));
  if (templates.length < 1 || templates.length > MAX_WORKSHOP_TABLES) throw new HttpError('table-count');
  mayCreate(ctx, req, body?.creationCode, templates.length);
  const created = await ctx.workshops.create(templates);
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
