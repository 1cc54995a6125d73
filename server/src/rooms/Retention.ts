/**
 * The retention period (RETENTION_DAYS): rooms no edit touched for that long are deleted, at start
 * and every hour. A room someone is connected to is never expired: `touchedAt` moves only with
 * edits, so a long read-only session (or RETENTION_DAYS=0, "keep nothing after the session") must
 * not pull the map from under its viewers.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/Storage.ts';

/** What retention needs of the loaded rooms (RoomManager implements it). */
export interface RetainedRooms {
  /** Whether anyone is connected to the room in this process. */
  inUse(roomId: string): boolean;
  /** Deletes it everywhere (closing its peers here and on the other processes). */
  deleteRoom(roomId: string): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

export class Retention {
  private readonly storage: Storage;
  private readonly days: number;
  private readonly rooms: RetainedRooms;
  private readonly log: Logger;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(storage: Storage, days: number, rooms: RetainedRooms, log: Logger) {
    this.storage = storage;
    this.days = days;
    this.rooms = rooms;
    this.log = log;
  }

  /** Applies the period now and every hour from now on. */
  start(): void {
    const apply = () =>
      this.apply().catch((error: unknown) =>
        this.log.error({ err: error }, 'retention failed; tried again in an hour'),
      );
    void apply();
    this.timer = setInterval(apply, HOUR_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Deletes the expired rooms nobody is connected to; returns how many. */
  async apply(now = Date.now()): Promise<number> {
    const cutoff = now - this.days * 24 * HOUR_MS;
    const untouched = await this.storage.roomsUntouchedSince(cutoff);
    const expired = untouched.filter((id) => !this.rooms.inUse(id));
    for (const id of expired) await this.rooms.deleteRoom(id);
    if (expired.length) this.log.info({ count: expired.length }, 'expired rooms deleted');
    return expired.length;
  }
}
