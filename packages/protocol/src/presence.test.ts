import { describe, expect, it } from 'vitest';
import { PRESENCE_DEFAULT_COLOUR, PRESENCE_LIMITS, type PresenceState, readPresence } from './presence.ts';

const state = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  user: { name: 'Ans', colour: '#2E7D32', organisation: 'Gemeente' },
  presence: { userId: 'user:ans', cursor: { x: 1, y: 2 }, selectedShapeIds: [] },
  ...extra,
});

describe('readPresence', () => {
  it('reads a whole state as a screen sends it', () => {
    const sent: PresenceState = {
      user: { name: 'Ans', colour: '#2E7D32', organisation: 'Gemeente' },
      presence: { userId: 'user:ans' },
      typing: { r: 'shape:a', f: 'text', at: { type: null, tname: null, item: null, assoc: -1 } },
      summon: { at: 1_700_000_000_000, userId: 'user:ans' },
    };
    expect(readPresence(JSON.parse(JSON.stringify(sent)))).toEqual({
      user: { name: 'Ans', organisation: 'Gemeente', colour: '#2E7D32' },
      presence: { userId: 'user:ans' },
      userId: 'user:ans',
      typing: sent.typing,
      summon: sent.summon,
    });
  });

  it('reads missing optional fields as absent', () => {
    expect(readPresence({ user: { name: 'Bo' } })).toEqual({
      user: { name: 'Bo', organisation: '', colour: PRESENCE_DEFAULT_COLOUR },
      presence: null,
      userId: null,
      typing: null,
      summon: null,
    });
  });

  it('is null for a state that names no one', () => {
    for (const s of [
      {},
      { presence: {} },
      { user: null },
      { user: 'Ans' },
      { user: { name: 3 } },
      { user: [] },
    ])
      expect(readPresence(s), JSON.stringify(s)).toBeNull();
  });

  it('reads a field of the wrong shape as absent, keeping the rest', () => {
    const p = readPresence(
      state({
        user: { name: 'Ans', colour: 'red; background: url(x)', organisation: 7 },
        presence: ['not', 'a', 'record'],
        typing: { r: 'shape:a', f: 5 },
        summon: { at: 'now', userId: 'user:ans' },
      }),
    )!;
    expect(p.user).toEqual({ name: 'Ans', organisation: '', colour: PRESENCE_DEFAULT_COLOUR });
    expect([p.presence, p.userId, p.typing, p.summon]).toEqual([null, null, null, null]);
    for (const summon of [
      { at: Number.NaN, userId: 'u' },
      { at: 0, userId: 'u' },
      { at: 5, userId: null },
    ])
      expect(readPresence(state({ summon }))!.summon).toBeNull();
    expect(readPresence(state({ presence: { userId: 42 } }))!.userId).toBeNull();
  });

  it('is null for anything that is not a plain object, and never throws', () => {
    const cyclic: Record<string, unknown> = { user: { name: 'Ans' } };
    cyclic.self = cyclic;
    const throwing = { user: { name: 'Ans' } };
    Object.defineProperty(throwing, 'presence', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    class Fake {
      user = { name: 'Ans' };
    }
    for (const s of [
      null,
      undefined,
      0,
      'user',
      [state()],
      new Fake(),
      new Map([['user', { name: 'Ans' }]]),
      cyclic,
      throwing,
      proxy,
      { user: { name: 'Ans' }, big: 1n },
    ])
      expect(readPresence(s)).toBeNull();
  });

  it('is null for a state over the limit, as the server would have refused it', () => {
    const fits = (extra: number) => state({ note: 'x'.repeat(extra) });
    const base = JSON.stringify(fits(0)).length;
    expect(readPresence(fits(PRESENCE_LIMITS.maxStateBytes - base))).not.toBeNull();
    expect(readPresence(fits(PRESENCE_LIMITS.maxStateBytes - base + 1))).toBeNull();
    expect(readPresence({ user: { name: 'A'.repeat(PRESENCE_LIMITS.maxStateBytes) } })).toBeNull();
  });

  it('reads each state object once, and hands out what nobody can change', () => {
    const s = state();
    const first = readPresence(s)!;
    expect(readPresence(s)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.user) && Object.isFrozen(first.presence)).toBe(
      true,
    );
  });

  it('survives random JSON without throwing', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return [null, true, 1.5, 'name', '#123456', -1][Math.floor(rand() * 6)];
      if (r < 0.5) return [value(depth + 1), value(depth + 1)];
      const keys = [
        'user',
        'name',
        'colour',
        'organisation',
        'presence',
        'userId',
        'typing',
        'r',
        'f',
        'at',
        'summon',
      ];
      return Object.fromEntries(keys.filter(() => rand() < 0.4).map((k) => [k, value(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) {
      const read = readPresence(value(0));
      if (read) expect(typeof read.user.name).toBe('string');
    }
  });
});

describe('PRESENCE_LIMITS', () => {
  it('keeps our screens within what the server accepts', () => {
    expect(PRESENCE_LIMITS.sendStateBytes).toBeLessThan(PRESENCE_LIMITS.maxStateBytes);
    expect(
      PRESENCE_LIMITS.cursorUpdatesPerSecond + PRESENCE_LIMITS.typingUpdatesPerSecond,
    ).toBeLessThanOrEqual(PRESENCE_LIMITS.updatesPerSecond);
  });
});
