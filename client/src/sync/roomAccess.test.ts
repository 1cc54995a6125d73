import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchRole, readRoomAddress } from './roomAccess.ts';

const ROOM = 'abcdefghijklmnopqrstuv';
let stored: Map<string, string>;

function answer(status: number, body?: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
  );
}

beforeEach(() => {
  stored = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("a room's address", () => {
  it('reads the room id from the path and the token from the fragment', () => {
    expect(readRoomAddress({ pathname: `/r/${ROOM}`, hash: '#k=pk_tok' })).toEqual({
      roomId: ROOM,
      token: 'pk_tok',
    });
    expect(readRoomAddress({ pathname: `/r/${ROOM}/`, hash: '' })).toEqual({ roomId: ROOM, token: null });
  });

  it('is no address for another page or a malformed room id', () => {
    expect(readRoomAddress({ pathname: '/', hash: '#k=x' })).toBeNull();
    expect(readRoomAddress({ pathname: '/r/short', hash: '#k=x' })).toBeNull();
    expect(readRoomAddress({ pathname: `/w/${ROOM}`, hash: '#k=x' })).toBeNull();
  });
});

describe('the role a token grants', () => {
  it('asks the server, and remembers the answer for this room', async () => {
    answer(200, { role: 'facilitator' });
    expect(await fetchRole(ROOM, 'tok')).toEqual({ role: 'facilitator', offline: false });
    expect(stored.get(`patroonkaart.role.${ROOM}`)).toBe('facilitator');
  });

  it('says a room is gone or a link is not valid (never falling back on a remembered role)', async () => {
    stored.set(`patroonkaart.role.${ROOM}`, 'edit');
    answer(404, { error: 'room-not-found', message: 'Not Found' });
    expect(await fetchRole(ROOM, 'tok')).toEqual({ error: 'roomNotFound' });
    answer(401, { error: 'unauthorized', message: 'Unauthorized' });
    expect(await fetchRole(ROOM, 'tok')).toEqual({ error: 'unauthorized' });
    answer(403, { error: 'forbidden', message: 'Forbidden' });
    expect(await fetchRole(ROOM, 'tok')).toEqual({ error: 'unauthorized' });
  });

  it('opens with the remembered role while the server cannot answer, else says it is offline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await fetchRole(ROOM, 'tok')).toEqual({ error: 'offline' });
    stored.set(`patroonkaart.role.${ROOM}`, 'edit');
    expect(await fetchRole(ROOM, 'tok')).toEqual({ role: 'edit', offline: true });
    answer(503, { error: 'internal', message: 'Service Unavailable' });
    expect(await fetchRole(ROOM, 'tok')).toEqual({ role: 'edit', offline: true });
  });
});
