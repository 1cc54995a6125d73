/**
 * The WebSocket endpoint `/sync/<roomId>`. The token arrives as a subprotocol (see protocol
 * package, room.ts); every refusal is a close frame with a code from the shared table, so the
 * client can say in plain words what went wrong.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ballotInput,
  CLOSE_CODES,
  type CloseCodeName,
  isValidRoomId,
  PARTNER_PREFIX,
  PARTNER_SECRET_PATTERN,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
} from '@patroonkaart/protocol';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Config } from '../config.ts';
import { clientAddress } from '../http/clientAddress.ts';
import { encodeKeepAlive } from './messages.ts';
import { type SocketAdapter, wsAdapter } from './SocketAdapter.ts';

/**
 * What the endpoint needs of the rooms (RoomManager implements it), owned here so that the rooms
 * build on the wire format and never the other way round.
 */
export interface SyncRooms {
  /** Milliseconds an address refused too often must still wait before it may connect (0: none). */
  refusalWait(address: string): number;
  /**
   * Joins the socket to the room: its connection, or the close code that turns it away. Answers
   * once storage has (the token's room, the room's document when it is not loaded yet).
   */
  connect(
    roomId: string,
    token: string | null,
    socket: SocketAdapter,
    client: { address: string; author: string | null; ballot: string | null },
  ): Promise<RoomConnection | CloseCodeName>;
}

/** One socket's session in a room, as the endpoint drives it. */
export interface RoomConnection {
  /** A binary message from the socket. */
  message(data: Uint8Array): void;
  /** Refuses the session for a reason found here (a text frame, silence, a bug): counted, then closed. */
  refuse(code: CloseCodeName, detail: string): void;
  /** The socket closed. */
  closed(): void;
  /** When the socket last sent anything. */
  readonly lastMessageAt: number;
}

/** The protocol package's authorKey, synchronously (the upgrade handler cannot wait). */
export function authorKeyOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 24);
}

/** The protocol package's ballotKey, synchronously: whose anonymous votes this connection may cast. */
export function ballotKeyOf(secret: string, roomId: string): string {
  return createHash('sha256').update(ballotInput(secret, roomId)).digest('hex').slice(0, 24);
}

export interface SyncEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createSyncEndpoint(config: Config, rooms: SyncRooms, log: Logger): SyncEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    // Above our own limit so an oversized message gets our close code, not ws' bare 1009.
    maxPayload: config.limits.maxMessageBytes * 4,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false),
  });

  // Before a session exists (a bad room id, a wrong token, a throttled address): only the close
  // frame, nothing counted. Everything refused once a socket is in a room goes through Room's `refuse`.
  const turnAway = (ws: WebSocket, code: CloseCodeName) => {
    const entry = CLOSE_CODES[code];
    ws.close(entry.code, entry.reason);
  };

  // Liveness: every socket is pinged; one that has not answered the previous ping is dropped (a
  // laptop that went to sleep, a half-open connection), and one that answers pings but has sent
  // nothing for idleMs (our client renews its presence every 15 s) is closed, freeing its place.
  const alive = new WeakMap<WebSocket, boolean>();
  const connections = new Map<WebSocket, RoomConnection>();
  const keepAlive = encodeKeepAlive();
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
      const connection = connections.get(ws);
      if (connection && ws.readyState === ws.OPEN) ws.send(keepAlive);
      if (connection && now - connection.lastMessageAt > config.idleMs)
        connection.refuse('idle', 'silent socket');
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  const onConnection = (ws: WebSocket, req: IncomingMessage, roomId: string) => {
    ws.binaryType = 'nodebuffer';
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    if (!isValidRoomId(roomId)) return turnAway(ws, 'invalidRoomId');
    const address = clientAddress(req, config.trustProxy);
    if (rooms.refusalWait(address) > 0) return turnAway(ws, 'refusedTooOften');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered.find((p) => p.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? null;
    const secret = offered.find((p) => p.startsWith(PARTNER_PREFIX))?.slice(PARTNER_PREFIX.length) ?? '';
    const valid = PARTNER_SECRET_PATTERN.test(secret);
    const author = valid ? authorKeyOf(secret) : null;
    const ballot = valid ? ballotKeyOf(secret, roomId) : null;
    // Until the room answers (storage is asked), what the socket sends waits, in order, within
    // the size of one message: a client sends its sync step 1 and presence, nothing more, unasked.
    let early: { data: Buffer; isBinary: boolean }[] | null = [];
    let earlyBytes = 0;
    let gone = false;
    const handle = (connection: RoomConnection, data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        connection.refuse('malformed', 'text frame');
        return;
      }
      try {
        connection.message(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        // A bug must cost one connection, never the process.
        log.error({ err: error, roomId }, 'unexpected error handling a message');
        connection.refuse('malformed', 'unexpected error');
      }
    };
    let joined: RoomConnection | null = null;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (joined) return handle(joined, data, isBinary);
      if (!early) return;
      earlyBytes += data.byteLength;
      if (earlyBytes > config.limits.maxMessageBytes) {
        early = null;
        return turnAway(ws, 'messageTooLarge');
      }
      early.push({ data, isBinary });
    });
    ws.on('close', () => {
      gone = true;
      connections.delete(ws);
      joined?.closed();
    });
    ws.on('error', () => ws.terminate());
    rooms.connect(roomId, token, wsAdapter(ws), { address, author, ballot }).then(
      (connection) => {
        if (typeof connection === 'string') return turnAway(ws, connection);
        // Closed while the room was read: the session leaves at once.
        if (gone) return connection.closed();
        joined = connection;
        connections.set(ws, connection);
        const waiting = early ?? [];
        early = null;
        for (const m of waiting) handle(connection, m.data, m.isBinary);
      },
      (error: unknown) => {
        log.error({ err: error, roomId }, 'could not open room');
        if (!gone) turnAway(ws, 'storageFailure');
      },
    );
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const roomId = safeDecode(url.pathname.slice(`${SYNC_PATH}/`.length));
      // Not a closure: one here would share this function's context with the callback below, and
      // so keep the request (its headers, the URL) alive for as long as the socket lives.
      socket.on('error', destroySocket);
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          onConnection(ws, req, roomId);
        } catch (error) {
          log.error({ err: error, roomId }, 'could not open room');
          turnAway(ws, 'storageFailure');
        }
      });
    },
    close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

/**
 * The room id from the path. Bad percent-encoding makes decodeURIComponent throw, and this runs in
 * the server's 'upgrade' listener, where a throw would take the process down: it becomes an id
 * that fails the format check (4422) instead.
 */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
