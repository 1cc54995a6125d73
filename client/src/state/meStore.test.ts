import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { authorKey } from '@patroonkaart/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'patroonkaart.user';
let stored: Map<string, string>;
const saved = { id: 'u1', name: 'Partner AB12', organisation: '', secret: 'x'.repeat(32) };

/** A fresh store over a device that already knows `saved` (the store reads it when it is made). */
async function freshStore() {
  vi.resetModules();
  return import('./meStore.ts');
}

beforeEach(() => {
  stored = new Map([[KEY, JSON.stringify(saved)]]);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('meStore: the one owner of who I am', () => {
  it("starts from this device's identity and derives my author key from its secret", async () => {
    const { useMe } = await freshStore();
    expect(useMe.getState().user).toEqual(saved);
    await vi.waitFor(() => expect(useMe.getState().author).not.toBeNull());
    expect(useMe.getState().author).toBe(await authorKey(saved.secret));
  });

  it('saves a profile trimmed and cut to the limits, keeping the name when none is given', async () => {
    const { useMe, signature } = await freshStore();
    useMe
      .getState()
      .setProfile(`  ${'N'.repeat(MAX_NAME_CHARS + 5)} `, ` ${'O'.repeat(MAX_ORGANISATION_CHARS + 5)}`);
    const user = useMe.getState().user;
    expect(user.name).toBe('N'.repeat(MAX_NAME_CHARS));
    expect(user.organisation).toBe('O'.repeat(MAX_ORGANISATION_CHARS));
    expect(user.confirmed).toBe(true);
    expect(JSON.parse(stored.get(KEY)!)).toEqual(user);
    useMe.getState().setProfile('   ', 'Politie');
    expect(signature()).toEqual({ name: 'N'.repeat(MAX_NAME_CHARS), organisation: 'Politie' });
  });

  it("recolours me with my organisation's colour the moment it changes", async () => {
    const { useMe } = await freshStore();
    const { colourForOrganisation } = await import('./localUser.ts');
    useMe.getState().setProfile('Ans', 'Gemeente');
    expect(useMe.getState().colour).toBe(colourForOrganisation({ id: 'other', organisation: 'Gemeente' }));
  });

  it('shows a suggested name until I confirm one, and never saves it', async () => {
    const { useMe, presenceOf } = await freshStore();
    useMe.getState().suggestName('Gespreksleider');
    expect(useMe.getState().user.name).toBe('Gespreksleider');
    expect(JSON.parse(stored.get(KEY)!).name).toBe(saved.name);
    expect(presenceOf(useMe.getState())).toEqual({
      name: 'Gespreksleider',
      colour: useMe.getState().colour,
      organisation: '',
    });
    useMe.getState().setProfile('Ans', '');
    useMe.getState().suggestName('Gespreksleider');
    expect(useMe.getState().user.name).toBe('Ans');
  });
});
