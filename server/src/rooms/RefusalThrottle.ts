/**
 * Refusals cost the server work (a refused update is rolled back), and a refused client can
 * reconnect and send the same thing again. After `perMinute` refusals from one address within a
 * minute, that address must wait before it may connect again: 10 s, doubling each time it comes
 * back and is refused again, up to 15 min. A quiet minute forgets it.
 */
const WINDOW_MS = 60_000;
const FIRST_WAIT_MS = 10_000;
const MAX_WAIT_MS = 15 * 60_000;
const MAX_TRACKED = 50_000;

interface Record {
  windowStart: number;
  count: number;
  blockedUntil: number;
  wait: number;
}

export class RefusalThrottle {
  private readonly byAddress = new Map<string, Record>();
  private readonly perMinute: number;

  constructor(perMinute: number) {
    this.perMinute = perMinute;
  }

  /** Counts one refusal; true when the address is now made to wait. */
  record(address: string, now = Date.now()): boolean {
    let r = this.byAddress.get(address);
    if (!r || (now - r.windowStart >= WINDOW_MS && now >= r.blockedUntil + WINDOW_MS)) {
      if (this.byAddress.size >= MAX_TRACKED) this.prune(now);
      r = { windowStart: now, count: 0, blockedUntil: 0, wait: 0 };
      this.byAddress.set(address, r);
    } else if (now - r.windowStart >= WINDOW_MS) {
      r.windowStart = now;
      r.count = 0;
    }
    r.count++;
    if (this.perMinute > 0 && r.count > this.perMinute) {
      r.wait = r.wait === 0 ? FIRST_WAIT_MS : Math.min(MAX_WAIT_MS, r.wait * 2);
      r.blockedUntil = now + r.wait;
      r.count = 0;
      r.windowStart = now;
      return true;
    }
    return false;
  }

  /** Milliseconds the address must still wait (0: it may connect). */
  waitFor(address: string, now = Date.now()): number {
    const r = this.byAddress.get(address);
    return r ? Math.max(0, r.blockedUntil - now) : 0;
  }

  private prune(now: number): void {
    for (const [address, r] of this.byAddress)
      if (now - r.windowStart >= WINDOW_MS && now >= r.blockedUntil) this.byAddress.delete(address);
  }
}
