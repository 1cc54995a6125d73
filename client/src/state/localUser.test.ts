import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { colourForOrganisation, localUser, saveLocalUser } from './localUser.ts';

const KEY = 'patroonkaart.user';
let stored: Map<string, string>;

beforeEach(() => {
  stored = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('who I am on this device', () => {
  it('makes an identity once, with a default name and a secret, and keeps it', () => {
    const first = localUser();
    expect(first.name).toMatch(/^Partner [0-9A-F]{4}$/);
    expect(first.organisation).toBe('');
    expect(first.secret.length).toBeGreaterThanOrEqual(22);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(stored.get(KEY)!)).toEqual(first);
    expect(localUser()).toEqual(first);
  });

  it('gives a stored identity without a (long enough) secret a new one, keeping the rest', () => {
    stored.set(KEY, JSON.stringify({ id: 'u1', name: 'Ans', organisation: 'Gemeente', secret: 'short' }));
    const user = localUser();
    expect(user).toMatchObject({ id: 'u1', name: 'Ans', organisation: 'Gemeente' });
    expect(user.secret.length).toBeGreaterThanOrEqual(22);
    expect(JSON.parse(stored.get(KEY)!).secret).toBe(user.secret);
  });

  it('starts afresh from a damaged entry, and lives without storage (private mode)', () => {
    stored.set(KEY, '{not json');
    expect(localUser().id).not.toBe('');
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    const user = localUser();
    expect(user.name).toMatch(/^Partner /);
    expect(() => saveLocalUser({ ...user, name: 'Bram' })).not.toThrow();
  });

  it('saves what the profile says', () => {
    saveLocalUser({
      id: 'u2',
      name: 'Bram',
      organisation: 'Politie',
      secret: 's'.repeat(32),
      confirmed: true,
    });
    expect(localUser()).toMatchObject({ id: 'u2', name: 'Bram', confirmed: true });
  });

  it("colours by organisation (whatever its case or spaces), else by the partner's own id", () => {
    const a = colourForOrganisation({ id: 'a', organisation: 'Gemeente' });
    expect(colourForOrganisation({ id: 'b', organisation: ' gemeente ' })).toBe(a);
    expect(colourForOrganisation({ id: 'a', organisation: '' })).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(colourForOrganisation({ id: 'a', organisation: '' })).toBe(
      colourForOrganisation({ id: 'a', organisation: '  ' }),
    );
  });
});
