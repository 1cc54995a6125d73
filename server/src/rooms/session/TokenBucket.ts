/** Token bucket: a sustained rate per second, with bursts up to `burst` tokens. */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;
  private readonly rate: number;
  private readonly burst: number;

  constructor(ratePerSecond: number, burst: number, now = Date.now()) {
    this.rate = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefill = now;
  }

  take(now = Date.now()): boolean {
    const elapsed = (now - this.lastRefill) / 1000;
    this.lastRefill = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
