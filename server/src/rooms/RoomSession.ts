/** One partner's connection to a room: its socket, its role, its awareness ids, its rate. */
import type { Role } from '@patroonkaart/protocol';
import type { SocketAdapter } from '../sync/SocketAdapter.ts';

let nextSessionId = 1;

export class RoomSession {
  readonly id = nextSessionId++;
  readonly socket: SocketAdapter;
  readonly role: Role;
  /** Awareness client ids this connection has published, removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  private tokens: number;
  private lastRefill: number;
  private readonly ratePerSecond: number;

  constructor(socket: SocketAdapter, role: Role, ratePerSecond: number, now = Date.now()) {
    this.socket = socket;
    this.role = role;
    this.ratePerSecond = ratePerSecond;
    this.tokens = ratePerSecond * 2;
    this.lastRefill = now;
  }

  get canWrite(): boolean {
    return this.role !== 'view';
  }

  /** Token bucket: sustained `ratePerSecond`, bursts of twice that. */
  takeMessageToken(now = Date.now()): boolean {
    const elapsed = (now - this.lastRefill) / 1000;
    this.lastRefill = now;
    this.tokens = Math.min(this.ratePerSecond * 2, this.tokens + elapsed * this.ratePerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
