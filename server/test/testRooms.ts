/**
 * Fakes for testing room logic without sockets: a SocketAdapter that records what it was sent and
 * how it was closed, and a RoomManager over MemoryStorage with a silent logger. Test code only.
 */
import type { Role } from '@patroonkaart/protocol';
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import pino from 'pino';
import * as Y from 'yjs';
import { readConfig } from '../src/config.ts';
import { Metrics } from '../src/metrics.ts';
import { RoomAccess } from '../src/rooms/access/RoomAccess.ts';
import { docFromStorage } from '../src/rooms/document/docFromStorage.ts';
import type { History } from '../src/rooms/history/History.ts';
import { Retention } from '../src/rooms/Retention.ts';
import type { Room } from '../src/rooms/Room.ts';
import { RoomManager } from '../src/rooms/RoomManager.ts';
import { RoomSession } from '../src/rooms/session/RoomSession.ts';
import { MemoryStorage } from '../src/storage/MemoryStorage.ts';
import { type ClientMessage, decodeMessage } from '../src/sync/messages.ts';
import type { SocketAdapter } from '../src/sync/SocketAdapter.ts';

export class FakeSocket implements SocketAdapter {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  /** Called on every send, before the frame is recorded: lets a test check the world at that moment. */
  onSend: ((data: Uint8Array) => void) | null = null;

  get isOpen(): boolean {
    return this.closed === null;
  }

  send(data: Uint8Array): void {
    if (this.closed) return;
    this.onSend?.(data);
    this.sent.push(data);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  terminate(): void {
    this.closed ??= { code: 1006, reason: 'terminated' };
  }

  messages(): ClientMessage[] {
    return this.sent.map((d) => decodeMessage(d));
  }

  /** Document updates this socket was sent (sync step 2 answers and relayed updates). */
  updates(): Uint8Array[] {
    return this.messages().flatMap((m) => (m.kind === 'sync-update' ? [m.update] : []));
  }
}

export interface TestRooms {
  storage: MemoryStorage;
  manager: RoomManager;
  /** Creating rooms, the role of a token, the share links. */
  access: RoomAccess;
  /** The retention period over the same storage and rooms (no timer: tests call `apply`). */
  retention: Retention;
  /** The manager's own restore points, reached past its API so a test can give them the time. */
  history: History;
  metrics: Metrics;
  /** Creates a room from a template and loads it. */
  createRoom(template?: string): Promise<Room>;
  /** Joins a new session with a fake socket to the room. */
  connect(
    room: Room,
    role: Role,
    author?: string,
    ballot?: string,
  ): { session: RoomSession; socket: FakeSocket };
  /** The document exactly as storage holds it. */
  storedDoc(room: Room): Y.Doc;
}

export function createTestRooms(
  env: Record<string, string> = {},
  storage: MemoryStorage = new MemoryStorage(),
): TestRooms {
  const metrics = new Metrics();
  const config = readConfig({ STORAGE: 'memory', ...env });
  const schema = createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>;
  const log = pino({ level: 'silent' });
  const manager = new RoomManager(storage, schema, config, log, metrics);
  const access = new RoomAccess(storage, schema, log, metrics);
  return {
    storage,
    manager,
    access,
    retention: new Retention(storage, config.retentionDays, manager, log),
    // biome-ignore lint/complexity/useLiteralKeys: test support reaches the private History on purpose
    history: manager['history'],
    metrics,
    async createRoom(template = 'structuur-lost-alles-op') {
      const created = await access.createRoom(template);
      if (!created) throw new Error(`unknown template ${template}`);
      const room = await manager.load(created.roomId);
      if (!room) throw new Error('room did not load');
      return room;
    },
    connect(room, role, author, ballot) {
      const socket = new FakeSocket();
      const session = new RoomSession(socket, role, config.limits.messagesPerSecond, {
        author: author ?? null,
        ballot: ballot ?? null,
      });
      room.join(session);
      return { session, socket };
    },
    storedDoc(room) {
      return docFromStorage(storage.loadDocNow(room.id), TEXT_FIELDS);
    },
  };
}

/** A client's copy of the room's current document, indexed with our cards' text fields as the client's is. */
export function clientDoc(room: Room): Y.Doc {
  const doc = new Y.Doc();
  recordIndex(doc, TEXT_FIELDS);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  return doc;
}

/** Runs `change` on a client doc and returns the update it produced, as a client would send it. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('update', onUpdate);
  try {
    doc.transact(change);
  } finally {
    doc.off('update', onUpdate);
  }
  return Y.mergeUpdates(updates);
}

/** Lets the persist queue's end-of-tick flush run. */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether two documents hold the same content (same state vector and same JSON). */
export function sameDoc(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    stableJson(a.getMap('records').toJSON()) === stableJson(b.getMap('records').toJSON())
  );
}

/** JSON with object keys sorted, so two docs that integrated the same items in another order compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
