/** Failed attempts: free ones, then doubling waits up to the cap, forgotten on success. */
import { describe, expect, it } from 'vitest';
import { FailureBackoff } from './FailureBackoff.ts';

const backoff = () => new FailureBackoff({ freeFailures: 5, baseMs: 1000, maxMs: 15 * 60 * 1000 });

describe('FailureBackoff', () => {
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
