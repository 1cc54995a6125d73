/**
 * The rooms loaded in this process: reads them from storage on demand (migrating an old document;
 * joins that arrive together share one read), joins sockets to them (`connect`), unloads idle
 * ones, deletes them (here and on the other processes), and stops them all. Owns what every room
 * shares: the persist queue, the restore points (History), compactions and the stored-state reads
 * behind them (Compactions, StoredStates), the refusal lockout and, with REDIS_URL, the cluster.
 * None of it is reachable from outside; creating rooms and their tokens is RoomAccess, retention
 * is Retention.
 */
import type { CloseCodeName } from '@patroonkaart/protocol';
import { REFERENCE_RULES, TEXT_FIELDS } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type { Logger } from 'pino';
import type { RoomBus } from '../cluster/RoomBus.ts';
import { RoomCluster } from '../cluster/RoomCluster.ts';
import type { Config } from '../config.ts';
import { Lockout } from '../limits/Lockout.ts';
import type { Metrics } from '../metrics.ts';
import { StateMerger } from '../storage/merge/StateMerger.ts';
import type { RestorePointInfo, Storage } from '../storage/Storage.ts';
import type { SocketAdapter } from '../sync/SocketAdapter.ts';
import type { RoomConnection, SyncRooms } from '../sync/syncEndpoint.ts';
import { authenticate } from './access/RoomAccess.ts';
import { mapRecords } from './document/mapRecords.ts';
import { History } from './history/History.ts';
import { Compactions } from './persistence/Compactions.ts';
import { PersistQueue } from './persistence/PersistQueue.ts';
import { StoredStates } from './persistence/StoredStates.ts';
import type { RetainedRooms } from './Retention.ts';
import { Room, type RoomServices } from './Room.ts';
import { type Refusal, refusal } from './session/Refusal.ts';
import { RoomSession } from './session/RoomSession.ts';
import { SilentRounds } from './silent/SilentRounds.ts';

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

export class RoomManager implements SyncRooms, RetainedRooms {
  private readonly rooms = new Map<string, Room>();
  /** Rooms being read from storage: a second socket for one waits for the same load. */
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly compactions: Compactions;
  /** Merges a room's stored log off the event loop: compactions, a big room's newcomers. */
  private readonly merger = new StateMerger();
  private readonly states: StoredStates;
  private readonly queue: PersistQueue;
  /** Addresses whose updates were refused too often wait before they may connect again. */
  private readonly refusals: Lockout;
  private readonly history: History;
  /** What every room is given: the queue, storage, history, the cluster and this manager. */
  private readonly services: RoomServices;
  private readonly storage: Storage;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly config: Config;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Rooms deleted while they were being read: the read serves nothing. */
  private readonly deletedWhileLoading = new Set<string>();
  /** Set when several processes serve the rooms (REDIS_URL); null for one process. */
  private readonly cluster: RoomCluster | null;
  /** Silent rounds: the answers waiting in storage, their counts and the reveal (rooms/silent). */
  readonly silent: SilentRounds;

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
    this.states = new StoredStates(storage, this.merger);
    this.compactions = new Compactions(
      storage,
      this.states,
      config.compactMinIntervalMs,
      (room) => this.rooms.get(room.id) === room,
      log,
    );
    this.history = new History(
      storage,
      config.history,
      (roomId, error) => this.log.error({ roomId, err: error }, 'restore point not stored'),
      (roomId) => this.storedState(roomId),
    );
    this.queue = new PersistQueue(storage, metrics, (roomIds, error) =>
      this.log.error({ err: error, rooms: roomIds }, 'storage write failed; nothing was relayed'),
    );
    this.services = {
      queue: this.queue,
      storage,
      states: this.states,
      history: this.history,
      cluster: this.cluster,
      owner: {
        bufferedBytes: () => this.bufferedBytes(),
        refused: (room, session, why) => this.countRefusal(room, session, why),
        emptied: (room) => this.scheduleUnload(room),
        compactionDue: (room) => this.compactions.due(room),
      },
    };
    this.silent = new SilentRounds(storage, {
      room: (id) => this.load(id),
      flush: () => this.queue.flush(),
    });
  }

  /** Rooms loaded in this process. */
  get loadedCount(): number {
    return this.rooms.size;
  }

  /** With several processes (REDIS_URL): whether the bus is connected now; null for one process. */
  get busUp(): boolean | null {
    return this.cluster ? this.cluster.busUp : null;
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
  async connect(
    roomId: string,
    token: string | null,
    socket: SocketAdapter,
    client: { address: string; author: string | null; ballot: string | null },
  ): Promise<RoomConnection | CloseCodeName> {
    const auth = await authenticate(this.storage, roomId, token);
    if ('error' in auth) return auth.error;
    const room = await this.load(roomId);
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

  /** The loaded room, loading (and migrating) it from storage first when needed. */
  load(roomId: string): Promise<Room | null> {
    const loaded = this.rooms.get(roomId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(roomId);
    if (!loading) {
      loading = this.read(roomId).finally(() => {
        this.loading.delete(roomId);
        this.deletedWhileLoading.delete(roomId);
      });
      this.loading.set(roomId, loading);
    }
    return loading;
  }

  /** Reads a room from storage (the event loop goes on meanwhile), then serves it from memory. */
  private async read(roomId: string): Promise<Room | null> {
    const started = performance.now();
    if (!(await this.storage.getRoom(roomId))) return null;
    const [stored] = await Promise.all([this.storage.loadDoc(roomId), this.history.prime(roomId)]);
    // Deleted while it was read (here or by another process): nothing to serve.
    if (this.deletedWhileLoading.has(roomId)) return null;
    const rules = {
      schema: this.schema,
      references: REFERENCE_RULES,
      textFields: TEXT_FIELDS,
      compactAfterUpdates: this.config.compactAfterUpdates,
    };
    const room = new Room(roomId, stored, rules, this.config.limits, this.services);
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

  async deleteRoom(roomId: string): Promise<void> {
    this.dropDeleted(roomId);
    await this.storage.deleteRoom(roomId);
    this.cluster?.deleted(roomId);
    this.log.info({ roomId }, 'room deleted');
  }

  /** Closes a deleted room's peers here and forgets it (deleted here or by another process). */
  private dropDeleted(roomId: string): void {
    this.history.forget(roomId);
    if (this.loading.has(roomId)) this.deletedWhileLoading.add(roomId);
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.queue.flush();
    room.closeAll('roomDeleted');
    room.destroy();
    this.rooms.delete(roomId);
    this.cluster?.detach(roomId);
  }

  /** Whether anyone is connected to the room here (retention spares it). */
  inUse(roomId: string): boolean {
    return (this.rooms.get(roomId)?.peerCount ?? 0) > 0;
  }

  /** A room's whole state as storage holds it once everything accepted so far is durable (an automatic point). */
  private async storedState(roomId: string): Promise<Uint8Array> {
    await this.queue.whenStored();
    return (await this.states.readAlone(roomId)).state;
  }

  /** Writes everything, compacts loaded rooms, tells peers the server is going. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.compactions.stop();
    this.queue.flush();
    for (const room of this.rooms.values()) {
      this.history.settle(room.id);
      this.compactions.now(room);
      room.closeAll('serverRestarting');
      room.destroy();
      this.cluster?.detach(room.id);
    }
    this.rooms.clear();
    await Promise.all([this.history.drain(), this.compactions.drain()]);
    this.history.close();
    this.merger.close();
  }

  /** Stops hearing the other processes (after `stop`, once the sockets are closed). */
  async closeBus(): Promise<void> {
    await this.cluster?.close();
  }

  /** The room's restore points, newest first. */
  restorePoints(roomId: string): Promise<RestorePointInfo[]> {
    return this.history.list(roomId);
  }

  /** "Bewaar dit moment": a restore point of the room now; null when it does not exist. */
  async saveRestorePoint(roomId: string, label: string, now = Date.now()): Promise<RestorePointInfo | null> {
    const room = await this.load(roomId);
    return room ? this.history.take(room, 'manual', label, now) : null;
  }

  /** A restore point and the map's records at it, as UTF-8 JSON in parts (a preview); null when gone. */
  restorePointJson(roomId: string, pointId: number): Promise<Uint8Array[] | null> {
    return this.history.pointJson(roomId, pointId);
  }

  /**
   * Puts the map back as it was at a restore point, as the server's own change that every screen
   * receives; returns the point taken just before (so the restore can be undone), null when gone.
   */
  async restore(roomId: string, pointId: number, now = Date.now()): Promise<RestorePointInfo | null> {
    const room = await this.load(roomId);
    return room ? this.history.restore(room, pointId, now) : null;
  }

  /**
   * The room's map now: every record but the conversation's, in the current schema (a template is
   * made of it); null when the room does not exist. A loaded room is read as it is in memory (what
   * its facilitator sees); one that is not is read from storage and stays unloaded.
   */
  async mapRecords(roomId: string): Promise<Record<string, unknown>[] | null> {
    const loaded = this.rooms.get(roomId);
    if (loaded) return mapRecords({ state: loaded.encodeState() }, this.schema);
    if (!(await this.storage.getRoom(roomId))) return null;
    const stored = await this.storage.loadDoc(roomId);
    // Loaded meanwhile: read as it is in memory, as above.
    const now = this.rooms.get(roomId);
    return mapRecords(now ? { state: now.encodeState() } : { stored }, this.schema);
  }

  private unload(room: Room): void {
    if (room.peerCount > 0 || this.rooms.get(room.id) !== room) return;
    this.queue.flush();
    this.history.settle(room.id);
    this.compactions.now(room);
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
