/**
 * The template library over real HTTP against the real server process: a facilitator saves a
 * room's map, anyone lists it, a room and a workshop start from it (read back over y-websocket),
 * it survives a restart, it travels as a map file both ways, whoever may create rooms deletes it;
 * hostile files and requests are refused with their codes and store nothing.
 */
import {
  CONVERSATION_ID,
  defaultConversation,
  readLoopMap,
  startRound,
  TEMPLATES,
} from '@patroonkaart/model';
import type {
  CreateRoomResponse,
  LibraryList,
  LibraryTemplate,
  MapFile,
  WorkshopResponse,
} from '@patroonkaart/protocol';
import { arrowBinding, createPatroonkaartSchema } from '@patroonkaart/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geoShape, loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, eventually, type NodePeer, whenSynced } from '../support/yclient.ts';

const CODE = 'sesam-open-u';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROOM_CREATION_CODE: CODE, ROOM_CREATIONS_PER_HOUR: '1000' });
});
afterAll(async () => {
  await server?.cleanup();
});

type Rec = Record<string, unknown>;

const call = (path: string, init: { method?: string; token?: string; body?: unknown; type?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });

async function refused(res: Response, status: number, error: string): Promise<void> {
  expect(res.status, `${error}: ${res.status}`).toBe(status);
  expect(((await res.json()) as { error: string }).error).toBe(error);
}

const tokenOf = (url: string) => new URL(url, 'http://x').hash.replace('#k=', '');

async function createRoom(template: string) {
  const res = await call('/api/rooms', { method: 'POST', body: { template, creationCode: CODE } });
  expect(res.status, await res.clone().text()).toBe(201);
  const room = (await res.json()) as CreateRoomResponse;
  return {
    ...room,
    tokens: {
      facilitator: tokenOf(room.facilitatorUrl),
      edit: tokenOf(room.editUrl),
      view: tokenOf(room.viewUrl),
    },
  };
}

async function peerOf(roomId: string, token: string): Promise<NodePeer> {
  const peer = connectPeer(server.wsUrl, roomId, token);
  await whenSynced(peer);
  return peer;
}

/** What a map says, ids aside: steps in canvas order, the loop, bubbles at their steps, title. */
function mapOf(all: Rec[]) {
  const map = readLoopMap(all);
  const text = new Map(map.steps.map((s) => [s.id, s.text]));
  return {
    title: map.title,
    steps: map.steps.map((s) => [s.text, s.templateStep]),
    loops: map.loops.map((l) => l.steps.map((id) => text.get(id))),
    bubbles: map.bubbles.map((b) => [b.kind, b.step ? text.get(b.step) : null]),
  };
}

const list = async () => ((await (await call('/api/library')).json()) as LibraryList).templates;
const fileOf = async (id: string) => (await (await call(`/api/library/${id}`)).json()) as MapFile;

const seed = TEMPLATES.find((t) => t.id === 'van-niemand-en-toch-van-iedereen')!;
let saved: LibraryTemplate;
/** The saved room's map, as its peers had it. */
let savedMap: ReturnType<typeof mapOf>;

describe('the template library', () => {
  it("saves a room's map as a template with the facilitator's token only, the loop map alone", async () => {
    const room = await createRoom(seed.id);
    const facilitator = await peerOf(room.roomId, room.tokens.facilitator);
    const watcher = await peerOf(room.roomId, room.tokens.view);
    try {
      const view = records(facilitator.doc);
      const step = [...view.values()].find((r) => r.type === 'loop-step')!;
      facilitator.doc.transact(() => {
        view.set(step.id as string, { ...step, props: { ...(step.props as Rec), text: 'Ons eigen begin' } });
        view.set('shape:box', geoShape('shape:box', 4000));
        view.set(CONVERSATION_ID, { ...startRound(defaultConversation(), 2, Date.now()) });
      });
      await eventually(
        () => records(watcher.doc).has('shape:box') && records(watcher.doc).has(CONVERSATION_ID),
      );
      savedMap = mapOf([...records(watcher.doc).values()]);
      expect(savedMap.steps[0]).toEqual(['Ons eigen begin', `${seed.id}#0`]);

      const path = `/api/rooms/${room.roomId}/template`;
      const body = { name: 'Ons patroon', description: 'Van niemand, met ons eigen begin' };
      await refused(await call(path, { method: 'POST', token: room.tokens.edit, body }), 403, 'forbidden');
      await refused(await call(path, { method: 'POST', token: room.tokens.view, body }), 403, 'forbidden');
      await refused(await call(path, { method: 'POST', body }), 401, 'unauthorized');
      await refused(
        await call(`/api/rooms/${'A'.repeat(22)}/template`, {
          method: 'POST',
          token: room.tokens.facilitator,
          body,
        }),
        404,
        'room-not-found',
      );
      await refused(
        await call('/api/rooms/kort/template', { method: 'POST', token: room.tokens.facilitator, body }),
        400,
        'invalid-room-id',
      );
      for (const bad of [
        {},
        { name: '   ' },
        { name: 'x'.repeat(81) },
        { name: 'Ok', description: 'y'.repeat(201) },
      ])
        await refused(
          await call(path, { method: 'POST', token: room.tokens.facilitator, body: bad }),
          400,
          'invalid-template',
        );
      await refused(
        await call(path, { method: 'POST', token: room.tokens.facilitator, body, type: 'text/plain' }),
        415,
        'json-required',
      );
      expect(await list()).toEqual([]);

      const res = await call(path, { method: 'POST', token: room.tokens.facilitator, body });
      expect(res.status).toBe(201);
      saved = (await res.json()) as LibraryTemplate;
      expect(saved).toEqual({
        id: expect.stringMatching(/^lib-[A-Za-z0-9_-]{22}$/),
        name: body.name,
        description: body.description,
        stepCount: seed.steps.length,
        createdAt: expect.any(Number),
      });
      const file = await fileOf(saved.id);
      expect(new Set(file.records.map((r) => r.typeName))).toEqual(new Set(['shape', 'binding']));
      expect(file.records.some((r) => r.type === 'geo')).toBe(false);
      expect(mapOf(file.records)).toEqual(savedMap);
    } finally {
      facilitator.destroy();
      watcher.destroy();
    }
  });

  it('lists the templates for anyone, newest first, beside the seed loops', async () => {
    const res = await call('/api/library');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ templates: [saved] });
    // The seed loops stay where they were.
    const seeds = (await (await call('/api/templates')).json()) as { templates: { id: string }[] };
    expect(seeds.templates.map((t) => t.id)).not.toContain(saved.id);
  });

  it('starts a room and a workshop table from it: the same texts and loop, new ids', async () => {
    const room = await createRoom(saved.id);
    const peer = await peerOf(room.roomId, room.tokens.edit);
    const file = await fileOf(saved.id);
    try {
      const all = [...records(peer.doc).values()];
      expect(mapOf(all)).toEqual(savedMap);
      expect(all.some((r) => r.type === 'geo' || r.typeName === 'conversation')).toBe(false);
      const ids = new Set(file.records.map((r) => r.id));
      expect(all.filter((r) => ids.has(r.id as string))).toEqual([]);
    } finally {
      peer.destroy();
    }

    const res = await call('/api/workshops', {
      method: 'POST',
      body: { tables: [{ template: saved.id }, { template: 'structuur-lost-alles-op' }], creationCode: CODE },
    });
    expect(res.status).toBe(201);
    const workshop = (await res.json()) as WorkshopResponse;
    expect(workshop.tables.map((t) => t.template)).toEqual([saved.id, 'structuur-lost-alles-op']);
    const table = await peerOf(workshop.tables[0]!.roomId, tokenOf(workshop.tables[0]!.editUrl));
    try {
      expect(mapOf([...records(table.doc).values()])).toEqual(savedMap);
    } finally {
      table.destroy();
    }
  });

  it('survives a restart of the server', async () => {
    await server.stop();
    server = await server.restart();
    expect(await list()).toEqual([saved]);
    const room = await createRoom(saved.id);
    const peer = await peerOf(room.roomId, room.tokens.view);
    try {
      expect(mapOf([...records(peer.doc).values()])).toEqual(savedMap);
    } finally {
      peer.destroy();
    }
  });

  it('exports a template as a map file and imports it again, with the creation code', async () => {
    const res = await call(`/api/library/${saved.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ons-patroon.patroonkaart.json"',
    );
    const file = (await res.json()) as MapFile;
    expect(file).toMatchObject({
      format: 'patroonkaart',
      version: 1,
      title: saved.name,
      schema: createPatroonkaartSchema().serialize(),
      template: { name: saved.name, description: saved.description },
    });
    expect(Date.parse(file.exportedAt)).toBeGreaterThan(0);

    await refused(await call('/api/library', { method: 'POST', body: file }), 403, 'creation-code');
    await refused(
      await call('/api/library', { method: 'POST', body: file, token: 'fout' }),
      403,
      'creation-code',
    );
    const imported = await call('/api/library', { method: 'POST', body: file, token: CODE });
    expect(imported.status).toBe(201);
    const again = (await imported.json()) as LibraryTemplate;
    expect(again).toMatchObject({
      name: saved.name,
      description: saved.description,
      stepCount: saved.stepCount,
    });
    expect(again.id).not.toBe(saved.id);
    expect(mapOf((await fileOf(again.id)).records)).toEqual(savedMap);
    expect((await list()).map((t) => t.id)).toEqual([again.id, saved.id]);

    // A map file as the client's export writes it (every shape of the page, no `template`): its
    // title names the template, and only the loop map is kept.
    const source = await createRoom('structuur-lost-alles-op');
    const peer = await peerOf(source.roomId, source.tokens.edit);
    try {
      const view = records(peer.doc);
      peer.doc.transact(() => view.set('shape:box', geoShape('shape:box', 4000)));
      const shapesAndBindings = [...view.values()].filter(
        (r) => r.typeName === 'shape' || r.typeName === 'binding',
      );
      const exported: MapFile = {
        format: 'patroonkaart',
        version: 1,
        exportedAt: new Date().toISOString(),
        title: 'Structuur lost alles op, zoals wij het zagen',
        schema: createPatroonkaartSchema().serialize() as unknown as MapFile['schema'],
        records: shapesAndBindings,
      };
      const res = await call('/api/library', { method: 'POST', body: exported, token: CODE });
      expect(res.status).toBe(201);
      const fromExport = (await res.json()) as LibraryTemplate;
      expect(fromExport).toMatchObject({ name: exported.title, description: '', stepCount: 6 });
      const kept = (await fileOf(fromExport.id)).records;
      expect(kept.some((r) => r.type === 'geo')).toBe(false);
      expect(mapOf(kept)).toEqual(mapOf(shapesAndBindings));
    } finally {
      peer.destroy();
    }
  });

  it('is deleted by whoever may create rooms; a deleted template starts no room', async () => {
    const [latest] = await list();
    const path = `/api/library/${latest!.id}`;
    await refused(await call(path, { method: 'DELETE' }), 403, 'creation-code');
    await refused(await call(path, { method: 'DELETE', token: 'fout' }), 403, 'creation-code');
    const res = await call(path, { method: 'DELETE', token: CODE });
    expect(res.status).toBe(204);
    await refused(await call(path, { method: 'DELETE', token: CODE }), 404, 'template-not-found');
    await refused(await call(path), 404, 'template-not-found');
    await refused(await call('/api/library/structuur-lost-alles-op'), 404, 'template-not-found');
    await refused(
      await call('/api/rooms', { method: 'POST', body: { template: latest!.id, creationCode: CODE } }),
      400,
      'unknown-template',
    );
    await refused(
      await call('/api/workshops', {
        method: 'POST',
        body: { tables: [{ template: latest!.id }], creationCode: CODE },
      }),
      400,
      'unknown-template',
    );
    expect((await list()).map((t) => t.id)).not.toContain(latest!.id);
    expect(server.logs.join('')).not.toContain(CODE);
  });

  it('refuses hostile files with their codes and stores nothing', async () => {
    const before = await list();
    const file = await fileOf(saved.id);
    const withRecords = (records: unknown[]) => ({ ...file, records });
    const step = file.records.find((r) => r.type === 'loop-step')!;
    const arrows = file.records.filter((r) => r.type === 'arrow');
    const post = (body: unknown, type?: string) =>
      call('/api/library', { method: 'POST', body, token: CODE, type });

    await refused(await post(file, 'text/plain'), 415, 'json-required');
    await refused(await post('{"format": "patroonkaart", '), 400, 'bad-json');
    await refused(await post(' '.repeat(10 * 1024 * 1024 + 1)), 413, 'too-large');
    await refused(await post({ format: 'iets anders', records: [], schema: {} }), 400, 'not-a-map');
    await refused(await post([file]), 400, 'not-a-map');
    await refused(await post({ ...file, version: 2 }), 400, 'map-too-new');
    await refused(
      await post({ ...file, schema: { ...file.schema, sequences: { 'com.tldraw.shape': 999 } } }),
      400,
      'map-too-new',
    );
    // A text over 2,000 characters; a forbidden key; a record that is no shape or binding.
    await refused(
      await post(withRecords([{ ...step, props: { ...(step.props as Rec), text: 'x'.repeat(2001) } }])),
      400,
      'invalid-map',
    );
    await refused(
      await post(
        withRecords([JSON.parse(`{"__proto__": {"polluted": 1}, ${JSON.stringify(step).slice(1)}`)]),
      ),
      400,
      'invalid-map',
    );
    await refused(
      await post(
        withRecords([
          ...file.records,
          { id: 'page:other', typeName: 'page', name: 'x', index: 'a2', meta: {} },
        ]),
      ),
      400,
      'invalid-map',
    );
    // Two arrows bound to each other (every screen would recurse until its stack overflows).
    await refused(
      await post(
        withRecords([
          ...arrows.slice(0, 2),
          arrowBinding('binding:x1', arrows[0]!.id as string, arrows[1]!.id as string, 'start'),
          arrowBinding('binding:x2', arrows[1]!.id as string, arrows[0]!.id as string, 'start'),
        ]),
      ),
      400,
      'invalid-map',
    );
    await refused(await post(withRecords(['geen record'])), 400, 'invalid-map');
    await refused(await post(withRecords([step, step])), 400, 'invalid-map');
    // Nothing of a loop map: no shape at all, or drawings only.
    await refused(await post(withRecords([])), 400, 'empty-map');
    await refused(await post(withRecords([geoShape('shape:box', 0)])), 400, 'empty-map');
    await refused(await post({ ...file, template: { name: ' ' }, title: '' }), 400, 'invalid-template');
    expect(await list()).toEqual(before);

    // A room with nothing of a loop map on it cannot be saved either.
    const empty = await createRoom('empty');
    await refused(
      await call(`/api/rooms/${empty.roomId}/template`, {
        method: 'POST',
        token: empty.tokens.facilitator,
        body: { name: 'Leeg' },
      }),
      400,
      'empty-map',
    );
    expect(await list()).toEqual(before);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('holds at most 100 templates', async () => {
    const small = { ...(await fileOf(saved.id)) };
    small.records = [{ ...loopStep('shape:one'), parentId: 'page:page' }];
    for (let n = (await list()).length; n < 100; n++) {
      const res = await call('/api/library', { method: 'POST', body: small, token: CODE });
      expect(res.status).toBe(201);
    }
    await refused(
      await call('/api/library', { method: 'POST', body: small, token: CODE }),
      409,
      'library-full',
    );
    const room = await createRoom('blank');
    await refused(
      await call(`/api/rooms/${room.roomId}/template`, {
        method: 'POST',
        token: room.tokens.facilitator,
        body: { name: 'Nog een' },
      }),
      409,
      'library-full',
    );
    expect(await list()).toHaveLength(100);
  });
});
