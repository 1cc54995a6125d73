/**
 * Several server processes serving the same rooms (REDIS_URL): what this process stores is
 * published with its sequence numbers, what others stored is applied here in sequence order
 * (Room.applyStored, SeqTracker), presence travels both ways, and a deleted room closes its
 * peers on every process. Nothing read from the bus is relayed without its stored sequence: a
 * hole (a message lost while Redis was away, a slow process) is filled from storage, never guessed.
 */
import type { Logger } from 'pino';
import type { RoomBus } from './RoomBus.ts';

/**
 * What the cluster needs of a loaded room (Room implements it): the rooms layer builds on the
 * cluster, never the other way round.
 */
export interface ClusterRoom {
  readonly id: string;
  /** Another process stored these updates as rows `from` to `to` (SeqTracker puts them in order). */
  applyStored(from: number, to: number, update: Uint8Array): void;
  /** Presence from another process (it passed that process's gate). */
  applyRemotePresence(update: Uint8Array): void;
  /** Merges in what storage holds (a hole that stayed open, the bus back after a break). */
  catchUp(): void;
}

/** How long a hole may stay open before the room reads storage (messages usually fill it first). */
const HOLE_GRACE_MS = 300;

export class RoomCluster {
  private readonly bus: RoomBus;
  private readonly log: Logger;
  private readonly rooms = new Map<string, ClusterRoom>();
  private readonly holeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly onDeleted: (roomId: string) => void;

  /** `onDeleted(roomId)`: another process deleted the room; the manager closes and drops it here. */
  constructor(bus: RoomBus, log: Logger, onDeleted: (roomId: string) => void) {
    this.bus = bus;
    this.log = log;
    this.onDeleted = onDeleted;
    bus.onReconnect(() => {
      for (const room of this.rooms.values()) this.catchUp(room);
    });
  }

  get busUp(): boolean {
    return this.bus.up;
  }

  /** This process stored `update` as rows `from` to `to` of the room (about to relay it here). */
  stored(room: ClusterRoom, update: Uint8Array, from: number, to: number): void {
    this.bus.publish(room.id, { kind: 'update', from, to, update });
  }

  /** A presence change made here. */
  presenceShared(room: ClusterRoom, update: Uint8Array): void {
    this.bus.publish(room.id, { kind: 'awareness', update });
  }

  /** An update another process stored is missing here: the room catches up soon. */
  holeOpened(room: ClusterRoom): void {
    this.scheduleCatchUp(room);
  }

  /** A room was loaded here: from now on it hears the other processes. */
  attach(room: ClusterRoom): void {
    this.rooms.set(room.id, room);
    this.bus.join(room.id, (message) => {
      const current = this.rooms.get(room.id);
      if (!current) return;
      if (message.kind === 'update') current.applyStored(message.from, message.to, message.update);
      else if (message.kind === 'awareness') current.applyRemotePresence(message.update);
      else this.onDeleted(room.id);
    });
    // What others stored between our reading storage and subscribing is read once more.
    this.scheduleCatchUp(room);
  }

  detach(roomId: string): void {
    this.rooms.delete(roomId);
    const timer = this.holeTimers.get(roomId);
    if (timer) clearTimeout(timer);
    this.holeTimers.delete(roomId);
    this.bus.leave(roomId);
  }

  /** This process deleted the room: every other process closes its peers. */
  deleted(roomId: string): void {
    this.bus.publish(roomId, { kind: 'deleted' });
  }

  async close(): Promise<void> {
    for (const id of [...this.rooms.keys()]) this.detach(id);
    await this.bus.close();
  }

  private scheduleCatchUp(room: ClusterRoom): void {
    if (this.holeTimers.has(room.id)) return;
    const timer = setTimeout(() => {
      this.holeTimers.delete(room.id);
      if (this.rooms.get(room.id) === room) this.catchUp(room);
    }, HOLE_GRACE_MS);
    timer.unref();
    this.holeTimers.set(room.id, timer);
  }

  private catchUp(room: ClusterRoom): void {
    const started = performance.now();
    try {
      room.catchUp();
      // Rare by design (a hole that stayed open, the bus back): worth a line, with what it cost.
      this.log.info(
        { roomId: room.id, ms: Math.round(performance.now() - started) },
        'room caught up from storage',
      );
    } catch (error) {
      this.log.error({ roomId: room.id, err: error }, 'catching up from storage failed; retrying');
      this.scheduleCatchUp(room);
    }
  }
}
