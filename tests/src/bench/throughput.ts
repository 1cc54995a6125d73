/**
 * Durable throughput: 10 writers in one room, each keeping at most WINDOW of its edits in flight
 * (sent but not yet seen relayed to an observer peer), for MEASURE_MS. Each writer writes a
 * sequence number into its shape's `x`, so the observer counts relayed updates exactly even when
 * a server merges several into one message. Server CPU per update from /proc/<pid>/stat.
 */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { edit, type FleetPeer, openFleet } from './fleet.ts';
import { errorsOf, medianOfRounds, perRound, perTargetInRounds, valuesOf } from './perTarget.ts';
import { cpuMs } from './procStats.ts';
import { sleep } from './stats.ts';
import type { RunningTarget } from './targets/index.ts';
import type { Row, Scenario } from './types.ts';

const WRITERS = 10;
const WINDOW = 8;
const WARMUP_MS = 1000;
const MEASURE_MS = 5000;
/** Closed-loop figures are bound by the load process and drift between runs: median of rounds. */
const ROUNDS = 5;

export interface ThroughputResult {
  updatesPerSecond: number;
  cpuMsPerUpdate: number;
  /** This (the clients') process's CPU per relayed update: what the server makes clients pay. */
  clientCpuMsPerUpdate: number;
  updates: number;
}

export async function measureThroughput(target: RunningTarget): Promise<ThroughputResult> {
  // WRITERS writers plus one observer, all in one room.
  const fleet = await openFleet(target, 1, WRITERS + 1);
  const peers = fleet.peers[0]!;
  const observer = peers[WRITERS]!;
  const writers = peers.slice(0, WRITERS);
  const sent = new Map<string, number>();
  const seen = new Map<string, number>();
  let running = true;
  const byShape = new Map<string, FleetPeer>(writers.map((w) => [w.shapeId, w]));
  const pump = (w: FleetPeer) => {
    if (!running) return;
    let s = sent.get(w.shapeId) ?? 0;
    const acked = seen.get(w.shapeId) ?? 0;
    while (s - acked < WINDOW) {
      s++;
      edit(w, 'x', s);
    }
    sent.set(w.shapeId, s);
  };
  const index = recordIndex(observer.client.doc, TEXT_FIELDS);
  const stopObserving = index.onChange((changes) => {
    for (const [id, fields] of changes.fields) {
      if (!fields.has('x')) continue;
      const w = byShape.get(id);
      const x = index.field(id, 'x');
      if (!w || typeof x !== 'number') continue;
      seen.set(id, Math.max(seen.get(id) ?? 0, x));
      // Refill outside the observer, as a client would on its next turn.
      queueMicrotask(() => pump(w));
    }
  });
  const total = () => [...seen.values()].reduce((a, b) => a + b, 0);
  try {
    for (const w of writers) pump(w);
    await sleep(WARMUP_MS);
    const n0 = total();
    const c0 = cpuMs(target.pid);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(MEASURE_MS);
    const n1 = total();
    const c1 = cpuMs(target.pid);
    const own = process.cpuUsage(own0);
    const t1 = performance.now();
    const updates = n1 - n0;
    return {
      updatesPerSecond: (updates * 1000) / (t1 - t0),
      cpuMsPerUpdate: (c1 - c0) / updates,
      clientCpuMsPerUpdate: (own.user + own.system) / 1000 / updates,
      updates,
    };
  } finally {
    running = false;
    stopObserving();
    fleet.close();
  }
}

export const throughputScenario: Scenario = {
  name: 'throughput',
  async run(ctx) {
    ctx.log(`throughput: ${WRITERS} writers, ${WINDOW} edits in flight each, ${MEASURE_MS / 1000} s`);
    const rounds = await perTargetInRounds(ctx, 'throughput', ROUNDS, measureThroughput);
    const results = medianOfRounds(rounds);
    const scenario = `throughput, ${WRITERS} writers (ours: durable before broadcast)`;
    const ups = valuesOf(results, (r) => r.updatesPerSecond);
    const serverCpu = valuesOf(results, (r) => r.cpuMsPerUpdate);
    const clientCpu = valuesOf(results, (r) => r.clientCpuMsPerUpdate);
    const rows: Row[] = [
      {
        scenario,
        metric: 'updates relayed/s',
        unit: 'updates/s',
        values: ups,
        target: '>= Hocuspocus',
        ...(ups.ours != null && ups.hocuspocus != null ? { met: ups.ours >= ups.hocuspocus } : {}),
        note: [errorsOf(results), perRound(rounds, (r) => r.updatesPerSecond, 0)].filter(Boolean).join('; '),
      },
      {
        scenario,
        metric: 'server CPU per update',
        unit: 'ms/update',
        values: serverCpu,
        target: '<= 1.2x durable',
        ...(serverCpu.ours != null && serverCpu.durable != null
          ? { met: serverCpu.ours <= 1.2 * serverCpu.durable }
          : {}),
        note: perRound(rounds, (r) => r.cpuMsPerUpdate, 3),
      },
      {
        scenario,
        metric: "clients' CPU per update (all 11 clients in one process)",
        unit: 'ms/update',
        values: clientCpu,
        target: '<= bare',
        ...(clientCpu.ours != null && clientCpu.bare != null
          ? { met: clientCpu.ours <= clientCpu.bare }
          : {}),
        note: `${perRound(rounds, (r) => r.clientCpuMsPerUpdate, 3)}; every target is driven by the same client code (yjs, a y-websocket provider, edits and reads through RecordIndex), so this compares what each server makes a client pay per relayed update`,
      },
    ];
    return rows;
  },
};
