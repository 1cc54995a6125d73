/**
 * Server memory per connected room: ROOMS rooms (seeded with the blank template), PEERS connected
 * peers each. The server's VmRSS after the rooms exist but before anyone connects, and again once
 * every peer is connected and the server has settled; the difference divided by ROOMS.
 */
import { openFleet } from './fleet.ts';
import { errorsOf, medianOfRounds, perRound, perTargetInRounds, valuesOf } from './perTarget.ts';
import { rssBytes } from './procStats.ts';
import { writeSeed } from './records.ts';
import { sleep } from './stats.ts';
import type { RunningTarget } from './targets/index.ts';
import type { Row, Scenario } from './types.ts';

const ROOMS = 200;
const PEERS = 5;
const SETTLE_MS = 4000;
/** RSS moves with when the collector last ran: one run's figure moved by a quarter between runs. */
const ROUNDS = 5;

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
  try {
    // The first peer of each room seeds the relays that start empty; the others join after it.
    for (const room of rooms) clients.push(room.connect());
    await Promise.all(clients.map((c) => c.whenSynced()));
    for (let i = 0; i < ROOMS; i++) if (!rooms[i]!.seeded) writeSeed(clients[i]!.doc);
    const later = [];
    for (const room of rooms) for (let p = 1; p < PEERS; p++) later.push(room.connect());
    clients.push(...later);
    await Promise.all(later.map((c) => c.whenSynced()));
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
    ctx.log(`memory: ${ROOMS} rooms, ${PEERS} peers each`);
    const rounds = await perTargetInRounds(ctx, 'memory', ROUNDS, measureMemory);
    const results = medianOfRounds(rounds);
    const values = valuesOf(results, (r) => r.perRoom / 1024);
    const note = [errorsOf(results), perRound(rounds, (r) => r.perRoom / 1024)].filter(Boolean).join('; ');
    const row: Row = {
      scenario: `memory, ${ROOMS} rooms x ${PEERS} connected peers`,
      metric: 'server RSS per connected room',
      unit: 'KiB',
      values,
      target: '<= 1.2x bare',
      ...(values.ours != null && values.bare != null ? { met: values.ours <= 1.2 * values.bare } : {}),
      ...(note ? { note } : {}),
    };
    return [row];
  },
};
