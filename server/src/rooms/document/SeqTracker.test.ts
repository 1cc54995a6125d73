import { describe, expect, it } from 'vitest';
import { SeqTracker } from './SeqTracker.ts';

const u = (n: number) => new Uint8Array([n]);

describe('SeqTracker', () => {
  it('applies others’ updates in sequence order, around this process’s own', () => {
    const t = new SeqTracker(10);
    t.own(12, 12); // written here while 11 (another process's) is on its way
    expect(t.watermark).toBe(10);
    expect(t.hasHole).toBe(true);
    expect(t.offer(13, 14, u(13))).toEqual([]); // after the hole: waits
    expect(t.offer(11, 11, u(11))).toEqual([u(11), u(13)]);
    expect(t.watermark).toBe(14);
    expect(t.hasHole).toBe(false);
    expect(t.offer(12, 12, u(12))).toEqual([]); // old news
  });

  it('closes a hole that never fills from storage', () => {
    const t = new SeqTracker(3);
    t.offer(5, 6, u(5));
    t.own(7, 7);
    expect(t.watermark).toBe(3);
    t.caughtUp(6);
    expect(t.watermark).toBe(7);
    expect(t.hasHole).toBe(false);
  });
});
