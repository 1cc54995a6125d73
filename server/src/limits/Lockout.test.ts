/** The one doubling lockout: free failures, then doubling waits up to the cap, forgotten on success or after a quiet window. */
import { describe, expect, it } from 'vitest';
import { Lockout } from './Lockout.ts';

const DAY = 24 * 60 * 60 * 1000;
/** As for wrong creation codes: five a day, then each next attempt waits twice as long. */
const backoff = () => new Lockout({ freeFailures: 4, windowMs: DAY, baseMs: 1000, maxMs: 15 * 60 * 1000 });
/** As for refused updates: three a minute, then 10 s, doubling. */
const throttle = () => new Lockout({ freeFailures: 3, windowMs: 60_000, baseMs: 10_000, maxMs: 15 * 60_000 });

describe('Lockout, for a guessed secret', () => {
  it('lets the first five failures through, then makes each next attempt wait twice as long', () => {
    const b = backoff();
    let now = 0;
    for (let i = 0; i < 4; i++) {
      b.fail('a', now);
      expect(b.waitMs('a', now)).toBe(0);
    }
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      b.fail('a', now);
      waits.push(b.waitMs('a', now));
      now += waits.at(-1)!;
      expect(b.waitMs('a', now)).toBe(0);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps the wait', () => {
    const b = backoff();
    for (let i = 0; i < 40; i++) b.fail('a', 0);
    expect(b.waitMs('a', 0)).toBe(15 * 60 * 1000);
  });

  it('counts per key and forgets a key on success', () => {
    const b = backoff();
    for (let i = 0; i < 5; i++) b.fail('a', 0);
    expect(b.waitMs('a', 0)).toBe(1000);
    expect(b.waitMs('b', 0)).toBe(0);
    b.succeed('a');
    expect(b.waitMs('a', 0)).toBe(0);
  });

  it('forgets failures after a day without new ones', () => {
    const b = backoff();
    for (let i = 0; i < 5; i++) b.fail('a', 0);
    const day = 24 * 60 * 60 * 1000;
    b.fail('a', day);
    expect(b.waitMs('a', day)).toBe(0); // a fresh first failure, not the sixth
  });
});

describe('Lockout, for refusals per minute', () => {
  it('lets three refusals a minute through and locks at the fourth', () => {
    const t = throttle();
    expect([0, 1, 2].map((i) => t.fail('a', i))).toEqual([false, false, false]);
    expect(t.fail('a', 3)).toBe(true);
    expect(t.waitMs('a', 3)).toBe(10_000);
    expect(t.waitMs('b', 3)).toBe(0);
  });

  it('counts per minute: three refusals every minute never lock', () => {
    const t = throttle();
    for (let minute = 0; minute < 10; minute++)
      for (let i = 0; i < 3; i++) expect(t.fail('a', minute * 60_000 + i)).toBe(false);
  });

  it('doubles the wait for an address that is locked again, and forgets it after a quiet minute', () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) t.fail('a', 0);
    expect(t.waitMs('a', 0)).toBe(10_000);
    // Back after its wait, refused four times more within the next minute: twice as long.
    for (let i = 0; i < 4; i++) t.fail('a', 60_000 + i);
    expect(t.waitMs('a', 60_003)).toBe(20_000);
    // A quiet minute after that lock ended: short again.
    const later = 60_003 + 20_000 + 60_000;
    for (let i = 0; i < 4; i++) t.fail('a', later + i);
    expect(t.waitMs('a', later + 3)).toBe(10_000);
  });
});
