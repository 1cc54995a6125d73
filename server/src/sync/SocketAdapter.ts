/**
 * The room talks to a socket only through this adapter, so room logic is tested without sockets
 * and the transport (ws today) can change without touching it.
 */
import type { WebSocket } from 'ws';

export interface SocketAdapter {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once: for a reader too slow to receive even a close frame. */
  terminate(): void;
  readonly isOpen: boolean;
  /** Bytes queued but not yet sent: a slow reader is closed before it exhausts memory. */
  readonly bufferedAmount: number;
}

export function wsAdapter(ws: WebSocket): SocketAdapter {
  return {
    send(data) {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
    terminate() {
      ws.terminate();
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}
