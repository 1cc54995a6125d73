/**
 * Where our server's extra latency at 30 peers comes from: the 30-peer load of the latency
 * scenario, in alternating rounds, against the bare relay, our server as users run it (each
 * tick's write synced to disk before it is relayed), and our server with
 * `SQLITE_SYNCHRONOUS=normal` (written, not synced: what relaying before the disk confirms would
 * give at best). Besides the latency over every (edit, receiver) pair it gives the latency to
 * each edit's first receiver: the server's path alone, without the wait of the 29 receivers that
 * share the load process. For each of ours it also prints, from `/metrics`, the server's own
 * histograms of the round: admitting a tick's updates, the storage write, the disk's sync, and
 * accepted-to-relayed.
 * A diagnostic for issue notes and commit messages; not part of `pnpm bench`.
 *
 *   node tests/src/bench/latencyCause.ts [--rounds=5]
 */
import { latencyLoads, measureLatency } from './latency.ts';
import { percentile, summarize } from './stats.ts';
import { bare } from './targets/bare.ts';
import { ours } from './targets/ours.ts';
import type { RunningTarget } from './targets/types.ts';

interface Variant {
  label: string;
  start(): Promise<RunningTarget>;
}

const VARIANTS: readonly Variant[] = [
  { label: 'bare relay', start: () => bare.start() },
  { label: 'ours (synced before relay)', start: () => ours.start() },
  {
    label: 'ours (SQLITE_SYNCHRONOUS=normal)',
    start: () => ours.start({ env: { SQLITE_SYNCHRONOUS: 'normal' } }),
  },
];

const HISTOGRAMS = ['admission_seconds', 'persist_seconds', 'disk_sync_seconds', 'relay_seconds'] as const;

// Every y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(0);

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);
const load = latencyLoads(false).find((l) => l.peersPerRoom === 30);
if (!load) throw new Error('the latency scenario has no 30-peer load');

interface RoundResult {
  p50: number;
  p99: number;
  /** Latency to each edit's first receiver. */
  firstP50: number;
  firstP99: number;
}

const results = new Map<string, RoundResult[]>();
for (let round = 0; round < rounds; round++) {
  for (const variant of VARIANTS) {
    const target = await variant.start();
    try {
      const firstSeen = new Map<number, number>();
      const m = await measureLatency(target, load, (sentAt, ms) =>
        firstSeen.set(sentAt, Math.min(ms, firstSeen.get(sentAt) ?? ms)),
      );
      const first = summarize([...firstSeen.values()]);
      const server = target.metricsUrl ? histogramLines(await (await fetch(target.metricsUrl)).text()) : '';
      console.log(
        `round ${round + 1} ${variant.label}: p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms; first receiver p50 ${first.p50.toFixed(2)}, p99 ${first.p99.toFixed(2)} ms; missing ${m.missing}${server}`,
      );
      const list = results.get(variant.label) ?? [];
      results.set(variant.label, list);
      list.push({ p50: m.p50, p99: m.p99, firstP50: first.p50, firstP99: first.p99 });
    } finally {
      await target.cleanup();
    }
  }
}

const medianOf = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const bareP99 = medianOf((results.get(VARIANTS[0]!.label) ?? []).map((r) => r.p99));
console.log(`\n${load.label}, median of ${rounds} rounds:`);
for (const [label, list] of results) {
  const p99 = medianOf(list.map((r) => r.p99));
  const of = (k: keyof RoundResult) => medianOf(list.map((r) => r[k])).toFixed(2);
  console.log(
    `  ${label}: p50 ${of('p50')} ms, p99 ${p99.toFixed(2)} ms (${(p99 / bareP99).toFixed(2)}x bare); first receiver p50 ${of('firstP50')}, p99 ${of('firstP99')} ms`,
  );
}

/** Each server histogram of the round as "name: ≤bound share, …" (the buckets' cumulative shares). */
function histogramLines(text: string): string {
  const lines: string[] = [];
  for (const name of HISTOGRAMS) {
    const buckets = [
      ...text.matchAll(new RegExp(`^patroonkaart_${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm')),
    ];
    const total = Number(buckets.at(-1)?.[2] ?? 0);
    if (total === 0) continue;
    const shares = buckets
      .slice(0, -1)
      .map(([, le, n]) => `≤${Number(le) * 1000}ms ${((Number(n) / total) * 100).toFixed(1)}%`);
    lines.push(`\n    ${name} (${total}): ${shares.join(', ')}`);
  }
  return lines.join('');
}
