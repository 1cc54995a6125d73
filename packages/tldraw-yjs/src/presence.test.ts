import { createPatroonkaartSchema } from '@patroonkaart/schema';
import { createTLStore, type TLRecord, type TLStore } from '@tldraw/editor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fitPresence, MAX_PRESENCE_BYTES, PresenceBinding, presenceRecordId } from './presence.ts';

/** Two awareness instances wired together, as the server relays them. */
function pair() {
  const make = () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    const store: TLStore = createTLStore({ schema: createPatroonkaartSchema() });
    return { doc, awareness, store };
  };
  const a = make();
  const b = make();
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    from.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === 'remote') return;
      const changed = [...added!, ...updated!, ...removed!];
      awarenessProtocol.applyAwarenessUpdate(
        to.awareness,
        awarenessProtocol.encodeAwarenessUpdate(from.awareness, changed),
        'remote',
      );
    });
  }
  return { a, b };
}

const presence = (x: number) => ({
  id: 'instance_presence:x',
  typeName: 'instance_presence',
  userId: 'user:alice',
  userName: 'Alice',
  lastActivityTimestamp: Date.now(),
  color: '#ff0000',
  camera: { x: 0, y: 0, z: 1 },
  selectedShapeIds: [],
  currentPageId: 'page:page',
  brush: null,
  scribbles: [],
  screenBounds: { x: 0, y: 0, w: 100, h: 100 },
  followingUserId: null,
  cursor: { x, y: 5, type: 'default', rotation: 0 },
  chatMessage: '',
  meta: {},
});

afterEach(() => vi.useRealTimers());

describe('PresenceBinding', () => {
  it('shows a partner’s cursor, name and colour as a presence record', () => {
    const { a, b } = pair();
    const pa = new PresenceBinding({
      store: a.store as never,
      awareness: a.awareness,
      user: { name: 'Alice', colour: '#0072b2' },
    });
    new PresenceBinding({
      store: b.store as never,
      awareness: b.awareness,
      user: { name: 'Bob', colour: '#009e73' },
    });
    pa.setLocalPresence(presence(42));
    const record = b.store.get(presenceRecordId(a.doc.clientID) as TLRecord['id']) as unknown as {
      cursor: { x: number };
      userName: string;
      color: string;
    };
    expect(record.cursor.x).toBe(42);
    expect(record.userName).toBe('Alice');
    expect(record.color).toBe('#0072b2');
    // Nobody renders their own cursor twice.
    expect(a.store.get(presenceRecordId(a.doc.clientID) as TLRecord['id'])).toBeUndefined();
  });

  it('sends at most 30 awareness updates per second, always ending on the latest', () => {
    vi.useFakeTimers();
    const { a, b } = pair();
    const pa = new PresenceBinding({
      store: a.store as never,
      awareness: a.awareness,
      user: { name: 'Alice', colour: '#000' },
    });
    new PresenceBinding({
      store: b.store as never,
      awareness: b.awareness,
      user: { name: 'Bob', colour: '#000' },
    });
    for (let ms = 0; ms < 1000; ms += 2) {
      pa.setLocalPresence(presence(ms));
      vi.advanceTimersByTime(2);
    }
    // 500 calls in one second: the first goes out at once, then one per 1/30 s.
    expect(pa.sentCount).toBeLessThanOrEqual(31);
    expect(pa.sentCount).toBeGreaterThan(25);
    vi.advanceTimersByTime(100);
    const record = b.store.get(presenceRecordId(a.doc.clientID) as TLRecord['id']) as unknown as {
      cursor: { x: number };
    };
    expect(record.cursor.x).toBe(998);
  });

  it('drops an invalid presence from a peer without touching the store', () => {
    const { a, b } = pair();
    new PresenceBinding({
      store: b.store as never,
      awareness: b.awareness,
      user: { name: 'Bob', colour: '#000' },
    });
    a.awareness.setLocalState({ user: { name: 'Rogue' }, presence: { cursor: 'not a cursor' } });
    expect(b.store.allRecords().filter((r) => r.typeName === 'instance_presence')).toHaveLength(0);
  });

  it('removes a vanished peer’s cursor within 30 seconds', () => {
    vi.useFakeTimers();
    const { a, b } = pair();
    const pa = new PresenceBinding({
      store: a.store as never,
      awareness: a.awareness,
      user: { name: 'Alice', colour: '#000' },
    });
    new PresenceBinding({
      store: b.store as never,
      awareness: b.awareness,
      user: { name: 'Bob', colour: '#000' },
    });
    pa.setLocalPresence(presence(1));
    const id = presenceRecordId(a.doc.clientID) as TLRecord['id'];
    expect(b.store.get(id)).toBeDefined();
    // A crashes: no goodbye, no more renewals. B's awareness times it out.
    a.awareness.destroy();
    vi.advanceTimersByTime(31_000);
    expect(b.store.get(id)).toBeUndefined();
  });
});

describe('fitPresence', () => {
  it('keeps a small presence as it is and trims a large selection below the server limit', () => {
    const user = { name: 'Anna', colour: '#123456', organisation: 'Gemeente' };
    const small = { cursor: { x: 1, y: 2 }, selectedShapeIds: ['shape:a'], scribbles: [] };
    expect(fitPresence(user, small)).toBe(small);
    const ids = Array.from({ length: 2000 }, (_, i) => `shape:${'x'.repeat(20)}${i}`);
    const fitted = fitPresence(user, { cursor: { x: 1, y: 2 }, selectedShapeIds: ids, scribbles: [] })!;
    expect(JSON.stringify({ user, presence: fitted }).length).toBeLessThanOrEqual(MAX_PRESENCE_BYTES);
    expect(fitted.cursor).toEqual({ x: 1, y: 2 });
    expect((fitted.selectedShapeIds as string[]).length).toBeGreaterThan(0);
  });
});
