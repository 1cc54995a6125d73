/**
 * The server's one doubling lockout, per key (a client address): failures are counted in windows
 * of `windowMs` (a window starts with its first failure); up to `freeFailures` of them per window
 * are let through, and every failure beyond that locks the key out, for `baseMs` the first time
 * and twice as long as its previous lock each time after, up to `maxMs`. A key that has been
 * quiet for a whole window after its last lock ended is forgotten (its next lock is short again);
 * so is a key that succeeds (`succeed`). While locked, the caller checks `waitMs` first and does
 * not try, so a locked attempt neither counts nor extends the wait.
 *
 * Two uses: wrong room-creation codes (5 free a day, then each next attempt waits twice as long:
 * a code cannot be guessed at full speed) and refused updates (REFUSALS_PER_MINUTE a minute, then
 * the address waits before it may connect again: a refused client cannot make the server redo
 * the work of refusing it at full speed).
 */
export interface LockoutOptions {
  /** Failures let through per window; the next one locks. */
  freeFailures: number;
  /** How long failures count together, from the first of them. */
  windowMs: number;
  /** The first lock; each next one lasts twice as long as the one before. */
  baseMs: number;
  maxMs: number;
}

/** Beyond this many keys the least recently failed are dropped, so a flood cannot exhaust memory. */
const MAX_KEYS = 100_000;

interface Entry {
  windowStart: number;
  count: number;
  /** The last lock's length (0: never locked since it was forgotten). */
  lockMs: number;
  lockedUntil: number;
}

export class Lockout {
  /** Insertion order is kept as "least recently failed first": each failure re-inserts its key. */
  private readonly keys = new Map<string, Entry>();
  private readonly options: LockoutOptions;

  constructor(options: LockoutOptions) {
    this.options = options;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  waitMs(key: string, now = Date.now()): number {
    const entry = this.keys.get(key);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  /** Counts one failure; true when it locked the key. */
  fail(key: string, now = Date.now()): boolean {
    const { freeFailures, windowMs, baseMs, maxMs } = this.options;
    let entry = this.keys.get(key);
    if (!entry || this.forgotten(entry, now))
      entry = { windowStart: now, count: 0, lockMs: 0, lockedUntil: 0 };
    else if (now - entry.windowStart >= windowMs) {
      entry.windowStart = now;
      entry.count = 0;
    }
    this.keys.delete(key);
    this.keys.set(key, entry);
    this.prune(now);
    entry.count++;
    if (entry.count <= freeFailures) return false;
    entry.lockMs = entry.lockMs === 0 ? baseMs : Math.min(maxMs, entry.lockMs * 2);
    entry.lockedUntil = now + entry.lockMs;
    return true;
  }

  succeed(key: string): void {
    this.keys.delete(key);
  }

  private forgotten(entry: Entry, now: number): boolean {
    const { windowMs } = this.options;
    return now - entry.windowStart >= windowMs && now >= entry.lockedUntil + windowMs;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.keys) {
      if (!this.forgotten(entry, now) && this.keys.size <= MAX_KEYS) break;
      this.keys.delete(key);
    }
  }
}
