/**
 * How a server process hears what other processes did to the rooms it has loaded, and tells them
 * what it did. Without REDIS_URL there is none (one process serves everything); RedisBus is the
 * implementation. Room logic never sees Redis: the manager subscribes each loaded room and hands
 * it the messages.
 */
import type { BusMessage } from './busMessages.ts';

export interface RoomBus {
  /** Starts delivering the room's messages from other processes to `deliver`. */
  join(roomId: string, deliver: (message: BusMessage) => void): void;
  leave(roomId: string): void;
  publish(roomId: string, message: BusMessage): void;
  /** Called after the bus was down and is back: messages may have been missed meanwhile. */
  onReconnect(listener: () => void): void;
  /** Whether the bus is connected now (for /healthz). */
  readonly up: boolean;
  close(): Promise<void>;
}
