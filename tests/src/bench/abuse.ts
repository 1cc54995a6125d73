/**
 * The long variants of the abuse suite (tests/src/abuse): the same attacks, bigger and repeated,
 * against our server process. While each runs, /healthz is polled every 20 ms from a separate
 * process; the worst answer time is the figure (limit: 200 ms). During the slow-reader attack the server's peak RSS is read
 * from /proc (limit: what it used before plus MAX_SEND_BUFFER_BYTES, 256 MiB).
 */
import { entriesArray } from '@patroonkaart/tldraw-yjs';
import * as Y from 'yjs';
import { openRaw, rawPeer, syncStep1, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startProbe } from './healthProbeProcess.ts';
import { rssBytes } from './procStats.ts';
import { HISTORY_BUDGET_BYTES, restorePointCycle } from './restorePointCycle.ts';
import { sleep } from './stats.ts';
import { FLOOD_ROOTS, textFlood } from './textFlood.ts';
import type { Row, Scenario } from './types.ts';

const HEALTH_LIMIT_MS = 200;
const ROOM_MB = 16;

/**
 * Runs `attack` while another process polls /healthz (healthProbe.ts); returns the worst answer
 * time it saw.
 */
export async function worstHealth(server: TestServer, attack: () => Promise<void>): Promise<number> {
  const probe = startProbe(server.url);
  try {
    while (probe.samples.length === 0) await sleep(20); // the probe is up and the server answers
    await attack();
    await sleep(100); // the probe's answer for the attack's last moments
  } finally {
    await probe.stop();
  }
  return Math.max(...probe.samples.map((s) => s.ms));
}

/** Sends `make(doc)` from fresh connections, `times` times, `parallel` at once. */
async function repeatRefused(
  server: TestServer,
  roomId: string,
  token: string,
  times: number,
  parallel: number,
  write: (doc: Y.Doc) => void,
): Promise<void> {
  let left = times;
  const worker = async () => {
    while (left-- > 0) {
      const rogue = await rawPeer(server.wsUrl, roomId, token);
      rogue.send(syncUpdate(updateOf(rogue.doc, () => write(rogue.doc))));
      await rogue.closed;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function bigRoom(server: TestServer, template = 'blank') {
  const room = await server.createRoom(template);
  const writer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const batches = Math.ceil((ROOM_MB * 1024 * 1024) / (350 * 2300));
  for (let b = 0; b < batches; b++) {
    writer.send(
      syncUpdate(
        updateOf(writer.doc, () => {
          for (let i = 0; i < 350; i++) {
            const id = `shape:b${b}c${i}`;
            records(writer.doc).set(id, loopStep(id, { text: `${b}-${i} `.repeat(250).slice(0, 2000) }));
          }
        }),
      ),
    );
    await sleep(120);
  }
  writer.ws.close();
  return room;
}

export const abuseScenario: Scenario = {
  name: 'abuse',
  async run(ctx) {
    const server = await startTestServer({ REFUSALS_PER_MINUTE: '0', LOG_LEVEL: 'error' });
    const rows: Row[] = [];
    const row = (metric: string, value: number, unit: Row['unit'], limit: number, note?: string): Row => ({
      scenario: 'abuse, long variants',
      metric,
      unit,
      values: { ours: Math.round(value * 10) / 10 },
      target: `<= ${limit} ${unit}`,
      met: value <= limit,
      ...(note ? { note } : {}),
    });
    try {
      const small = await server.createRoom('structuur-lost-alles-op');
      ctx.log('abuse: 40 updates of 43,000 entries of one field, 4 connections at a time');
      const entries = await worstHealth(server, () =>
        repeatRefused(server, small.roomId, small.tokens.edit, 40, 4, (doc) =>
          entriesArray(doc).push(Array.from({ length: 43_000 }, () => ({ r: 'shape:a', f: 'x', v: 0 }))),
        ),
      );
      rows.push(row('worst /healthz during 40 x 43,000-entry updates', entries, 'ms', HEALTH_LIMIT_MS));

      ctx.log('abuse: 500 "__proto__" updates');
      const proto = await worstHealth(server, () =>
        repeatRefused(server, small.roomId, small.tokens.edit, 500, 8, (doc) => {
          const step = records(doc)
            .values()
            .find((r) => r.type === 'loop-step')!.id as string;
          entriesArray(doc).push([{ r: step, f: '__proto__.polluted', v: 1 }]);
        }),
      );
      rows.push(row('worst /healthz during 500 "__proto__" updates', proto, 'ms', HEALTH_LIMIT_MS));

      ctx.log('abuse: twelve cycles of adding six steps and deleting them in a 2.8 MB room');
      const cycle = await restorePointCycle(server, (attack) => worstHealth(server, attack));
      const history = `${cycle.points} restore points of a ${(cycle.roomBytes / 1024 / 1024).toFixed(1)} MiB room`;
      rows.push(
        row(
          'worst /healthz during 12 add-and-delete cycles',
          cycle.worstHealthMs,
          'ms',
          HEALTH_LIMIT_MS,
          history,
        ),
        row(
          'room history after 12 add-and-delete cycles',
          cycle.historyBytes / 1024 / 1024,
          'MiB',
          HISTORY_BUDGET_BYTES / 1024 / 1024,
          `${history}; the budget is RESTORE_POINT_BYTES_PER_ROOM`,
        ),
      );

      ctx.log(
        `abuse: ${FLOOD_ROOTS.toLocaleString('en')} new texts in updates, refused and within the rules`,
      );
      const flood = await textFlood(server, worstHealth);
      rows.push(
        row(
          `worst /healthz during a flood of ${FLOOD_ROOTS.toLocaleString('en')} new texts (refused)`,
          flood.refusedMs,
          'ms',
          HEALTH_LIMIT_MS,
        ),
      );
      rows.push(
        row(
          `worst /healthz during ${FLOOD_ROOTS.toLocaleString('en')} new texts within the rules (accepted)`,
          flood.acceptedMs,
          'ms',
          HEALTH_LIMIT_MS,
          `a newcomer then synced the room in ${flood.joinMs.toFixed(0)} ms`,
        ),
      );

      ctx.log(`abuse: a ${ROOM_MB} MB room`);
      const big = await bigRoom(server);
      // The first newcomer after the writes pays for encoding the whole room once (any partner
      // joining would): measured on its own, so the refusal figure is the refusals'.
      const firstJoin = await worstHealth(server, async () => {
        const viewer = await rawPeer(server.wsUrl, big.roomId, big.tokens.view);
        viewer.ws.close();
      });
      ctx.log('abuse: 30 schema-invalid updates into it (each refused before it is applied), throttle off');
      const t0 = performance.now();
      const refusals = await worstHealth(server, () =>
        repeatRefused(server, big.roomId, big.tokens.edit, 30, 1, (doc) =>
          records(doc).set('shape:bad', loopStep('shape:bad', { w: -1 })),
        ),
      );
      const perRefusal = (performance.now() - t0) / 30;
      rows.push(
        row(
          `worst /healthz during 30 invalid updates into a ${ROOM_MB} MB room`,
          refusals,
          'ms',
          HEALTH_LIMIT_MS,
          `${perRefusal.toFixed(0)} ms per refusal round trip (connect, sync, refuse); with the default REFUSALS_PER_MINUTE=10 an address gets 10 a minute. Before the attack, the first newcomer's join (the whole room encoded once): worst /healthz ${firstJoin.toFixed(0)} ms`,
        ),
      );

      ctx.log('abuse: 60 viewers that never read ask for the whole room');
      const baseline = rssBytes(server.process.pid!);
      let peak = baseline;
      const slow: ReturnType<typeof openRaw>[] = [];
      const slowAttack = worstHealth(server, async () => {
        for (let i = 0; i < 60; i++) {
          const s = openRaw(server.wsUrl, big.roomId, big.tokens.view);
          await s.opened.catch(() => {});
          (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
          for (let k = 0; k < 5; k++) s.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
          slow.push(s);
          peak = Math.max(peak, rssBytes(server.process.pid!));
        }
        for (let t = 0; t < 40; t++) {
          peak = Math.max(peak, rssBytes(server.process.pid!));
          await sleep(100);
        }
      });
      const slowHealth = await slowAttack;
      for (const s of slow) s.ws.terminate();
      const limitMiB = 256 + baseline / 1024 / 1024;
      rows.push(
        row(
          `server peak RSS, 60 non-reading viewers of a ${ROOM_MB} MB room`,
          peak / 1024 / 1024,
          'MiB',
          Math.round(limitMiB),
          `RSS before ${(baseline / 1024 / 1024).toFixed(0)} MiB; worst /healthz meanwhile ${slowHealth.toFixed(0)} ms`,
        ),
      );
    } finally {
      await server.cleanup();
    }
    return rows;
  },
};
