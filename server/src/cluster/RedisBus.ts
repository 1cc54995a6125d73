/**
 * The RoomBus over Redis pub/sub: one channel per room (`patroonkaart:room:<id>`), binary
 * messages (busMessages.ts). `@redis/client` (node-redis, without its module add-ons) is Redis's own Node client. Pub/sub keeps
 * nothing: a message sent while a process was away is lost to it, which is why every update
 * carries its stored sequence number and a process fills any hole from storage (SeqTracker).
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import type { Logger } from 'pino';
import { type BusMessage, decodeBusMessage, encodeBusMessage } from './busMessages.ts';
import type { RoomBus } from './RoomBus.ts';

const channelOf = (roomId: string) => `patroonkaart:room:${roomId}`;

/**
 * Redis could not be reached at start. @redis/client has typed errors for some failures
 * (ConnectionTimeoutError, ReconnectStrategyError), but a refused or unresolvable address reaches
 * us as Node's own socket error (ECONNREFUSED, ENOTFOUND): so connect() wraps every failure in this.
 */
export class RedisUnavailable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'RedisUnavailable';
  }
}

export class RedisBus implements RoomBus {
  /** This process, so it can ignore its own messages. */
  readonly id = randomUUID();
  private readonly pub: ReturnType<typeof createClient>;
  private readonly sub: ReturnType<typeof createClient>;
  private readonly rooms = new Map<string, (message: BusMessage) => void>();
  private readonly reconnectListeners: (() => void)[] = [];
  private readonly log: Logger;
  private wasDown = false;
  private connected = false;

  private constructor(url: string, log: Logger) {
    this.log = log;
    const socket = {
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
      connectTimeout: 5000,
    };
    this.pub = createClient({ url, socket });
    this.sub = createClient({ url, socket });
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => {
        if (!this.wasDown)
          this.log.error(
            { err: error.message },
            'Redis is unavailable: partners on other server processes see changes once it is back (nothing accepted is lost)',
          );
        this.wasDown = true;
        this.connected = false;
      });
    }
    this.sub.on('ready', () => {
      this.connected = true;
      if (!this.wasDown) return;
      this.wasDown = false;
      this.log.warn('Redis is back: rooms catch up from storage');
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /** Connects both clients; throws RedisUnavailable when Redis cannot be reached at start. */
  static async connect(url: string, log: Logger): Promise<RedisBus> {
    const bus = new RedisBus(url, log);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis at REDIS_URL did not answer within 5 s')), 5000);
    });
    try {
      await Promise.race([Promise.all([bus.pub.connect(), bus.sub.connect()]), timeout]);
    } catch (error) {
      await Promise.allSettled([bus.pub.destroy(), bus.sub.destroy()]);
      throw new RedisUnavailable(error);
    } finally {
      clearTimeout(timer);
    }
    bus.connected = true;
    return bus;
  }

  get up(): boolean {
    return this.connected;
  }

  join(roomId: string, deliver: (message: BusMessage) => void): void {
    if (this.rooms.has(roomId)) return;
    this.rooms.set(roomId, deliver);
    this.sub
      .subscribe(
        channelOf(roomId),
        (raw: Buffer) => {
          const decoded = decodeBusMessage(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
          if (!decoded || decoded.sender === this.id) return;
          this.rooms.get(roomId)?.(decoded.message);
        },
        true,
      )
      .catch((error: unknown) => this.log.warn({ roomId, err: String(error) }, 'Redis subscribe failed'));
  }

  leave(roomId: string): void {
    if (!this.rooms.delete(roomId)) return;
    this.sub.unsubscribe(channelOf(roomId)).catch(() => {});
  }

  publish(roomId: string, message: BusMessage): void {
    const bytes = encodeBusMessage(this.id, message);
    this.pub
      .publish(channelOf(roomId), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      .catch(() => {
        // Logged once by the error handler; the other processes fill the hole from storage.
      });
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.rooms.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
