/**
 * What the server accepts, a tldraw store can load: random schema-valid transactions (shapes,
 * arrows, bindings, links, pages, parents, removals, texts) from a seeded generator go through the
 * server's own admission (a room over MemoryStorage, each as a partner's update). After each one:
 * a refused update left the room exactly as it was; an accepted state loads into a real tldraw
 * store (createTLStore with our schema, as the client does) and keeps the invariants tldraw's
 * arrow code relies on (an arrow binds only to a shape an arrow can bind to, one binding per end,
 * so following bindings always ends; every parent chain reaches a page). Rendering needs a DOM
 * (tldraw's Editor measures text with one): the browser suite draws such states in Chromium.
 */
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { createTLStore, type TLRecord } from '@tldraw/editor';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { encodeUpdate } from '../../../server/src/sync/messages.ts';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../server/test/testRooms.ts';
import { arrowOf, prng, type Rec, randomTransactions } from '../support/randomTransactions.ts';

const TRANSACTIONS = 600;

function stateOf(doc: Y.Doc): string {
  const index = recordIndex(doc, TEXT_FIELDS);
  const recs = index
    .ids()
    .sort()
    .map((id) => index.get(id));
  return JSON.stringify([recs, [...doc.share.keys()].sort()]);
}

/** tldraw's arrow code follows an arrow's bindings to the shapes they end at: that walk must end. */
function arrowInvariants(records: readonly Rec[]): string | null {
  const byId = new Map(records.map((r) => [r.id, r]));
  const ends = new Set<string>();
  for (const b of records) {
    if (b.typeName !== 'binding' || b.type !== 'arrow') continue;
    const from = byId.get(String(b.fromId));
    const to = byId.get(String(b.toId));
    if (from?.type !== 'arrow') return `${b.id} starts at ${from?.type}`;
    if (!to || to.type === 'arrow' || to.type === 'group') return `${b.id} ends at ${to?.type}`;
    const end = `${b.fromId}/${(b.props as { terminal: string }).terminal}`;
    if (ends.has(end)) return `two bindings for ${end}`;
    ends.add(end);
  }
  for (const s of records) {
    if (s.typeName !== 'shape') continue;
    let parent = String(s.parentId);
    for (let depth = 0; !parent.startsWith('page:'); depth++) {
      const next = byId.get(parent);
      if (!next || depth > 100) return `${s.id} hangs from ${parent}`;
      parent = String(next.parentId);
    }
    if (!byId.has(parent)) return `${s.id} is on a page that is gone`;
  }
  return null;
}

describe('random transactions through the admission', () => {
  it(`every accepted state of ${TRANSACTIONS} loads in a tldraw store; every refused one left nothing`, async () => {
    const rand = prng(35);
    // Refusals are the point here, not the throttle that slows an address down after ten.
    const t = createTestRooms({ REFUSALS_PER_MINUTE: '0' });
    const room = await t.createRoom('van-niemand-en-toch-van-iedereen');
    const schema = createPatroonkaartSchema();
    const generator = randomTransactions(rand, arrowOf(room.doc));
    let accepted = 0;
    const started = performance.now();
    for (let n = 0; n < TRANSACTIONS && performance.now() - started < 40_000; n++) {
      const doc = clientDoc(room);
      const update = captureUpdate(doc, () => generator.change(doc));
      const before = stateOf(room.doc);
      const partner = t.connect(room, 'edit');
      room.handleMessage(partner.session, encodeUpdate(update));
      await nextTick();
      room.leave(partner.session);
      if (partner.socket.closed) {
        expect(partner.socket.closed.code, `transaction ${n}`).toBe(4409);
        expect(stateOf(room.doc), `refused transaction ${n} changed the room`).toBe(before);
        continue;
      }
      accepted++;
      const stored = recordIndex(room.doc, TEXT_FIELDS);
      const records = stored.ids().map((id) => stored.get(id) as Rec);
      const store = createTLStore({ schema });
      expect(
        () => store.mergeRemoteChanges(() => store.put(records as unknown as TLRecord[])),
        `state ${n}`,
      ).not.toThrow();
      expect(arrowInvariants(records), `state ${n}`).toBeNull();
    }
    // Enough of both kinds to mean something.
    expect(accepted).toBeGreaterThan(20);
    expect(t.metrics.updatesRejected).toBeGreaterThan(20);
  }, 60_000);
});
