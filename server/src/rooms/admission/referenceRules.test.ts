/**
 * What the server accepts, every screen can draw: tldraw's rules for its arrow bindings (from an
 * arrow to a shape an arrow binds to, one per arrow end, never to itself), pages that keep their
 * shapes, and repairs held to the rules of any write. Through a real room, as a partner's update.
 */
import { arrowBinding } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { encodeUpdate } from '../../sync/messages.ts';
import type { Room } from '../Room.ts';

type Rec = Record<string, unknown> & { id: string };

function firstOfType(doc: Y.Doc, type: string): Rec {
  const index = recordIndex(doc);
  const id = index.ids().find((i) => index.field(i, 'type') === type);
  return index.get(id!) as Rec;
}

/** A partner writes `change` into its copy of the room; returns the close code (null: accepted). */
async function send(room: Room, t: ReturnType<typeof createTestRooms>, change: (doc: Y.Doc) => void) {
  const partner = t.connect(room, 'edit');
  const doc = clientDoc(room);
  room.handleMessage(partner.session, encodeUpdate(captureUpdate(doc, () => change(doc))));
  await nextTick();
  return partner.socket.closed?.code ?? null;
}

function arrowCopy(doc: Y.Doc, id: string): Rec {
  return { ...firstOfType(doc, 'arrow'), id, index: 'a9' };
}

describe('arrow bindings as tldraw draws them', () => {
  it('refuses two arrows bound to each other (tldraw recurses without end), an arrow bound to itself or from a step', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const cases: [string, (doc: Y.Doc) => void][] = [
      [
        'A to B and B to A',
        (doc) => {
          const index = recordIndex(doc);
          index.write('shape:a', arrowCopy(doc, 'shape:a'));
          index.write('shape:b', arrowCopy(doc, 'shape:b'));
          index.write('binding:ab', arrowBinding('binding:ab', 'shape:a', 'shape:b', 'end'));
          index.write('binding:ba', arrowBinding('binding:ba', 'shape:b', 'shape:a', 'end'));
        },
      ],
      [
        'an arrow bound to itself',
        (doc) => {
          recordIndex(doc).write('shape:a', arrowCopy(doc, 'shape:a'));
          recordIndex(doc).write('binding:aa', arrowBinding('binding:aa', 'shape:a', 'shape:a', 'end'));
        },
      ],
      [
        'a step "bound" as if it were an arrow',
        (doc) => {
          const index = recordIndex(doc);
          const [step, other] = index.ids().filter((id) => index.field(id, 'type') === 'loop-step');
          index.write('binding:sb', arrowBinding('binding:sb', step!, other!, 'end'));
        },
      ],
      [
        'two bindings for one arrow end in one update',
        (doc) => {
          const index = recordIndex(doc);
          const step = firstOfType(doc, 'loop-step').id;
          index.write('shape:a', arrowCopy(doc, 'shape:a'));
          index.write('binding:e1', arrowBinding('binding:e1', 'shape:a', step, 'end'));
          index.write('binding:e2', arrowBinding('binding:e2', 'shape:a', step, 'end'));
        },
      ],
    ];
    for (const [name, change] of cases) expect(await send(room, t, change), name).toBe(4409);
    const index = recordIndex(room.doc);
    expect(index.has('shape:a') || index.has('shape:b')).toBe(false);
    expect(t.metrics.updatesRolledBack).toBe(0);
  });

  it('keeps one binding per arrow end when two partners tie it at once: the later one goes', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const steps = recordIndex(room.doc)
      .ids()
      .filter((id) => recordIndex(room.doc).field(id, 'type') === 'loop-step');
    expect(
      await send(room, t, (doc) => recordIndex(doc).write('shape:a', arrowCopy(doc, 'shape:a'))),
    ).toBeNull();
    const anna = clientDoc(room);
    const ben = clientDoc(room);
    const a = t.connect(room, 'edit');
    const b = t.connect(room, 'edit');
    const tie = (doc: Y.Doc, id: string, step: string) =>
      captureUpdate(doc, () => recordIndex(doc).write(id, arrowBinding(id, 'shape:a', step, 'end')));
    room.handleMessage(a.session, encodeUpdate(tie(anna, 'binding:anna', steps[0]!)));
    await nextTick();
    room.handleMessage(b.session, encodeUpdate(tie(ben, 'binding:ben', steps[1]!)));
    await nextTick();
    expect(a.socket.closed).toBeNull();
    expect(b.socket.closed).toBeNull();
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.has('binding:anna')).toBe(true);
    expect(stored.has('binding:ben')).toBe(false);
  });
});

describe('pages keep their shapes', () => {
  it('refuses removing the page its shapes are on (they would hang from nothing), and the last page', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const shapes = () =>
      recordIndex(room.doc)
        .ids()
        .filter((id) => id.startsWith('shape:'));
    const before = shapes().length;
    expect(await send(room, t, (doc) => recordIndex(doc).write('page:page', null))).toBe(4409);
    // Everything on it removed too: still the last page.
    const removeAll = (doc: Y.Doc) => {
      const index = recordIndex(doc);
      for (const id of index.ids()) if (!id.startsWith('document:')) index.write(id, null);
    };
    expect(await send(room, t, removeAll)).toBe(4409);
    expect(shapes().length).toBe(before);
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.has('page:page')).toBe(true);
    expect(
      stored.ids().every((id) => !id.startsWith('shape:') || stored.field(id, 'parentId') === 'page:page'),
    ).toBe(true);
    expect(t.metrics.updatesRolledBack).toBe(0);
  });

  it('lets a page go with its shapes when another page stays', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const second = { id: 'page:second', typeName: 'page', name: 'Twee', index: 'a2', meta: {} };
    expect(await send(room, t, (doc) => recordIndex(doc).write(second.id, second))).toBeNull();
    const removePage = (doc: Y.Doc) => {
      const index = recordIndex(doc);
      for (const id of index.ids())
        if (id.startsWith('shape:') || id.startsWith('binding:')) index.write(id, null);
      index.write('page:page', null);
    };
    expect(await send(room, t, removePage)).toBeNull();
    expect(
      recordIndex(t.storedDoc(room))
        .ids()
        .filter((id) => id.startsWith('page:')),
    ).toEqual(['page:second']);
  });
});

describe('repairs are writes', () => {
  it('refuses an update whose repair would leave an invalid record (a child moved to no page)', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const step = firstOfType(room.doc, 'loop-step');
    const parent = { ...step, id: 'shape:parent', index: 'a8' };
    const child = { ...step, id: 'shape:child', parentId: 'shape:parent', index: 'a1' };
    const addBoth = (doc: Y.Doc) => {
      recordIndex(doc).write(parent.id, parent);
      recordIndex(doc).write(child.id, child);
    };
    expect(await send(room, t, addBoth)).toBeNull();
    // A document without a page (as one stored before the page rules could be): in memory only.
    room.doc.transact(() => recordIndex(room.doc).write('page:page', null));
    // Removing the parent alone leaves its child to be moved to a page, and there is none: the
    // repair would write parentId '' (finding 2). That is a refusal, not a repair.
    expect(await send(room, t, (doc) => recordIndex(doc).write(parent.id, null))).toBe(4409);
    const stored = recordIndex(t.storedDoc(room));
    expect(stored.field(child.id, 'parentId')).toBe('shape:parent');
    expect(recordIndex(room.doc).field(child.id, 'parentId')).toBe('shape:parent');
  });
});
