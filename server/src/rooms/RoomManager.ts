/**
 * Loads rooms on demand, creates and deletes them, unloads idle ones, compacts their logs and
 * applies the retention period. Owns the persist queue shared by all rooms.
 */
import { EMPTY_TEMPLATE_ID, getTemplate } from '@patroonkaart/model';
import { type CloseCodeName, type Role, roomPath } from '@patroonkaart/protocol';
import { baseRecords, REFERENCE_RULES, TEXT_FIELDS, templateRecords } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type { Logger } from 'pino';
import type { RoomBus } from '../cluster/RoomBus.ts';
import { RoomCluster } from '../cluster/RoomCluster.ts';
import type { Config } from '../config.ts';
import { Lockout } from '../limits/Lockout.ts';
import type { Metrics } from '../metrics.ts';
import type { Storage } from '../storage/Storage.ts';
import type { SocketAdapter } from '../sync/SocketAdapter.ts';
import type { RoomConnection, SyncRooms } from '../sync/syncEndpoint.ts';
import { History } from './History.ts';
import { PersistQueue } from './PersistQueue.ts';
import { type Refusal, refusal } from './Refusal.ts';
import { Room, type RoomServices } from './Room.ts';
import { RoomSession } from './RoomSession.ts';
import { createRoomDoc } from './roomDoc.ts';
import {
  hashToken,
  newRoomId,
  newToken,
  openLinks,
  ownFacilitatorToken,
  roleForToken,
  sealLinks,
  tableToken,
} from './tokens.ts';

/** The room of an imported map: only a page (see packages/model, EMPTY_TEMPLATE_ID). */
export const EMPTY_TEMPLATE = EMPTY_TEMPLATE_ID;

/**
 * Refusals that cost the server work or only a hostile client provokes: they count towards
 * throttling. A forged conversation write (4403) is read and forecast like any update before it
 * is refused, so repeating it costs as much as repeating an invalid one.
 */
const THROTTLED: ReadonlySet<CloseCodeName> = new Set([
  'invalidRecord',
  'malformed',
  'messageTooLarge',
  'tooManyMessages',
  'notAllowed',
]);

export interface CreatedRoom {
  roomId: string;
  facilitatorUrl: string;
  editUrl: string;
  viewUrl: string;
}

export class RoomManager implements SyncRooms {
  readonly rooms = new Map<string, Room>();
  private readonly queue: PersistQueue;
  /** Addresses whose updates were refused too often wait before they may connect again. */
  private readonly refusals: Lockout;
  readonly history: History;
  /** What every room is given: the queue, storage, history, the cluster and this manager. */
  private readonly services: RoomServices;
  private readonly storage: Storage;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly config: Config;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly compactionPending = new WeakSet<Room>();
  private readonly lastCompaction = new WeakMap<Room, number>();
  private readonly sweepTimer: ReturnType<typeof setInterval>;

  /** Set when several processes serve the rooms (REDIS_URL); null for one process. */
  readonly cluster: RoomCluster | null;

  constructor(
    storage: Storage,
    schema: StoreSchema<UnknownRecord, unknown>,
    config: Config,
    log: Logger,
    metrics: Metrics,
    bus: RoomBus | null = null,
  ) {
    this.cluster = bus ? new RoomCluster(bus, log, (roomId) => this.dropDeleted(roomId)) : null;
    this.storage = storage;
    this.schema = schema;
    this.config = config;
    this.log = log;
    this.metrics = metrics;
    // REFUSALS_PER_MINUTE a minute, then the address waits 10 s, doubling to 15 min; 0: no throttle.
    this.refusals = new Lockout({
      freeFailures: config.limits.refusalsPerMinute,
      windowMs: 60_000,
      baseMs: 10_000,
      maxMs: 15 * 60_000,
    });
    this.history = new History(storage, schema, TEXT_FIELDS, config.history);
    this.queue = new PersistQueue(storage, metrics, (roomIds, error) =>
      this.log.error({ err: error, rooms: roomIds }, 'storage write failed; nothing was relayed'),
    );
    this.services = {
      queue: this.queue,
      storage,
      history: this.history,
      cluster: this.cluster,
      owner: {
        bufferedBytes: () => this.bufferedBytes(),
        refused: (room, session, why) => this.countRefusal(room, session, why),
        emptied: (room) => this.scheduleUnload(room),
        compactionDue: (room) => this.scheduleCompaction(room),
      },
    };
    this.sweepTimer = setInterval(() => this.applyRetention(), 60 * 60 * 1000);
    this.sweepTimer.unref();
  }

  /** Rooms loaded in this process. */
  get loadedCount(): number {
    return this.rooms.size;
  }

  get peerCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peerCount;
    return n;
  }

  /** Milliseconds an address refused too often must still wait before it may connect (0: none). */
  refusalWait(address: string): number {
    return this.refusals.waitMs(address);
  }

  /**
   * A socket that asks to join a room with a token: the connection the endpoint hands its
   * messages to, or the close code to turn it away with (an unknown room, a wrong token). A full
   * room closes the socket itself (4429), and the connection then has nothing more to do.
   */
  connect(
    roomId: string,
    token: string | null,
    socket: SocketAdapter,
    client: { address: string; author: string | null },
  ): RoomConnection | CloseCodeName {
    const auth = this.authenticate(roomId, token);
    if ('error' in auth) return auth.error;
    const room = this.load(roomId);
    if (!room) return 'roomNotFound';
    const session = new RoomSession(socket, auth.role, this.config.limits.messagesPerSecond, client);
    // Each message goes to the room loaded now: after a deletion the session is in none, and nothing happens.
    const connection: RoomConnection = {
      message: (data) => this.rooms.get(roomId)?.handleMessage(session, data),
      refuse: (code, detail) => this.rooms.get(roomId)?.refuse(session, refusal(code, detail)),
      closed: () => this.rooms.get(roomId)?.leave(session),
      get lastMessageAt() {
        return session.lastMessageAt;
      },
    };
    if (room.join(session)) this.log.debug({ roomId, session: session.id, role: auth.role }, 'peer joined');
    return connection;
  }

  knowsTemplate(templateId: string): boolean {
    return templateId === EMPTY_TEMPLATE || getTemplate(templateId) !== undefined;
  }

  /**
   * `workshopKey`: the room is a table of that workshop; its facilitator token is derived from the
   * key (tokens.ts, tableToken), so the key opens it and its own token opens nothing else.
   */
  createRoom(templateId: string, options: { workshopKey?: string } = {}): CreatedRoom | null {
    // 'empty' is a room with only a page: the target of an imported map.
    const template = templateId === EMPTY_TEMPLATE ? null : getTemplate(templateId);
    if (!template && templateId !== EMPTY_TEMPLATE) return null;
    const roomId = newRoomId();
    const tokens = {
      facilitator: options.workshopKey ? tableToken(options.workshopKey, roomId) : newToken(),
      edit: newToken(),
      view: newToken(),
    };
    const records = [
      ...baseRecords('Pagina 1'),
      ...(template ? templateRecords(template, { pageId: 'page:page' }) : []),
    ];
    const now = Date.now();
    this.storage.createRoom(
      {
        id: roomId,
        template: template?.id ?? EMPTY_TEMPLATE,
        createdAt: now,
        touchedAt: now,
        facilitatorTokenHash: hashToken(tokens.facilitator),
        editTokenHash: hashToken(tokens.edit),
        viewTokenHash: hashToken(tokens.view),
        sealedLinks: sealLinks(tokens.facilitator, { edit: tokens.edit, view: tokens.view }),
      },
      createRoomDoc(this.schema, TEXT_FIELDS, records),
    );
    this.metrics.roomCreated();
    this.log.info({ roomId, template: template?.id ?? EMPTY_TEMPLATE }, 'room created');
    return {
      roomId,
      facilitatorUrl: roomPath(roomId, tokens.facilitator),
      editUrl: roomPath(roomId, tokens.edit),
      viewUrl: roomPath(roomId, tokens.view),
    };
  }

  /** The role a token grants in a room, or null (unknown room or wrong token). */
  authenticate(
    roomId: string,
    token: string | null,
  ): { role: Role } | { error: 'roomNotFound' | 'unauthorized' } {
    const room = this.storage.getRoom(roomId);
    if (!room) return { error: 'roomNotFound' };
    const role = roleForToken(room, token);
    return role ? { role } : { error: 'unauthorized' };
  }

  /**
   * The share links, for the facilitator only (their token unseals the others): always this
   * room's own, never a workshop's key, so a table's co-facilitator gets that table alone.
   */
  shareLinks(roomId: string, facilitatorToken: string): CreatedRoom | null {
    const room = this.storage.getRoom(roomId);
    const own = room ? ownFacilitatorToken(room, facilitatorToken) : null;
    if (!room || !own) return null;
    const links = openLinks(own, room.sealedLinks);
    if (!links) return null;
    return {
      roomId,
      facilitatorUrl: roomPath(roomId, own),
      editUrl: roomPath(roomId, links.edit),
      viewUrl: roomPath(roomId, links.view),
    };
  }

  /** The loaded room, loading (and migrating) it from storage first when needed. */
  load(roomId: string): Room | null {
    const loaded = this.rooms.get(roomId);
    if (loaded) return loaded;
    if (!this.storage.getRoom(roomId)) return null;
    const started = performance.now();
    const rules = {
      schema: this.schema,
      references: REFERENCE_RULES,
      textFields: TEXT_FIELDS,
      compactAfterUpdates: this.config.compactAfterUpdates,
    };
    const room = new Room(roomId, this.storage.loadDoc(roomId), rules, this.config.limits, this.services);
    const migration = room.migrate();
    if (migration.failed.length)
      this.log.error(
        { roomId, failed: migration.failed },
        'the room could not be migrated; it is served as stored',
      );
    if (migration.docIsNewer)
      this.log.error({ roomId }, 'room was written by a newer schema than this server');
    this.rooms.set(roomId, room);
    this.cluster?.attach(room);
    this.log.info(
      { roomId, ms: Math.round(performance.now() - started), migrated: migration.migrated },
      'room loaded',
    );
    return room;
  }

  deleteRoom(roomId: string): void {
    this.dropDeleted(roomId);
    this.storage.deleteRoom(roomId);
    this.cluster?.deleted(roomId);
    this.log.info({ roomId }, 'room deleted');
  }

  /** Closes a deleted room's peers here and forgets it (deleted here or by another process). */
  private dropDeleted(roomId: string): void {
    this.history.forget(roomId);
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.queue.flush();
    room.closeAll('roomDeleted');
    room.destroy();
    this.rooms.delete(roomId);
    this.cluster?.detach(roomId);
  }

  /**
   * Deletes rooms untouched for the retention period. A room someone is connected to is never
   * expired: `touchedAt` moves only with edits, so a long read-only session (or RETENTION_DAYS=0,
   * "keep nothing after the session") must not pull the map from under its viewers.
   */
  applyRetention(now = Date.now()): number {
    const cutoff = now - this.config.retentionDays * 24 * 60 * 60 * 1000;
    const expired = this.storage
      .roomsUntouchedSince(cutoff)
      .filter((id) => (this.rooms.get(id)?.peerCount ?? 0) === 0);
    for (const id of expired) this.deleteRoom(id);
    if (expired.length) this.log.info({ count: expired.length }, 'expired rooms deleted');
    return expired.length;
  }

  /** Writes everything, compacts loaded rooms, tells peers the server is going. */
  stop(): void {
    clearInterval(this.sweepTimer);
    for (const t of this.timers) clearTimeout(t);
    this.queue.flush();
    for (const room of this.rooms.values()) {
      this.history.settle(room.id);
      this.compact(room);
      room.closeAll('serverRestarting');
      room.destroy();
      this.cluster?.detach(room.id);
    }
    this.rooms.clear();
  }

  unload(room: Room): void {
    if (room.peerCount > 0 || this.rooms.get(room.id) !== room) return;
    this.queue.flush();
    this.history.settle(room.id);
    this.compact(room);
    room.destroy();
    this.rooms.delete(room.id);
    this.cluster?.detach(room.id);
    this.log.info({ roomId: room.id }, 'room unloaded');
  }

  private scheduleUnload(room: Room): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (room.peerCount === 0 && room.idleFor() >= this.config.roomIdleMs - 5) this.unload(room);
    }, this.config.roomIdleMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Soon, and no sooner than the minimum interval after the room's last compaction. */
  private scheduleCompaction(room: Room): void {
    if (this.compactionPending.has(room)) return;
    this.compactionPending.add(room);
    const last = this.lastCompaction.get(room) ?? Number.NEGATIVE_INFINITY;
    const wait = Math.max(0, last + this.config.compactMinIntervalMs - performance.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.compactionPending.delete(room);
      if (this.rooms.get(room.id) === room) this.compact(room);
    }, wait);
    this.timers.add(timer);
  }

  private compact(room: Room): void {
    // Only a document with nothing waiting is exactly what storage holds up to its last sequence.
    const snapshot = room.snapshot();
    if (!snapshot) return;
    this.lastCompaction.set(room, performance.now());
    try {
      this.storage.compact(room.id, snapshot.state, snapshot.lastSeq);
      room.compacted(snapshot.state.byteLength);
    } catch (error) {
      this.log.error({ roomId: room.id, err: error }, 'compaction failed; the update log is kept');
    }
  }

  /** Every refusal is counted and logged here (details bounded), whoever found it. */
  private countRefusal(room: Room, session: RoomSession, why: Refusal): void {
    if (why.code === 'invalidRecord' || why.code === 'malformed') this.metrics.countRejected('update');
    if (why.rolledBack) this.metrics.countRejected('rolledBack');
    this.metrics.countRejected('message');
    const throttled =
      THROTTLED.has(why.code) &&
      this.config.limits.refusalsPerMinute > 0 &&
      this.refusals.fail(session.address);
    this.log.warn(
      {
        roomId: room.id,
        session: session.id,
        role: session.role,
        code: why.code,
        detail: why.detail,
        throttled,
        rolledBack: why.rolledBack ?? false,
      },
      'message refused',
    );
  }

  /** Bytes waiting in the sockets of every loaded room. */
  private bufferedBytes(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.bufferedBytes;
    return total;
  }
}
