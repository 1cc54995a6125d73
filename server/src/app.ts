/**
 * Wires the server: storage, rooms, the template library, the HTTP routes and the sync endpoint.
 * `startServer` is what main.ts and the tests call, so tests run the very server users get.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYNC_PATH } from '@patroonkaart/protocol';
import { createPatroonkaartSchema } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import pino, { type Logger } from 'pino';
import { RedisBus } from './cluster/RedisBus.ts';
import type { Config } from './config.ts';
import { handleApi } from './http/api.ts';
import { RateLimiter } from './http/RateLimiter.ts';
import { badRequest, requestPath } from './http/requestPath.ts';
import { bearerToken, HttpError, sendFailure, sendJson } from './http/respond.ts';
import { safeEqual } from './http/safeEqual.ts';
import { RESOURCE_HEADERS, serveStatic } from './http/staticFiles.ts';
import { TemplateLibrary } from './library/TemplateLibrary.ts';
import { Lockout } from './limits/Lockout.ts';
import { Metrics } from './metrics.ts';
import { RoomAccess } from './rooms/access/RoomAccess.ts';
import { Retention } from './rooms/Retention.ts';
import { RoomManager } from './rooms/RoomManager.ts';
import { Workshops } from './rooms/workshops/Workshops.ts';
import { MemoryStorage } from './storage/MemoryStorage.ts';
import { PostgresStorage } from './storage/postgres/PostgresStorage.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';
import type { Storage } from './storage/Storage.ts';
import { createSyncEndpoint } from './sync/syncEndpoint.ts';

export interface RunningServer {
  server: Server;
  rooms: RoomManager;
  storage: Storage;
  metrics: Metrics;
  log: Logger;
  url: string;
  /** Flushes and compacts every room, closes every socket and the storage. */
  stop(): Promise<void>;
}

function openStorage(config: Config): Storage {
  if (config.storage === 'memory') return new MemoryStorage();
  if (config.storage === 'postgres') {
    if (!config.databaseUrl) throw new Error('DATABASE_URL must be set for STORAGE=postgres');
    return new PostgresStorage(config.databaseUrl);
  }
  const sqlite = new SqliteStorage(config.dataDir, config.sqliteSynchronous);
  // The writer and reader threads boot now, not when the first edit or room is waiting for them.
  sqlite.start();
  return sqlite;
}

export async function startServer(
  config: Config,
  options: { storage?: Storage; log?: Logger } = {},
): Promise<RunningServer> {
  const log = options.log ?? pino({ level: config.logLevel, base: { service: 'patroonkaart' } });
  const storage = options.storage ?? openStorage(config);
  let gauges = async () => ({ roomsLoaded: 0, peers: 0, roomsStored: 0 });
  const metrics = new Metrics(() => gauges(), config.loopMonitorMs);
  storage.timeSyncs?.((ms) => metrics.observeDiskSync(ms));
  const schema = createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>;
  // Several processes behind one address share their rooms over Redis (server/src/cluster).
  const bus = config.redisUrl ? await RedisBus.connect(config.redisUrl, log) : null;
  const rooms = new RoomManager(storage, schema, config, log, metrics, bus);
  const library = new TemplateLibrary(storage, schema, log);
  const access = new RoomAccess(storage, schema, log, metrics, library);
  const workshops = new Workshops(storage, access, rooms, log);
  const retention = new Retention(storage, config.retentionDays, rooms, log);
  gauges = async () => ({
    roomsLoaded: rooms.loadedCount,
    peers: rooms.peerCount,
    roomsStored: await storage.roomCount(),
  });
  retention.start();
  const sync = createSyncEndpoint(config, rooms, log);
  const creationLimiter = new RateLimiter(config.limits.roomCreationsPerHour, 60 * 60 * 1000);
  // Five wrong codes a day are let through; after that each attempt waits twice as long.
  const creationCodeGuard = new Lockout({
    freeFailures: 4,
    windowMs: 24 * 60 * 60 * 1000,
    baseMs: config.creationCodeLockoutBaseMs,
    maxMs: 15 * 60 * 1000,
  });
  const startedAt = Date.now();

  // A throw outside handle() would be an uncaught exception and stop the server: nothing here
  // may throw (requestPath does not), everything that can runs inside it.
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(RESOURCE_HEADERS)) res.setHeader(name, value);
    const pathname = requestPath(req.url ?? '/');
    const handle = async () => {
      if (pathname === null) throw badRequest();
      if (pathname === '/healthz') {
        return sendJson(res, 200, {
          status: 'ok',
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          roomsLoaded: rooms.loadedCount,
          peers: rooms.peerCount,
          ...(rooms.busUp !== null ? { redis: rooms.busUp ? 'up' : 'down' } : {}),
        });
      }
      if (pathname === '/metrics') {
        if (config.metricsToken !== null && !safeEqual(bearerToken(req) ?? '', config.metricsToken)) {
          throw new HttpError('unauthorized', { 'www-authenticate': 'Bearer' });
        }
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType });
        return res.end(body);
      }
      if (pathname.startsWith('/api/')) {
        if (
          await handleApi(
            { config, rooms, access, workshops, library, creationLimiter, creationCodeGuard },
            req,
            res,
            pathname,
          )
        )
          return;
        throw new HttpError('not-found');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveStatic(config.clientDir, req, res, pathname);
    };
    handle().catch((error: unknown) => {
      if (!(error instanceof HttpError)) log.error({ err: error, path: pathname }, 'request failed');
      if (!res.headersSent) sendFailure(res, error);
      else res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').startsWith(`${SYNC_PATH}/`)) sync.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  log.info(
    { url, storage: config.storage, dataDir: config.storage === 'sqlite' ? config.dataDir : undefined },
    'Patroonkaart is running',
  );

  let stopped = false;
  return {
    server,
    rooms,
    storage,
    metrics,
    log,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      retention.stop();
      await rooms.stop();
      sync.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rooms.closeBus();
      storage.close();
    },
  };
}
