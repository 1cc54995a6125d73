/** Everything the server reads from its environment, with defaults; documented in README.md. */
import { resolve } from 'node:path';

export interface Limits {
  /** Largest single WebSocket message, bytes. */
  maxMessageBytes: number;
  /** Sustained messages per second per connection (bursts of twice this are allowed). */
  messagesPerSecond: number;
  /** Largest stored document per room, bytes (snapshot plus update log). */
  maxDocBytes: number;
  /** Partner (edit) connections per room. */
  maxPeersPerRoom: number;
  /** Viewer connections per room: their own places, so viewers never lock partners out. */
  maxViewersPerRoom: number;
  /** Facilitator connections per room: always kept free of partners and viewers. */
  maxFacilitatorsPerRoom: number;
  /** Bytes all sockets together may have waiting before the server stops sending whole documents. */
  maxSendBufferBytes: number;
  /** Refused updates from one address within a minute before it must wait (then doubling). */
  refusalsPerMinute: number;
  /** Room creations per client address per hour. */
  roomCreationsPerHour: number;
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** 'sqlite' (default), 'postgres' (DATABASE_URL) or 'memory' (nothing survives a restart: tests only). */
  storage: 'sqlite' | 'postgres' | 'memory';
  /** PostgreSQL connection string, for STORAGE=postgres. */
  databaseUrl: string | null;
  /** Redis, when set: several server processes serve every room together (server/src/cluster). */
  redisUrl: string | null;
  /** SQLite durability: 'full' (fsync per commit, default) or 'normal' (survives a process crash). */
  sqliteSynchronous: 'full' | 'normal';
  clientDir: string;
  licenseKey: string | null;
  roomCreationCode: string | null;
  /** First wait after five wrong creation codes from one address; it doubles per further one. */
  creationCodeLockoutBaseMs: number;
  /** When set, GET /metrics requires `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | null;
  /**
   * How often the event-loop monitor behind /metrics' `_nodejs_eventloop_lag_*` wakes: its
   * readings include this interval, so an idle loop reads about this much. 10 ms costs almost
   * nothing; 1 ms reads a stall to the millisecond, for a benchmark, at a few % of a core.
   */
  loopMonitorMs: number;
  retentionDays: number;
  /** TEST_HOOKS=1: the client exposes its editor and connection for end-to-end tests. */
  testHooks: boolean;
  /**
   * Room history: restore points kept per room, and their bytes together; time between automatic
   * ones (and between points before large deletions); days kept.
   */
  history: { maxPoints: number; maxBytes: number; autoEveryMs: number; keepDays: number };
  roomIdleMs: number;
  /** Updates in a room's log before it is compacted into a snapshot. */
  compactAfterUpdates: number;
  /**
   * A busy room is compacted at most this often: a compaction encodes the whole document, so at
   * thousands of updates a second it would otherwise run many times a second for nothing.
   */
  compactMinIntervalMs: number;
  /** WebSocket ping interval; a socket that misses a pong is terminated at the next one. */
  heartbeatMs: number;
  /** A socket that sends nothing (our client renews its presence every 15 s) is closed after this. */
  idleMs: number;
  /** Reverse proxies in front of the server: the client address is that many entries from the right of X-Forwarded-For. */
  trustProxy: number;
  logLevel: string;
  production: boolean;
  limits: Limits;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

function heartbeatSeconds(env: NodeJS.ProcessEnv): number {
  const seconds = int(env, 'HEARTBEAT_SECONDS', 15);
  if (seconds <= 0 || seconds > 25)
    throw new Error(`HEARTBEAT_SECONDS must be more than 0 and at most 25, got "${env.HEARTBEAT_SECONDS}"`);
  return seconds;
}

/** A whole number in [min, max]: a count, a port, milliseconds. */
function whole(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
) {
  const n = int(env, name, fallback);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
  return n;
}

/** One of a few words, the first the default; a typo must not silently pick the default. */
function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly [T, ...T[]]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return values[0];
  if (!(values as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A bearer token travels in a header: visible ASCII only, no spaces. */
function token(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!/^[\x21-\x7e]+$/.test(raw))
    throw new Error(`${name} must be printable ASCII without spaces (it is sent as a Bearer token)`);
  return raw;
}

/** A connection string of one of `protocols`, required or not; its password never appears in the error. */
function connectionUrl(
  env: NodeJS.ProcessEnv,
  name: string,
  protocols: string[],
  required: boolean,
): string | null {
  const raw = env[name];
  if (!raw) {
    if (required)
      throw new Error(`${name} must be set for STORAGE=postgres (postgres://user:password@host:5432/db)`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} is not a URL (expected ${protocols[0]}//host:port/...)`);
  }
  if (!protocols.includes(url.protocol))
    throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = resolve(import.meta.dirname, '..', '..');
  if (env.REDIS_URL && env.STORAGE !== 'postgres')
    throw new Error(
      'REDIS_URL needs STORAGE=postgres (several server processes share one PostgreSQL database)',
    );
  return {
    host: env.HOST || '0.0.0.0',
    port: whole(env, 'PORT', 8080, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    storage: oneOf(env, 'STORAGE', ['sqlite', 'postgres', 'memory']),
    databaseUrl: connectionUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], env.STORAGE === 'postgres'),
    redisUrl: connectionUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], false),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['full', 'normal']),
    clientDir: resolve(env.CLIENT_DIR || resolve(root, 'client', 'dist')),
    licenseKey: env.TLDRAW_LICENSE_KEY || null,
    roomCreationCode: env.ROOM_CREATION_CODE || null,
    creationCodeLockoutBaseMs: whole(env, 'CREATION_CODE_LOCKOUT_BASE_MS', 10_000, 1),
    metricsToken: token(env, 'METRICS_TOKEN'),
    loopMonitorMs: whole(env, 'LOOP_MONITOR_MS', 10, 1, 1000),
    retentionDays: int(env, 'RETENTION_DAYS', 90),
    testHooks: env.TEST_HOOKS === '1',
    history: {
      maxPoints: int(env, 'RESTORE_POINTS_PER_ROOM', 50),
      maxBytes: int(env, 'RESTORE_POINT_BYTES_PER_ROOM', 64 * 1024 * 1024),
      autoEveryMs: int(env, 'RESTORE_POINT_MINUTES', 5) * 60_000,
      keepDays: int(env, 'RESTORE_POINT_DAYS', 30),
    },
    roomIdleMs: int(env, 'ROOM_IDLE_SECONDS', 60) * 1000,
    compactAfterUpdates: int(env, 'COMPACT_AFTER_UPDATES', 500),
    compactMinIntervalMs: int(env, 'COMPACT_MIN_INTERVAL_MS', 2000),
    // At most 25 s: the heartbeat also sends the keep-alive that a y-websocket client needs at
    // least every 30 s (sync/messages.ts, encodeKeepAlive), or it drops a quiet connection.
    heartbeatMs: heartbeatSeconds(env) * 1000,
    idleMs: int(env, 'IDLE_TIMEOUT_SECONDS', 120) * 1000,
    trustProxy: whole(env, 'TRUST_PROXY', 0),
    logLevel: env.LOG_LEVEL || 'info',
    production: env.NODE_ENV === 'production',
    limits: {
      maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', 1024 * 1024),
      messagesPerSecond: int(env, 'MAX_MESSAGES_PER_SECOND', 300),
      maxDocBytes: int(env, 'MAX_DOC_BYTES', 32 * 1024 * 1024),
      maxPeersPerRoom: int(env, 'MAX_PEERS_PER_ROOM', 50),
      maxViewersPerRoom: int(env, 'MAX_VIEWERS_PER_ROOM', 50),
      maxFacilitatorsPerRoom: int(env, 'MAX_FACILITATORS_PER_ROOM', 5),
      maxSendBufferBytes: int(env, 'MAX_SEND_BUFFER_BYTES', 256 * 1024 * 1024),
      refusalsPerMinute: int(env, 'REFUSALS_PER_MINUTE', 10),
      roomCreationsPerHour: int(env, 'ROOM_CREATIONS_PER_HOUR', 60),
    },
  };
}
