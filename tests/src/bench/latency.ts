/**
 * Edit-to-applied latency: every peer edits its own shape's `x` at a fixed rate, writing the
 * sender's performance.now() as the value; every other peer in the room timestamps the change
 * in a record-change listener on receipt (all peers share this process's clock). p50/p95/p99 over all
 * (edit, receiver) pairs of the measured window.
 */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { edit, openFleet } from './fleet.ts';
import {
  errorsOf,
  medianOfRounds,
  type PerTarget,
  perRound,
  perTargetInRounds,
  valuesOf,
} from './perTarget.ts';
import { type LatencySummary, sleep, summarize } from './stats.ts';
import type { RunningTarget } from './targets/index.ts';
import type { BenchContext, Row, Scenario } from './types.ts';

export interface LatencyLoad {
  label: string;
  rooms: number;
  peersPerRoom: number;
  editsPerSecondPerPeer: number;
  warmupMs: number;
  measureMs: number;
  /** p99 target relative to the bare relay, and whether it must beat Hocuspocus. */
  maxRatioToBare?: number;
  beatHocuspocus?: boolean;
  /** Rounds over all targets in turn; each figure is the median of its rounds (see perTargetInRounds). */
  rounds?: number;
}

export interface LatencyResult extends LatencySummary {
  sent: number;
  expected: number;
  /** Deliveries of measured edits that never arrived within the drain time. */
  missing: number;
}

/**
 * `onSample`, when given, is told every (edit, receiver) sample as the edit's send time and its
 * latency: diagnostics group them per edit (latencyCause.ts). `onWindow` is told when the measured
 * window starts and ends (a diagnostic reads the server's CPU time then).
 */
export async function measureLatency(
  target: RunningTarget,
  load: LatencyLoad,
  onSample?: (sentAt: number, ms: number) => void,
  onWindow?: (edge: 'start' | 'end') => void,
): Promise<LatencyResult> {
  const fleet = await openFleet(target, load.rooms, load.peersPerRoom);
  const samples: number[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let sent = 0;
  const unobserve: (() => void)[] = [];
  const timers: ReturnType<typeof setInterval>[] = [];
  try {
    for (const peer of fleet.all) {
      const index = recordIndex(peer.client.doc, TEXT_FIELDS);
      unobserve.push(
        index.onChange((changes, txn) => {
          if (txn.local) return;
          const now = performance.now();
          for (const [id, fields] of changes.fields) {
            if (!fields.has('x')) continue;
            const sentAt = index.field(id, 'x');
            if (typeof sentAt === 'number' && sentAt >= windowStart && sentAt < windowEnd) {
              samples.push(now - sentAt);
              onSample?.(sentAt, now - sentAt);
            }
          }
        }),
      );
    }
    const interval = 1000 / load.editsPerSecondPerPeer;
    for (const peer of fleet.all) {
      const first = setTimeout(() => {
        const tick = () => {
          const now = performance.now();
          if (now >= windowStart && now < windowEnd) sent++;
          edit(peer, 'x', now);
        };
        tick();
        timers.push(setInterval(tick, interval));
      }, Math.random() * interval);
      timers.push(first);
    }
    const t0 = performance.now();
    windowStart = t0 + load.warmupMs;
    windowEnd = windowStart + load.measureMs;
    if (onWindow) timers.push(setTimeout(() => onWindow('start'), load.warmupMs));
    await sleep(load.warmupMs + load.measureMs);
    onWindow?.('end');
    for (const t of timers) clearInterval(t);
    const expected = sent * (load.peersPerRoom - 1);
    // Let what is in flight arrive.
    const drainUntil = Date.now() + 5000;
    while (samples.length < expected && Date.now() < drainUntil) await sleep(50);
    return { ...summarize(samples), sent, expected, missing: Math.max(0, expected - samples.length) };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const u of unobserve) u();
    fleet.close();
  }
}

export function latencyLoads(big: boolean): LatencyLoad[] {
  const loads: LatencyLoad[] = [
    {
      label: '1 room x 2 peers, 20 edits/s/peer',
      rooms: 1,
      peersPerRoom: 2,
      editsPerSecondPerPeer: 20,
      warmupMs: 1000,
      measureMs: 8000,
    },
    {
      label: '1 room x 10 peers, 10 edits/s/peer',
      rooms: 1,
      peersPerRoom: 10,
      editsPerSecondPerPeer: 10,
      warmupMs: 1000,
      measureMs: 8000,
    },
    {
      label: '1 room x 30 peers, 5 edits/s/peer',
      rooms: 1,
      peersPerRoom: 30,
      editsPerSecondPerPeer: 5,
      warmupMs: 1000,
      measureMs: 8000,
      maxRatioToBare: 1.2,
      beatHocuspocus: true,
      rounds: 5,
    },
    {
      label: '200 rooms x 5 peers, 1 edit/s/peer',
      rooms: 200,
      peersPerRoom: 5,
      editsPerSecondPerPeer: 1,
      warmupMs: 2000,
      measureMs: 12_000,
      maxRatioToBare: 1.5,
      rounds: 3,
    },
  ];
  if (big) {
    loads.push({
      label: '500 rooms x 10 peers, 2 edits/s/peer',
      rooms: 500,
      peersPerRoom: 10,
      editsPerSecondPerPeer: 2,
      warmupMs: 3000,
      measureMs: 12_000,
    });
  }
  return loads;
}

function rowsFor(load: LatencyLoad, rounds: readonly PerTarget<LatencyResult>[]): Row[] {
  const results = medianOfRounds(rounds);
  const scenario = `latency ${load.label}`;
  const pick = (k: keyof LatencySummary) => valuesOf(results, (r) => r[k]);
  const p99 = pick('p99');
  let target: string | undefined;
  let met: boolean | undefined;
  if (load.maxRatioToBare) {
    target = `p99 <= ${load.maxRatioToBare}x bare${load.beatHocuspocus ? ', < Hocuspocus' : ''}`;
    if (p99.ours != null && p99.bare != null) {
      met = p99.ours <= load.maxRatioToBare * p99.bare;
      if (load.beatHocuspocus && p99.hocuspocus != null) met = met && p99.ours < p99.hocuspocus;
    }
  }
  // Every round's losses, not the median's: one round that lost deliveries must show.
  const missing = rounds.flatMap((round) =>
    Object.entries(round)
      .filter(([, r]) => r && !(r instanceof Error) && r.missing > 0)
      .map(([k, r]) => `${k} missed ${(r as LatencyResult).missing}/${(r as LatencyResult).expected}`),
  );
  const counts = Object.entries(results)
    .filter(([, r]) => r && !(r instanceof Error))
    .map(([k, r]) => `${k} n=${(r as LatencyResult).count}`);
  const note = [errorsOf(results), ...missing, counts.join(', '), perRound(rounds, (r) => r.p99)]
    .filter(Boolean)
    .join('; ');
  return [
    { scenario, metric: 'p50', unit: 'ms', values: pick('p50') },
    { scenario, metric: 'p95', unit: 'ms', values: pick('p95') },
    {
      scenario,
      metric: 'p99',
      unit: 'ms',
      values: p99,
      ...(target ? { target } : {}),
      ...(met !== undefined ? { met } : {}),
      note,
    },
  ];
}

export const latencyScenario: Scenario = {
  name: 'latency',
  async run(ctx: BenchContext) {
    const rows: Row[] = [];
    for (const load of latencyLoads(ctx.big)) {
      ctx.log(`latency: ${load.label}`);
      const rounds = await perTargetInRounds(ctx, load.label, load.rounds ?? 1, (t) =>
        measureLatency(t, load),
      );
      rows.push(...rowsFor(load, rounds));
    }
    return rows;
  },
};
