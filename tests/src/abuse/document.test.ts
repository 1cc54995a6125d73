/**
 * The trust boundary, document side: what one link holder can write with a few lines of Node
 * against the documented contract. Each attack runs against the real server process over real
 * sockets; each test checks what a facilitator would notice: the server is up and answers, the
 * other partners keep syncing, nothing invalid is stored, the attacker is closed with its code.
 */
import { BEHAVIOUR_LINK, linkRecord } from '@patroonkaart/schema';
import { entriesArray } from '@patroonkaart/tldraw-yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, whenSynced } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  // Many refusals from one address in one file: the throttle has its own test.
  server = await startTestServer({ REFUSALS_PER_MINUTE: '0' });
});
afterAll(async () => {
  await server?.cleanup();
});

const idsOfType = (doc: Y.Doc, type: string) =>
  records(doc)
    .values()
    .filter((r) => r.type === type)
    .map((r) => r.id as string);

/** A bubble's link to a step, as the client writes it. */
const link = (fromId: string, toId: string) => linkRecord('binding:forged', BEHAVIOUR_LINK, fromId, toId);

/** /healthz answers, and how long it took. */
async function health(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  return performance.now() - started;
}

/** A partner in another room keeps syncing: an edit made there reaches a second peer. */
async function otherRoomStillSyncs(): Promise<void> {
  const room = await server.createRoom('structuur-lost-alles-op');
  const a = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const b = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
  try {
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const step = idsOfType(a.doc, 'loop-step')[0]!;
    a.doc.transact(() => records(a.doc).setField(step, 'x', 4242));
    await eventually(() => records(b.doc).get(step)?.x === 4242, 5000, 'the edit in the other room');
  } finally {
    a.destroy();
    b.destroy();
  }
}

async function attack(template: string, write: (doc: Y.Doc) => void) {
  const room = await server.createRoom(template);
  const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const message = syncUpdate(updateOf(rogue.doc, () => write(rogue.doc)));
  rogue.send(message);
  return { room, rogue, message, closed: await rogue.closed };
}

async function storedDoc(roomId: string, token: string): Promise<Y.Doc> {
  const check = await rawPeer(server.wsUrl, roomId, token);
  check.ws.close();
  return check.doc;
}

describe('field names are data', () => {
  it('refuses a field "__proto__.<key>" (91 bytes) with 4409; nothing stored, the server stays up', async () => {
    const { room, message, closed } = await attack('structuur-lost-alles-op', (doc) => {
      const step = idsOfType(doc, 'loop-step')[0]!;
      entriesArray(doc).push([{ r: step, f: '__proto__.polluted', v: 'yes' }]);
    });
    expect(message.byteLength).toBeLessThan(200);
    expect(closed).toEqual({ code: 4409, reason: 'invalid-record' });
    await health();
    const doc = await storedDoc(room.roomId, room.tokens.view);
    expect(
      entriesArray(doc)
        .toArray()
        .some((e) => e.f.includes('__proto__')),
    ).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await otherRoomStillSyncs();
  });

  it('refuses "constructor", "prototype" and values that smuggle a prototype', async () => {
    const cases: [string, (doc: Y.Doc, step: string) => void][] = [
      ['constructor.prototype', (doc, s) => entriesArray(doc).push([{ r: s, f: 'constructor', v: {} }])],
      ['props.prototype', (doc, s) => entriesArray(doc).push([{ r: s, f: 'props.prototype', v: 1 }])],
      ['meta.__proto__', (doc, s) => entriesArray(doc).push([{ r: s, f: 'meta.__proto__', v: { a: 1 } }])],
      ['a path', (doc, s) => entriesArray(doc).push([{ r: s, f: 'props.a.b', v: 1 }])],
      [
        'a value with a __proto__ key',
        (doc, s) =>
          entriesArray(doc).push([{ r: s, f: 'meta.note', v: JSON.parse('{"__proto__":{"x":1}}') }]),
      ],
    ];
    for (const [name, write] of cases) {
      const { closed } = await attack('blank', (doc) => write(doc, idsOfType(doc, 'loop-step')[0]!));
      // A decoded "__proto__" key already throws under --disable-proto=throw: unreadable, 4400.
      expect([4400, 4409], name).toContain(closed.code);
    }
    await health();
  });

  it('survives a restart after the attack: the room loads and takes a drag', async () => {
    const { room } = await attack('blank', (doc) => {
      entriesArray(doc).push([{ r: idsOfType(doc, 'loop-step')[0]!, f: '__proto__.x', v: 1 }]);
    });
    await server.kill();
    server = await server.restart();
    const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const watcher = connectPeer(server.wsUrl, room.roomId, room.tokens.view);
    try {
      await Promise.all([whenSynced(peer), whenSynced(watcher)]);
      const step = idsOfType(peer.doc, 'loop-step')[0]!;
      peer.doc.transact(() => records(peer.doc).setField(step, 'x', 77));
      await eventually(() => records(watcher.doc).get(step)?.x === 77, 5000, 'the drag after restart');
    } finally {
      peer.destroy();
      watcher.destroy();
    }
    // Before the fix the polluted prototype threw when a socket closed: the server is still up
    // once those two have left and someone else comes in.
    const next = connectPeer(server.wsUrl, room.roomId, room.tokens.view);
    await whenSynced(next);
    next.destroy();
    await health();
  });
});

describe('bounded, linear-time updates', () => {
  it('refuses 43,000 entries of one field with 4413 at once; /healthz and other rooms unaffected', async () => {
    const room = await server.createRoom('blank');
    const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const update = updateOf(rogue.doc, () =>
      entriesArray(rogue.doc).push(Array.from({ length: 43_000 }, () => ({ r: 'shape:a', f: 'x', v: 0 }))),
    );
    expect(update.byteLength).toBeLessThan(1024 * 1024);
    rogue.send(syncUpdate(update));
    const during = health();
    expect(await rogue.closed).toEqual({ code: 4413, reason: 'message-too-large' });
    // Before: every room stalled for about 10 s. A generous bound for a loaded CI machine; the
    // 200 ms target is measured in `npm run bench`.
    expect(await during).toBeLessThan(2000);
    await otherRoomStillSyncs();
  });
});

describe('every entry belongs to a valid record', () => {
  it('refuses entries of a record type the schema does not have ({r:"junk:1"}), nothing stored', async () => {
    const { room, closed } = await attack('blank', (doc) => {
      entriesArray(doc).push([{ r: 'junk:1', f: 'blob', v: 'x'.repeat(10_000) }]);
    });
    expect(closed.code).toBe(4409);
    const doc = await storedDoc(room.roomId, room.tokens.view);
    expect(
      entriesArray(doc)
        .toArray()
        .some((e) => e.r === 'junk:1'),
    ).toBe(false);
  });

  it('refuses fields of a shape that never existed (no typeName), nothing stored', async () => {
    const { room, closed } = await attack('blank', (doc) => {
      entriesArray(doc).push([
        { r: 'shape:ghost', f: 'x', v: 1 },
        { r: 'shape:ghost', f: 'blob', v: 'y'.repeat(5000) },
      ]);
    });
    expect(closed.code).toBe(4409);
    const doc = await storedDoc(room.roomId, room.tokens.view);
    expect(
      entriesArray(doc)
        .toArray()
        .some((e) => e.r === 'shape:ghost'),
    ).toBe(false);
  });

  it('keeps a partner who drags a shape another partner just deleted: removal wins, nothing left over', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const dragger = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const deleter = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const step = idsOfType(deleter.doc, 'pattern-title')[0]!;
    deleter.send(syncUpdate(updateOf(deleter.doc, () => records(deleter.doc).delete(step))));
    // The dragger has not seen the removal yet: its move is a concurrent edit, not an attack.
    await new Promise((r) => setTimeout(r, 200));
    dragger.send(syncUpdate(updateOf(dragger.doc, () => records(dragger.doc).setField(step, 'x', 5))));
    await new Promise((r) => setTimeout(r, 300));
    expect(dragger.ws.readyState).toBe(dragger.ws.OPEN);
    const doc = await storedDoc(room.roomId, room.tokens.view);
    expect(records(doc).has(step)).toBe(false);
    expect(
      entriesArray(doc)
        .toArray()
        .some((e) => e.r === step),
    ).toBe(false);
    dragger.ws.close();
    deleter.ws.close();
  });
});

describe('referential integrity', () => {
  it('refuses moving every shape to a page that does not exist (the map would vanish) with 4409', async () => {
    const { room, closed } = await attack('structuur-lost-alles-op', (doc) => {
      for (const r of records(doc).values())
        if (r.typeName === 'shape') records(doc).setField(r.id as string, 'parentId', 'page:nowhere');
    });
    expect(closed.code).toBe(4409);
    const doc = await storedDoc(room.roomId, room.tokens.view);
    const shapes = records(doc)
      .values()
      .filter((r) => r.typeName === 'shape');
    expect(shapes.length).toBeGreaterThan(6);
    expect(shapes.every((s) => s.parentId === 'page:page')).toBe(true);
  });

  it('refuses a binding to nothing, a bubble linked to nothing, to an arrow or from a step', async () => {
    const cases: [string, (doc: Y.Doc) => void][] = [
      [
        'binding toId',
        (doc) => {
          const b = records(doc)
            .values()
            .find((r) => r.typeName === 'binding')!;
          records(doc).setField(b.id as string, 'toId', 'shape:nothing');
        },
      ],
      [
        'a bubble linked to nothing',
        (doc) => records(doc).set('binding:forged', link(idsOfType(doc, 'behaviour')[0]!, 'shape:nothing')),
      ],
      [
        'a bubble linked to an arrow',
        (doc) =>
          records(doc).set(
            'binding:forged',
            link(idsOfType(doc, 'behaviour')[0]!, idsOfType(doc, 'arrow')[0]!),
          ),
      ],
      [
        'a step linked as if it were a bubble',
        (doc) =>
          records(doc).set(
            'binding:forged',
            link(idsOfType(doc, 'loop-step')[0]!, idsOfType(doc, 'loop-step')[1]!),
          ),
      ],
      [
        'a link kept as a prop, the way older versions stored it',
        (doc) =>
          records(doc).setField(
            idsOfType(doc, 'behaviour')[0]!,
            'props.targetStepId',
            idsOfType(doc, 'loop-step')[0]!,
          ),
      ],
      [
        'a shape its own parent',
        (doc) => {
          const s = idsOfType(doc, 'loop-step')[0]!;
          records(doc).setField(s, 'parentId', s);
        },
      ],
    ];
    for (const [name, write] of cases) {
      const { closed } = await attack('van-niemand-en-toch-van-iedereen', write);
      expect(closed.code, name).toBe(4409);
    }
  });

  it('deleting a step clears the links to it, for everyone, in the same stored change', async () => {
    const room = await server.createRoom('van-niemand-en-toch-van-iedereen');
    const a = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const b = connectPeer(server.wsUrl, room.roomId, room.tokens.edit);
    try {
      await Promise.all([whenSynced(a), whenSynced(b)]);
      const step = idsOfType(a.doc, 'loop-step')[0]!;
      const bubble = idsOfType(a.doc, 'behaviour')[0]!;
      a.doc.transact(() =>
        records(a.doc).set('binding:mylink', { ...link(bubble, step), id: 'binding:mylink' }),
      );
      await eventually(() => records(b.doc).get('binding:mylink')?.toId === step);
      // B, like an older client, removes the step and leaves the link for the server to tidy.
      b.doc.transact(() => records(b.doc).delete(step));
      for (const peer of [a, b])
        await eventually(() => !records(peer.doc).has('binding:mylink'), 5000, 'the link removed');
      expect(a.closes).toEqual([]);
      expect(b.closes).toEqual([]);
      const doc = await storedDoc(room.roomId, room.tokens.view);
      expect(records(doc).has(step)).toBe(false);
      expect(records(doc).has(bubble)).toBe(true);
      expect(
        records(doc)
          .values()
          .filter((r) => r.typeName === 'binding' && (r.toId === step || r.fromId === step)),
      ).toEqual([]);
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});

describe('refusal is cheap', () => {
  it('refuses every attack above before applying it: none makes the server rebuild a room', async () => {
    // Run last: by now this server has refused each document attack of this file.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(counter('patroonkaart_updates_rejected_total')).toBeGreaterThanOrEqual(7);
    expect(counter('patroonkaart_updates_rolled_back_total')).toBe(0);
    await health();
  });
});

describe('texts are checked like every other field', () => {
  it('refuses characters in a field that is not a text, of no record, formatting, or past the limit', async () => {
    const cases: [string, (doc: Y.Doc) => void][] = [
      [
        'a text of a number field',
        (doc) => doc.getText(`text:${idsOfType(doc, 'loop-step')[0]}#props.w`).insert(0, '9'),
      ],
      ['a text of no record', (doc) => doc.getText('text:shape:nothing#props.text').insert(0, 'hallo')],
      [
        'a text of a name that is a path',
        (doc) => doc.getText('text:shape:x#__proto__.polluted').insert(0, 'ja'),
      ],
      [
        'formatting in a text',
        (doc) =>
          doc.getText(`text:${idsOfType(doc, 'loop-step')[0]}#props.text`).format(0, 3, { bold: true }),
      ],
      [
        '2,001 characters at once',
        (doc) => doc.getText(`text:${idsOfType(doc, 'loop-step')[0]}#props.text`).insert(0, 'x'.repeat(2001)),
      ],
    ];
    for (const [name, write] of cases) {
      const { closed } = await attack('structuur-lost-alles-op', write);
      expect(closed.code, name).toBe(4409);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await health();
  });

  it('refuses a text grown past 2,000 characters over several updates; what was accepted stays', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const step = idsOfType(rogue.doc, 'loop-step')[0]!;
    const text = rogue.doc.getText(`text:${step}#props.text`);
    const accepted = text.toString().length;
    rogue.send(syncUpdate(updateOf(rogue.doc, () => text.insert(0, 'a'.repeat(1900 - accepted)))));
    rogue.send(syncUpdate(updateOf(rogue.doc, () => text.insert(0, 'b'.repeat(200)))));
    expect((await rogue.closed).code).toBe(4409);
    const doc = await storedDoc(room.roomId, room.tokens.view);
    const stored = String((records(doc).get(step)!.props as { text: string }).text);
    expect(stored.length).toBe(1900);
    expect(stored).not.toContain('b');
    await otherRoomStillSyncs();
  });
});
