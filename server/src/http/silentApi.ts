/**
 * A silent round over HTTP (README, "Silent rounds"; packages/protocol silentRound.ts):
 *
 *   GET    /api/rooms/<roomId>/hidden-answers              my waiting answers
 *   POST   /api/rooms/<roomId>/hidden-answers              an answer in a silent round → 201
 *   POST   /api/rooms/<roomId>/hidden-answers/<answerId>   its new text
 *   DELETE /api/rooms/<roomId>/hidden-answers/<answerId>   withdrawn → 204
 *   POST   /api/rooms/<roomId>/rounds/<n>/silence          the facilitator marks round n silent
 *   POST   /api/rooms/<roomId>/rounds/<n>/reveal           the facilitator reveals it
 *
 * Every call carries the room's token (`Authorization: Bearer`); the answers' calls also the
 * partner's secret (PARTNER_HEADER), from which the author key is derived as for the socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  authorKey,
  type HiddenAnswerEdit,
  type HiddenAnswerList,
  type HiddenAnswerRequest,
  isValidRoomId,
  PARTNER_HEADER,
  PARTNER_SECRET_PATTERN,
} from '@patroonkaart/protocol';
import type { RoomAccess } from '../rooms/access/RoomAccess.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { isRefused, type Refused } from '../rooms/silent/SilentRounds.ts';
import { bearerToken, HttpError, readJsonBody, sendJson } from './respond.ts';

/** An answer of 500 characters, each up to four bytes in UTF-8, with its name and organisation. */
const BODY_LIMIT = 8 * 1024;

const ROUTE = /^\/api\/rooms\/([^/]+)\/(?:hidden-answers(?:\/([^/]+))?|rounds\/([^/]+)\/(silence|reveal))$/;

export async function handleSilentRound(
  ctx: { access: RoomAccess; rooms: RoomManager },
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const [, roomId, answerPart, roundPart, action] = ROUTE.exec(pathname) ?? [];
  if (roomId === undefined) return false;
  const method = req.method ?? 'GET';
  if (!isValidRoomId(roomId)) throw new HttpError('invalid-room-id');
  const auth = await ctx.access.authenticate(roomId, bearerToken(req));
  if ('error' in auth) {
    if (auth.error === 'roomNotFound') throw new HttpError('room-not-found');
    throw new HttpError('unauthorized');
  }
  const silent = ctx.rooms.silent;
  const done = <T extends object>(outcome: T | Refused): T => {
    if (isRefused(outcome)) throw new HttpError(outcome.error);
    return outcome;
  };

  if (action) {
    if (method !== 'POST') throw new HttpError('method-not-allowed');
    if (auth.role !== 'facilitator') throw new HttpError('forbidden');
    const round = roundPart !== undefined && /^\d{1,2}$/.test(roundPart) ? Number(roundPart) : Number.NaN;
    sendJson(
      res,
      200,
      done(await (action === 'silence' ? silent.silence(roomId, round) : silent.reveal(roomId, round))),
    );
    return true;
  }

  // Partners and the facilitator write answers; a viewer writes nothing.
  if (auth.role === 'view') throw new HttpError('forbidden');
  const secret = req.headers[PARTNER_HEADER];
  if (typeof secret !== 'string' || !PARTNER_SECRET_PATTERN.test(secret))
    throw new HttpError('partner-secret');
  const author = await authorKey(secret);
  const answerId = answerPart === undefined ? null : decode(answerPart);

  if (answerId === null && method === 'GET') {
    sendJson(res, 200, { answers: await silent.mine(roomId, author) } satisfies HiddenAnswerList);
    return true;
  }
  if (answerId === null && method === 'POST') {
    const body = (await readJsonBody(req, BODY_LIMIT)) as Partial<HiddenAnswerRequest> | null;
    sendJson(res, 201, done(await silent.add(roomId, author, typeof body === 'object' && body ? body : {})));
    return true;
  }
  if (answerId !== null && method === 'POST') {
    const body = (await readJsonBody(req, BODY_LIMIT)) as Partial<HiddenAnswerEdit> | null;
    sendJson(res, 200, done(await silent.edit(roomId, author, answerId, body?.text)));
    return true;
  }
  if (answerId !== null && method === 'DELETE') {
    done(await silent.withdraw(roomId, author, answerId));
    res.writeHead(204).end();
    return true;
  }
  throw new HttpError('method-not-allowed');
}

/** requestPath checked that the path decodes. */
function decode(segment: string): string {
  return decodeURIComponent(segment);
}
