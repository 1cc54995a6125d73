/**
 * The bare relay: the least a y-websocket server can do. ws + y-protocols, one Y.Doc and one
 * awareness per room in memory, no validation, no auth. Run as its own process:
 *   node tests/src/bench/bareRelay.ts   (PORT, HOST from the environment; prints LISTENING <port>)
 * Clients connect to ws://HOST:PORT/<room>, as the stock WebsocketProvider does.
 *
 * With DURABLE_FILE set, it is the durable bare relay: every update is appended to a SQLite log
 * (WAL, synchronous=FULL, as our server writes) in one transaction per event-loop turn, and relayed
 * only once that commit returned: zero loss at the least cost, the floor our server is held to.
 */
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

interface BareRoom {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Map<WebSocket, Set<number>>;
}

const rooms = new Map<string, BareRoom>();

const durableFile = process.env.DURABLE_FILE;
const db = durableFile ? new DatabaseSync(durableFile) : null;
db?.exec(
  'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS log (room TEXT NOT NULL, data BLOB NOT NULL)',
);
const insert = db?.prepare('INSERT INTO log (room, data) VALUES (?, ?)');
let queued: { room: string; update: Uint8Array; relay: () => void }[] = [];

/** Relays at once, or (durable) once this turn's updates are committed. */
function relayWhenDurable(room: string, update: Uint8Array, relay: () => void): void {
  if (!db) {
    relay();
    return;
  }
  if (queued.length === 0)
    setImmediate(() => {
      const batch = queued;
      queued = [];
      db.exec('BEGIN');
      for (const q of batch) insert!.run(q.room, q.update);
      db.exec('COMMIT');
      for (const q of batch) q.relay();
    });
  queued.push({ room, update, relay });
}

function send(conn: WebSocket, message: Uint8Array): void {
  if (conn.readyState === conn.OPEN) conn.send(message);
}

function getRoom(name: string): BareRoom {
  let room = rooms.get(name);
  if (room) return room;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: BareRoom = { doc, awareness, conns: new Map() };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    relayWhenDurable(name, update, () => {
      for (const conn of created.conns.keys()) if (conn !== origin) send(conn, message);
    });
  });
  awareness.on(
    'update',
    (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const changed = [...added, ...updated, ...removed];
      const ids = origin ? created.conns.get(origin as WebSocket) : undefined;
      if (ids) {
        for (const id of [...added, ...updated]) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const conn of created.conns.keys()) if (conn !== origin) send(conn, message);
    },
  );
  rooms.set(name, created);
  room = created;
  return room;
}

function onMessage(conn: WebSocket, room: BareRoom, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  const encoder = encoding.createEncoder();
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC:
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, room.doc, conn);
      if (encoding.length(encoder) > 1) send(conn, encoding.toUint8Array(encoder));
      break;
    case MESSAGE_AWARENESS:
      awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), conn);
      break;
    case MESSAGE_QUERY_AWARENESS: {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      const ids = [...room.awareness.getStates().keys()];
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
      send(conn, encoding.toUint8Array(encoder));
      break;
    }
    default:
      break;
  }
}

const http = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('bare relay');
});
const wss = new WebSocketServer({ server: http });
wss.on('connection', (conn, req) => {
  const name = (req.url ?? '/').slice(1).split('?')[0] ?? '';
  const room = getRoom(name);
  room.conns.set(conn, new Set());
  conn.binaryType = 'arraybuffer';
  conn.on('message', (data: ArrayBuffer) => {
    try {
      onMessage(conn, room, new Uint8Array(data));
    } catch (error) {
      console.error('bad message', error);
    }
  });
  conn.on('close', () => {
    const ids = room.conns.get(conn);
    room.conns.delete(conn);
    if (ids?.size) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, room.doc);
  send(conn, encoding.toUint8Array(encoder));
  const states = [...room.awareness.getStates().keys()];
  if (states.length) {
    const aw = encoding.createEncoder();
    encoding.writeVarUint(aw, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
    send(conn, encoding.toUint8Array(aw));
  }
});

const port = Number(process.env.PORT ?? 0);
http.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  const address = http.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : port}`);
});
