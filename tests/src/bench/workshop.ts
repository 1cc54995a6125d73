/**
 * A workshop under load: 12 tables of 8 partners, each partner moving a step 4 times a second,
 * with the facilitator's overview open in headless Chromium. Reported: the overview's frame time
 * (requestAnimationFrame deltas while all tables change) against the same page idle, and the
 * server's CPU above idle per accepted update against one room of 8 such partners.
 */
import type { WorkshopResponse } from '@patroonkaart/protocol';
import { launchBrowser, openPage } from '../support/browser.ts';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { cpuMs } from './procStats.ts';
import { percentile, sleep } from './stats.ts';
import type { Row, Scenario } from './types.ts';

const TABLES = 12;
const PARTNERS = 8;
const MOVES_PER_SECOND = 4;
const SECONDS = 10;

const tokenOf = (url: string) => new URL(url, 'http://x').hash.replace('#k=', '');

async function acceptedUpdates(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^patroonkaart_updates_accepted_total (\d+)/m.exec(text)?.[1] ?? 0);
}

/** Starts 8 partners per room moving steps; returns a stop function. */
async function partnersMoving(server: TestServer, rooms: { roomId: string; token: string }[]) {
  const peers: Awaited<ReturnType<typeof rawPeer>>[] = [];
  for (const room of rooms)
    for (let p = 0; p < PARTNERS; p++) peers.push(await rawPeer(server.wsUrl, room.roomId, room.token));
  let running = true;
  let tick = 0;
  const loops = peers.map(async (peer, i) => {
    const steps = records(peer.doc)
      .values()
      .filter((r) => r.type === 'loop-step')
      .map((r) => r.id as string);
    await sleep((i * 37) % 250);
    while (running) {
      const step = steps[i % steps.length]!;
      peer.send(
        syncUpdate(updateOf(peer.doc, () => records(peer.doc).setField(step, 'x', (tick++ % 400) - 200))),
      );
      await sleep(1000 / MOVES_PER_SECOND);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    for (const peer of peers) peer.ws.close();
  };
}

/** The server's CPU ms per second with nobody editing (timers, the heartbeat, GC). */
async function idleCpuPerSecond(server: TestServer): Promise<number> {
  const cpu0 = cpuMs(server.process.pid!);
  await sleep(5000);
  return (cpuMs(server.process.pid!) - cpu0) / 5;
}

/** The server's CPU ms above idle per accepted update, while the partners move for SECONDS. */
async function serverCostPerUpdate(
  server: TestServer,
  rooms: { roomId: string; token: string }[],
  idle: number,
) {
  const stop = await partnersMoving(server, rooms);
  await sleep(1000);
  const cpu0 = cpuMs(server.process.pid!);
  const n0 = await acceptedUpdates(server);
  await sleep(SECONDS * 1000);
  const cpu = cpuMs(server.process.pid!) - cpu0 - idle * SECONDS;
  const n = (await acceptedUpdates(server)) - n0;
  return { stop, perUpdate: cpu / Math.max(1, n), updates: n };
}

export const workshopScenario: Scenario = {
  name: 'workshop',
  async run(ctx) {
    const server = await startTestServer({ LOG_LEVEL: 'error', ROOM_CREATIONS_PER_HOUR: '1000' });
    const browser = await launchBrowser();
    const rows: Row[] = [];
    try {
      ctx.log('workshop: one room of 8 partners, for the per-update baseline');
      const single = await server.createRoom('structuur-lost-alles-op');
      const idleCpu = await idleCpuPerSecond(server);
      const alone = await serverCostPerUpdate(
        server,
        [{ roomId: single.roomId, token: single.tokens.edit }],
        idleCpu,
      );
      await alone.stop();

      const res = await fetch(`${server.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          tables: Array.from({ length: TABLES }, () => ({ template: 'structuur-lost-alles-op' })),
        }),
      });
      const workshop = (await res.json()) as WorkshopResponse;
      const overview = await openPage(browser, `${server.url}${workshop.facilitatorUrl}`);
      await overview.page
        .getByTestId('workshop-table')
        .nth(TABLES - 1)
        .waitFor({ timeout: 30_000 });
      const frames = (seconds: number) =>
        overview.page.evaluate(async (duration) => {
          const deltas: number[] = [];
          let last = performance.now();
          const end = last + duration * 1000;
          await new Promise<void>((resolve) => {
            const frame = (now: number) => {
              deltas.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(frame);
              else resolve();
            };
            requestAnimationFrame(frame);
          });
          return deltas.slice(5).sort((a, b) => a - b);
        }, seconds);
      const idle = await frames(5);
      ctx.log(`workshop: ${TABLES} tables x ${PARTNERS} partners moving steps, overview open`);
      const tables = workshop.tables.map((t) => ({ roomId: t.roomId, token: tokenOf(t.editUrl) }));
      const loadedRun = serverCostPerUpdate(server, tables, idleCpu);
      await sleep(2000);
      const busy = await frames(SECONDS - 2);
      const loaded = await loadedRun;
      await loaded.stop();
      const p95Idle = percentile(idle, 95);
      const p95Busy = percentile(busy, 95);
      rows.push({
        scenario: 'workshop',
        metric: `overview frame time p95, ${TABLES} tables x ${PARTNERS} partners editing`,
        unit: 'ms',
        values: { ours: Math.round(p95Busy * 10) / 10 },
        target: '<= 50 ms',
        met: p95Busy <= 50,
        note: `idle p95 ${p95Idle.toFixed(1)} ms, busy max ${busy[busy.length - 1]!.toFixed(1)} ms; headless Chromium without GPU`,
      });
      const ratio = loaded.perUpdate / alone.perUpdate;
      rows.push({
        scenario: 'workshop',
        metric: `server CPU per update, ${TABLES} tables x ${PARTNERS} (vs one room of ${PARTNERS})`,
        unit: 'ms/update',
        values: { ours: Math.round(loaded.perUpdate * 1000) / 1000 },
        target: '<= 1.5x one room',
        met: ratio <= 1.5,
        note: `CPU above idle (${idleCpu.toFixed(1)} ms/s); one room: ${alone.perUpdate.toFixed(3)} ms/update over ${alone.updates} updates; workshop: ${loaded.updates} updates (${ratio.toFixed(2)}x); all 96 writers run in the load process`,
      });
      await overview.context.close();
    } finally {
      await browser.close();
      await server.cleanup();
    }
    return rows;
  },
};
