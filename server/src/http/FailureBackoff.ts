/**
 * Failed attempts per key (client address), for secrets that can be guessed: the first few
 * failures are free (typos), then each further attempt waits twice as long as the one before,
 * up to a cap. Attempts refused while locked are not checked, so they neither count nor extend
 * the wait. A success forgets the key; so does a day without failures.
 */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** Beyond this many keys the least recently failed are dropped, so a flood cannot exhaust memory. */
const MAX_KEYS = 100_000;

export interface BackoffOptions {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
}

export class FailureBackoff {
  /** Insertion order is kept as "least recently failed first": each failure re-inserts its key. */
  private readonly failures = new Map<string, { count: number; lastAt: number }>();
  private readonly options: BackoffOptions;

  constructor(options: BackoffOptions) {
    this.options = options;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  waitMs(key: string, now = Date.now()): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + this.lockMs(entry.count) - now);
  }

  fail(key: string, now = Date.now()): void {
    const previous = this.failures.get(key);
    const fresh = !previous || now - previous.lastAt >= FORGET_AFTER_MS;
    const count = fresh ? 1 : previous.count + 1;
    this.failures.delete(key);
    this.failures.set(key, { count, lastAt: now });
    this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private lockMs(count: number): number {
    const { freeFailures, baseMs, maxMs } = this.options;
    if (count < freeFailures) return 0;
    return Math.min(maxMs, baseMs * 2 ** (count - freeFailures));
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) {
      const stale = now - entry.lastAt >= FORGET_AFTER_MS;
      if (!stale && this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }
}
