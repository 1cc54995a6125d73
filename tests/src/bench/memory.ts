/**
 * Server memory per loaded room: N rooms (seeded with the blank template), one connected peer
 * each. The server's VmRSS after the rooms exist but before anyone connects, and again once every
 * peer is connected and the server has settled; the difference divided by N.
 */
import { openFleet } from './fleet.ts';
import { errorsOf, perTarget, pickValue } from './perTarget.ts';
import { rssBytes } from './procStats.ts';
import { writeSeed } from './records.ts';
import { sleep } from './stats.ts';
import type { RunningTarget } from './targets/index.ts';
import type { Row, Scenario } from './types.ts';

const ROOMS = 100;
const SETTLE_MS = 4000;

export async function measureMemory(target: RunningTarget): Promise<{ perRoom: number }> {
  // Warm the process up (code paths, JIT) with one room, so the baseline is not a cold process.
  const warm = await openFleet(target, 1, 1);
  warm.close();
  await sleep(1000);
  const rooms = [];
  for (let i = 0; i < ROOMS; i++) rooms.push(await target.createRoom());
  await sleep(1000);
  const before = rssBytes(target.pid);
  const clients = [];
  for (const room of rooms) clients.push(room.connect());
  try {
    await Promise.all(clients.map((c) => c.whenSynced()));
    for (let i = 0; i < ROOMS; i++) if (!rooms[i]!.seeded) writeSeed(clients[i]!.doc);
    await sleep(SETTLE_MS);
    const after = rssBytes(target.pid);
    return { perRoom: (after - before) / ROOMS };
  } finally {
    for (const c of clients) c.destroy();
  }
}

export const memoryScenario: Scenario = {
  name: 'memory',
  async run(ctx) {
    ctx.log(`memory: ${ROOMS} rooms, one peer each`);
    const results = await perTarget(ctx, 'memory', measureMemory);
    const values = {
      ours: pickValue(results.ours, (r) => r.perRoom / 1024),
      bare: pickValue(results.bare, (r) => r.perRoom / 1024),
      hocuspocus: pickValue(results.hocuspocus, (r) => r.perRoom / 1024),
    };
    const row: Row = {
      scenario: `memory, ${ROOMS} loaded rooms x 1 peer`,
      metric: 'server RSS per room',
      unit: 'KiB',
      values,
      target: '<= 1.2x bare',
      ...(values.ours != null && values.bare != null ? { met: values.ours <= 1.2 * values.bare } : {}),
      ...(errorsOf(results) ? { note: errorsOf(results) } : {}),
    };
    return [row];
  },
};
