import { createPatroonkaartSchema } from '@patroonkaart/schema';
import type { TLRecord } from '@tldraw/editor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { cardDoc } from '../test/cardDoc.ts';
import { getShape, makePeer, Relay, seedDoc, stepIds, updateShape } from '../test/testPeers.ts';
import { docMetaMap, SCHEMA_KEY } from './docLayout.ts';
import { recordIndex } from './RecordIndex.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('YjsStoreBinding', () => {
  it('loads the document into the store, validated', () => {
    const a = makePeer('a', seedDoc());
    expect(stepIds(a.store)).toHaveLength(6);
    expect(a.store.get('page:page' as TLRecord['id'])).toBeDefined();
    expect(a.invalid).toEqual([]);
  });

  it('keeps both edits when one partner edits text and another moves the same step', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const b = makePeer('b', seed);
    const relay = new Relay([a.doc, b.doc]);
    const id = stepIds(a.store)[0]!;
    relay.cut(); // both edit at the same moment, neither has seen the other
    updateShape(a.store, id, {}, { text: 'Tekst van A' });
    updateShape(b.store, id, { x: 1234, y: 567 });
    a.binding.flush();
    b.binding.flush();
    relay.heal();
    for (const peer of [a, b]) {
      const step = getShape(peer.store, id);
      expect(step.props.text).toBe('Tekst van A');
      expect(step.x).toBe(1234);
      expect(step.y).toBe(567);
    }
  });

  it('sends a move whose size does not grow with the shape’s text', () => {
    const sizes: number[] = [];
    for (const textLength of [10, 1900]) {
      const a = makePeer('a', seedDoc());
      const id = stepIds(a.store)[0]!;
      updateShape(a.store, id, {}, { text: 'x'.repeat(textLength) });
      a.binding.flush();
      a.updates.length = 0;
      updateShape(a.store, id, { x: 999 });
      a.binding.flush();
      expect(a.updates).toHaveLength(1);
      sizes.push(a.updates[0]!.byteLength);
    }
    expect(sizes[1]).toBeLessThan(100);
    expect(Math.abs(sizes[1]! - sizes[0]!)).toBeLessThanOrEqual(4);
  });

  it('writes one transaction per batch and never echoes a remote change back', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const b = makePeer('b', seed);
    new Relay([a.doc, b.doc]);
    const ids = stepIds(a.store);
    a.store.mergeRemoteChanges(() => {}); // no-op: must not write
    expect(a.updates).toHaveLength(0);
    // Many changes in one store batch become one Yjs transaction.
    a.store.put(
      ids.map((id) => ({ ...(a.store.get(id as TLRecord['id']) as object), x: 5 }) as unknown as TLRecord),
    );
    a.binding.flush();
    expect(a.updates).toHaveLength(1);
    // B received it through mergeRemoteChanges, so B writes nothing back.
    b.binding.flush();
    expect(b.updates).toHaveLength(0);
    expect(ids.every((id) => getShape(b.store, id).x === 5)).toBe(true);
  });

  it('coalesces a continuous drag into at most one write per frame', async () => {
    const a = makePeer('a', seedDoc(), { flushIntervalMs: 16 });
    const id = stepIds(a.store)[0]!;
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      updateShape(a.store, id, { x: i });
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 40));
    const elapsed = Date.now() - started;
    expect(a.updates.length).toBeGreaterThan(0);
    expect(a.updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 16) + 1);
    expect(recordIndex(a.doc).field(id, 'x')).toBe(199);
  });

  it('skips invalid records from a raw Yjs client, applies the rest, and stays usable', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const rogue = cardDoc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(a.doc));
    new Relay([a.doc, rogue]);
    const valid = {
      ...(a.store.get(stepIds(a.store)[0] as TLRecord['id']) as unknown as Record<string, unknown>),
    };
    rogue.transact(() => {
      const map = {
        set: (id: string, record: Record<string, unknown>) => recordIndex(rogue).write(id, record),
      };
      map.set('shape:bad1', {
        ...valid,
        id: 'shape:bad1',
        props: { w: -5, h: 10, text: 1, organisation: '' },
      });
      map.set('shape:bad2', { ...valid, id: 'shape:other' });
      map.set('nonsense:1', { id: 'nonsense:1', typeName: 'nonsense' });
      map.set('instance:instance', { id: 'instance:instance', typeName: 'instance' });
      map.set('shape:good', { ...valid, id: 'shape:good', index: 'a9' });
    });
    expect(a.invalid.map((r) => r.id).sort()).toEqual([
      'instance:instance',
      'nonsense:1',
      'shape:bad1',
      'shape:bad2',
    ]);
    expect(a.binding.invalidCount).toBe(4);
    expect(a.store.get('shape:good' as TLRecord['id'])).toBeDefined();
    expect(a.store.get('shape:bad1' as TLRecord['id'])).toBeUndefined();
    // The next valid edit still arrives, and the store still takes local edits.
    rogue.transact(() => recordIndex(rogue).setFields('shape:good', { x: 4242 }));
    expect(getShape(a.store, 'shape:good').x).toBe(4242);
    updateShape(a.store, 'shape:good', { y: 77 });
    a.binding.flush();
    expect(recordIndex(rogue).field('shape:good', 'y')).toBe(77);
  });

  it('writes nothing when the document was written by a newer schema', () => {
    const seed = seedDoc();
    const serialized = createPatroonkaartSchema().serialize();
    const newer = { ...serialized, sequences: { ...serialized.sequences, 'com.tldraw.shape.loop-step': 99 } };
    docMetaMap(seed).set(SCHEMA_KEY, newer);
    const onSchemaMismatch = vi.fn();
    const a = makePeer('a', seed, { onSchemaMismatch });
    expect(a.binding.isWritable).toBe(false);
    expect(onSchemaMismatch).toHaveBeenCalledWith('newer');
    const id = stepIds(a.store)[0]!;
    updateShape(a.store, id, { x: 1 });
    a.binding.flush();
    expect(a.updates).toHaveLength(0);
  });

  it('undo reverts my move but never a partner’s concurrent text edit', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const b = makePeer('b', seed);
    new Relay([a.doc, b.doc]);
    const id = stepIds(a.store)[0]!;
    const originalX = getShape(a.store, id).x;
    updateShape(a.store, id, { x: originalX + 300 });
    a.binding.flush();
    updateShape(b.store, id, {}, { text: 'Partner B schreef dit' });
    b.binding.flush();
    a.binding.undo();
    for (const peer of [a, b]) {
      expect(getShape(peer.store, id).x).toBe(originalX);
      expect(getShape(peer.store, id).props.text).toBe('Partner B schreef dit');
    }
    a.binding.redo();
    expect(getShape(b.store, id).x).toBe(originalX + 300);
  });

  it('keeps a pending local edit when a remote change to another field arrives first', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed, { flushIntervalMs: 1000 });
    const b = makePeer('b', seed);
    new Relay([a.doc, b.doc]);
    const id = stepIds(a.store)[0]!;
    updateShape(a.store, id, {}, { text: 'nog niet verstuurd' }); // waits for the next flush
    updateShape(b.store, id, { x: 10 });
    b.binding.flush();
    expect(getShape(a.store, id).props.text).toBe('nog niet verstuurd');
    expect(getShape(a.store, id).x).toBe(10);
    a.binding.flush();
    expect(getShape(b.store, id).props.text).toBe('nog niet verstuurd');
  });

  it('merges offline work from both sides with no lost or duplicate shape', () => {
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const b = makePeer('b', seed);
    const relay = new Relay([a.doc, b.doc]);
    relay.cut();
    const template = getShape(a.store, stepIds(a.store)[0]!) as unknown as Record<string, unknown>;
    a.store.put([{ ...template, id: 'shape:offlineA', index: 'aX' } as unknown as TLRecord]);
    b.store.put([{ ...template, id: 'shape:offlineB', index: 'aY' } as unknown as TLRecord]);
    b.store.remove([stepIds(b.store)[1]! as TLRecord['id']]);
    a.binding.flush();
    b.binding.flush();
    relay.heal();
    const ids = (p: typeof a) =>
      p.store
        .allRecords()
        .map((r) => r.id)
        .sort();
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toContain('shape:offlineA');
    expect(ids(a)).toContain('shape:offlineB');
    expect(stepIds(a.store)).toHaveLength(7);
  });
});
