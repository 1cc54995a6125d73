/**
 * Several server processes behind one address (STORAGE=postgres, REDIS_URL), each a real
 * process, with PostgreSQL and Redis started by this file: the peers of one room on both
 * processes edit together; one process is killed with SIGKILL mid-edit, its peers reconnect to
 * the other and carry on, and nothing any peer had seen is lost; a room deleted through one
 * process closes its peers on the other.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type PostgresService, type Service, startPostgres, startRedis } from '../support/services.ts';
import { connectPeer, eventually, type NodePeer, whenSynced } from '../support/yclient.ts';

let pg: PostgresService;
let redis: Service;
let a: TestServer;
let b: TestServer;
const peers: NodePeer[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    STORAGE: 'postgres',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    COMPACT_AFTER_UPDATES: '40',
    // Joins are logged at debug: a failed wait's diagnosis then shows whether a peer came back.
    LOG_LEVEL: 'debug',
  };
  a = await startTestServer(env);
  b = await startTestServer(env);
}, 90_000);

afterAll(async () => {
  // A process that died on its own (not the test's SIGKILL) says why in its log.
  for (const [name, server] of [['b', b]] as const)
    if (server?.process.exitCode !== null && server?.process.exitCode !== undefined)
      console.error(
        `process ${name} exited with ${server.process.exitCode}:\n${server.logs.slice(-40).join('')}`,
      );
  for (const p of peers) p.destroy();
  await Promise.allSettled([a?.cleanup(), b?.cleanup()]);
  await Promise.allSettled([pg?.stop(), redis?.stop()]);
});

const peer = (server: TestServer, roomId: string, token: string, doc?: Y.Doc) => {
  const p = connectPeer(server.wsUrl, roomId, token, doc);
  peers.push(p);
  return p;
};

function step(id: string, text: string, x: number) {
  return {
    id,
    typeName: 'shape',
    type: 'loop-step',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 200, h: 100, text, organisation: '' },
  };
}

const shapeIds = (doc: Y.Doc, pattern: RegExp) =>
  records(doc)
    .keys()
    .filter((id) => pattern.test(id))
    .sort();

/** Everything the map holds, as plain JSON, for comparing two copies. */
const mapOf = (doc: Y.Doc) =>
  JSON.stringify(
    records(doc)
      .keys()
      .sort()
      .map((id) => records(doc).get(id)),
  );

describe('two server processes, one room', () => {
  it('relays edits both ways, survives a SIGKILL of one process and loses nothing anyone saw', async () => {
    const room = await a.createRoom('structuur-lost-alles-op');
    const onA = peer(a, room.roomId, room.tokens.edit);
    const onB = peer(b, room.roomId, room.tokens.edit);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    // Why a wait below failed, if one does: what each peer saw, its closes, and what both processes logged.
    const closes: string[] = [];
    for (const [name, p] of [
      ['A', onA],
      ['B', onB],
    ] as const)
      p.provider.on('connection-close', (event: CloseEvent | null) =>
        closes.push(`${name}'s peer closed ${event?.code ?? '(locally)'} at ${new Date().toISOString()}`),
      );
    const diagnosis = () =>
      [
        `B's peer has ${shapeIds(onB.doc, /^shape:a\d+$/).length} of A's peer's steps, A's peer ${shapeIds(onA.doc, /^shape:b\d+$/).length} of B's`,
        closes.join('; ') || 'no socket closed',
        ...(
          [
            ['A', onA],
            ['B', onB],
          ] as const
        ).map(
          ([name, p]) =>
            `${name}'s peer: connected ${p.provider.wsconnected}, connecting ${p.provider.wsconnecting}, synced ${p.provider.synced}`,
        ),
        `A logged:\n${a.logs.slice(-20).join('')}`,
        `B logged:\n${b.logs.slice(-20).join('')}`,
      ].join('\n');

    // Both sides edit: a new step each, and both rewrite the same step's text (merged per character).
    const first = shapeIds(onA.doc, /^shape:/).find((id) => records(onA.doc).get(id)?.type === 'loop-step')!;
    onA.doc.transact(() => records(onA.doc).set('shape:from-a', step('shape:from-a', 'Van A', 10)));
    onB.doc.transact(() => records(onB.doc).set('shape:from-b', step('shape:from-b', 'Van B', 20)));
    onA.doc.getText(`text:${first}#props.text`).insert(0, 'A: ');
    onB.doc.getText(`text:${first}#props.text`).insert(0, 'B: ');
    await eventually(
      () => mapOf(onA.doc) === mapOf(onB.doc) && records(onA.doc).has('shape:from-b'),
      5000,
      'converged',
    );
    const text = String((records(onA.doc).get(first)!.props as { text: string }).text);
    expect(text).toMatch(/^(A: B: |B: A: )/);

    // Each side keeps adding steps; A's process dies with SIGKILL in the middle of it.
    let n = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        n++;
        onA.doc.transact(() => records(onA.doc).set(`shape:a${n}`, step(`shape:a${n}`, `a ${n}`, n)));
        onB.doc.transact(() => records(onB.doc).set(`shape:b${n}`, step(`shape:b${n}`, `b ${n}`, n)));
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await new Promise((r) => setTimeout(r, 800));
    // A dies once B's peer has seen some of its peer's work: on a machine busy with the rest of the
    // suite the relay between the processes has taken longer than those 800 ms (3 steps seen once,
    // and once still 5 or fewer 10 s later; the diagnosis says what each side saw and logged).
    await eventually(
      () => shapeIds(onB.doc, /^shape:a\d+$/).length > 5,
      30_000,
      () => `B's peer seeing A's peer's steps (at ${new Date().toISOString()}):\n${diagnosis()}`,
    ).catch(async (error: unknown) => {
      // Whether each process still answers at all: a stalled process and a stalled room differ.
      const processes: [string, TestServer][] = [
        ['A', a],
        ['B', b],
      ];
      const health = await Promise.all(
        processes.map(async ([name, server]) => {
          const started = performance.now();
          try {
            const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
            return `${name} answers /healthz ${res.status} in ${Math.round(performance.now() - started)} ms`;
          } catch (e) {
            return `${name} does not answer /healthz within 2 s (${(e as Error).name})`;
          }
        }),
      );
      throw new Error(`${(error as Error).message}\n${health.join('\n')}`);
    });
    await a.kill();
    // What B's peer had seen of A's peer's work at the moment of the kill must survive it.
    const seenOnB = shapeIds(onB.doc, /^shape:a\d+$/);
    expect(seenOnB.length).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await writer;

    // A's peer reconnects to the surviving process, with everything it has, and carries on.
    onA.provider.destroy();
    const moved = peer(b, room.roomId, room.tokens.edit, onA.doc);
    await whenSynced(moved);
    moved.doc.transact(() => records(moved.doc).set('shape:after', step('shape:after', 'Daarna', 0)));
    await eventually(
      () => mapOf(moved.doc) === mapOf(onB.doc) && records(onB.doc).has('shape:after'),
      10_000,
      'the moved peer and B converged',
    );
    for (const id of seenOnB) expect(records(onB.doc).has(id), id).toBe(true);
    // Every step each peer wrote is there, once: A's peer resent what its process never stored.
    expect(shapeIds(onB.doc, /^shape:a\d+$/).length).toBe(n);
    expect(shapeIds(onB.doc, /^shape:b\d+$/).length).toBe(n);

    // A newcomer reads it all from the surviving process, as stored.
    const late = peer(b, room.roomId, room.tokens.view);
    await whenSynced(late);
    await eventually(() => mapOf(late.doc) === mapOf(onB.doc), 5000, 'the newcomer has the same map');

    // A restarted A serves the same room, from PostgreSQL, identically.
    a = await a.restart();
    const back = peer(a, room.roomId, room.tokens.view);
    await whenSynced(back);
    await eventually(
      () => mapOf(back.doc) === mapOf(onB.doc),
      5000,
      'the restarted process has the same map',
    );
  }, 90_000);

  it('relays over Redis alone, and a room deleted through one process closes its peers on the other', async () => {
    const room = await b.createRoom('blank');
    const onA = peer(a, room.roomId, room.tokens.edit);
    const onB = peer(b, room.roomId, room.tokens.edit);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    // Only A's side writes, after B's load-time read of storage: B hears of it over Redis alone.
    await new Promise((r) => setTimeout(r, 600));
    onA.doc.transact(() => records(onA.doc).set('shape:only-a', step('shape:only-a', 'Alleen A', 0)));
    await eventually(() => records(onB.doc).has('shape:only-a'), 3000, 'A’s step on B’s side');
    const res = await fetch(`${b.url}/api/rooms/${room.roomId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${room.tokens.facilitator}` },
    });
    expect(res.status).toBe(204);
    await eventually(() => onA.closes.some((c) => c.code === 4410), 5000, 'A’s peer closed with 4410');
    expect(onB.closes.some((c) => c.code === 4410)).toBe(true);
    const health = (await (await fetch(`${a.url}/healthz`)).json()) as { redis?: string };
    expect(health.redis).toBe('up');
  }, 30_000);

  it('catches up from storage what it missed while Redis was gone', async () => {
    const room = await a.createRoom('blank');
    const onA = peer(a, room.roomId, room.tokens.edit);
    const onB = peer(b, room.roomId, room.tokens.edit);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    await new Promise((r) => setTimeout(r, 600));
    const port = Number(new URL(redis.url).port);
    await redis.stop();
    // Edits on A's side while the processes cannot hear each other: stored, not yet seen by B.
    for (let i = 0; i < 5; i++)
      onA.doc.transact(() => records(onA.doc).set(`shape:gone${i}`, step(`shape:gone${i}`, `weg ${i}`, i)));
    await new Promise((r) => setTimeout(r, 800));
    redis = await startRedis(port);
    await eventually(
      () => [0, 1, 2, 3, 4].every((i) => records(onB.doc).has(`shape:gone${i}`)),
      15_000,
      'B caught up once Redis was back',
    );
    expect(mapOf(onB.doc)).toBe(mapOf(onA.doc));
    expect(onA.closes).toEqual([]);
    expect(onB.closes).toEqual([]);
  }, 40_000);
});
