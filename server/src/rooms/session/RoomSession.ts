/** One partner's connection to a room: its socket, its role, its awareness ids, its rates. */
import { PRESENCE_LIMITS, type Role } from '@patroonkaart/protocol';
import type { SocketAdapter } from '../../sync/SocketAdapter.ts';
import { TokenBucket } from './TokenBucket.ts';

let nextSessionId = 1;

export interface RoomSessionOptions {
  /** The client's address (behind TRUST_PROXY: from X-Forwarded-For), for refusal throttling. */
  address?: string;
  /** The author key of the partner secret the client offered (see protocol, authorKey). */
  author?: string | null;
  /** Its ballot key in this room (see protocol, ballotKey): whose anonymous votes it may cast. */
  ballot?: string | null;
  now?: number;
}

export class RoomSession {
  readonly id = nextSessionId++;
  readonly socket: SocketAdapter;
  readonly role: Role;
  readonly address: string;
  /** Whose answers and votes this connection may write; null when it offered no partner secret. */
  readonly author: string | null;
  /** Whose anonymous votes this connection may cast; null when it offered no partner secret. */
  readonly ballot: string | null;
  /** Awareness client ids this connection has published, removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** When this connection last sent anything: a socket that stays silent is closed. */
  lastMessageAt: number;
  /** Whether a sync step 1 of this connection has been answered (one answer may be in flight). */
  answeredSyncStep1 = false;
  /**
   * Its answer to a sync step 1 is being made (read from storage) or waits for what it holds to be
   * durable: another one is refused meanwhile.
   */
  answerPending = false;
  /** Bytes of that answer, made and held here until it is sent: they count as sent (the send budget). */
  heldBytes = 0;
  private readonly messages: TokenBucket;
  private readonly awareness: TokenBucket;

  constructor(socket: SocketAdapter, role: Role, ratePerSecond: number, options: RoomSessionOptions = {}) {
    const now = options.now ?? Date.now();
    this.socket = socket;
    this.role = role;
    this.address = options.address ?? 'unknown';
    this.author = options.author ?? null;
    this.ballot = options.ballot ?? null;
    this.lastMessageAt = now;
    this.messages = new TokenBucket(ratePerSecond, ratePerSecond * 2, now);
    // Presence updates per second (the protocol's; our screens send at most their cursor's and typing's share).
    const perSecond = PRESENCE_LIMITS.updatesPerSecond;
    this.awareness = new TokenBucket(perSecond, perSecond * 2, now);
  }

  get canWrite(): boolean {
    return this.role !== 'view';
  }

  /** Any message: sustained `ratePerSecond`, bursts of twice that. */
  takeMessageToken(now = Date.now()): boolean {
    return this.messages.take(now);
  }

  /** Presence updates have their own, lower budget: a cursor must not crowd out edits. */
  takeAwarenessToken(now = Date.now()): boolean {
    return this.awareness.take(now);
  }
}
