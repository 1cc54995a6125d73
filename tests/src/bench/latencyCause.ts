/**
 * Where our server's extra latency comes from: one load of the latency scenario (30 peers in one
 * room, or `--load=rooms`: 200 rooms of 5 peers), in alternating rounds, against the bare relay,
 * the durable bare relay, our server as users run it (each tick's write synced to disk before it
 * is relayed), and our server with `SQLITE_SYNCHRONOUS=normal` (written, not synced: what
 * relaying before the disk confirms would give at best). Besides the latency over every (edit,
 * receiver) pair it gives the latency to each edit's first receiver: the server's path alone,
 * without the wait of the receivers that share the load process; and the server process's CPU
 * over the measured window. For each of ours it also prints, from `/metrics`, the server's own
 * histograms of the round: admitting a tick's updates, the storage write, the disk's sync,
 * accepted-to-relayed, and the event loop's delay.
 * A diagnostic for issue notes and commit messages; not part of `pnpm bench`.
 *
 *   node tests/src/bench/latencyCause.ts [--rounds=5] [--load=rooms] [--variants=bare,durable,ours,normal]
 */
import { latencyLoads, measureLatency } from './latency.ts';
import { cpuMs } from './procStats.ts';
import { percentile, summarize } from './stats.ts';
import { bare, durable } from './targets/bare.ts';
import { ours } from './targets/ours.ts';
import type { RunningTarget } from './targets/types.ts';

interface Variant {
  /** For `--variants=bare,durable,ours,normal`. */
  key: string;
  label: string;
  start(): Promise<RunningTarget>;
}

const ALL_VARIANTS: readonly Variant[] = [
  { key: 'bare', label: 'bare relay', start: () => bare.start() },
  { key: 'durable', label: 'durable bare relay', start: () => durable.start() },
  { key: 'ours', label: 'ours (synced before relay)', start: () => ours.start() },
  {
    key: 'normal',
    label: 'ours (SQLITE_SYNCHRONOUS=normal)',
    start: () => ours.start({ env: { SQLITE_SYNCHRONOUS: 'normal' } }),
  },
];
const chosen = process.argv
  .find((a) => a.startsWith('--variants='))
  ?.slice('--variants='.length)
  .split(',');
const VARIANTS = ALL_VARIANTS.filter((v) => !chosen || chosen.includes(v.key));

const HISTOGRAMS = ['admission_seconds', 'persist_seconds', 'disk_sync_seconds', 'relay_seconds'] as const;

// Every y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(0);

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);
const manyRooms = process.argv.includes('--load=rooms');
const load = latencyLoads(false).find((l) => (manyRooms ? l.rooms === 200 : l.peersPerRoom === 30));
if (!load) throw new Error(`the latency scenario has no ${manyRooms ? '200-room' : '30-peer'} load`);

interface RoundResult {
  p50: number;
  p99: number;
  /** The server process's CPU over the measured window, in percent of one core. */
  cpu: number;
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
      const window = { cpu: 0, at: 0, percent: 0 };
      const m = await measureLatency(
        target,
        load,
        (sentAt, ms) => firstSeen.set(sentAt, Math.min(ms, firstSeen.get(sentAt) ?? ms)),
        (edge) => {
          if (edge === 'start') {
            Object.assign(window, { cpu: cpuMs(target.pid), at: performance.now() });
            // A scrape resets the event-loop delay histogram: the round's figure is the window's.
            if (target.metricsUrl) void fetch(target.metricsUrl).then((r) => r.text());
          } else window.percent = ((cpuMs(target.pid) - window.cpu) / (performance.now() - window.at)) * 100;
        },
      );
      const first = summarize([...firstSeen.values()]);
      const server = target.metricsUrl ? histogramLines(await (await fetch(target.metricsUrl)).text()) : '';
      console.log(
        `round ${round + 1} ${variant.label}: p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms; first receiver p50 ${first.p50.toFixed(2)}, p99 ${first.p99.toFixed(2)} ms; server CPU ${window.percent.toFixed(0)}%; missing ${m.missing}${server}`,
      );
      const list = results.get(variant.label) ?? [];
      results.set(variant.label, list);
      list.push({ p50: m.p50, p99: m.p99, cpu: window.percent, firstP50: first.p50, firstP99: first.p99 });
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
const p99Of = (key: string) =>
  medianOf((results.get(ALL_VARIANTS.find((v) => v.key === key)!.label) ?? []).map((r) => r.p99));
const bareP99 = p99Of('bare');
const durableP99 = p99Of('durable');
console.log(`\n${load.label}, median of ${rounds} rounds:`);
for (const [label, list] of results) {
  const p99 = medianOf(list.map((r) => r.p99));
  const of = (k: keyof RoundResult) => medianOf(list.map((r) => r[k])).toFixed(2);
  console.log(
    `  ${label}: p50 ${of('p50')} ms, p99 ${p99.toFixed(2)} ms (${(p99 / bareP99).toFixed(2)}x bare, ${(p99 / durableP99).toFixed(2)}x durable bare); first receiver p50 ${of('firstP50')}, p99 ${of('firstP99')} ms; server CPU ${of('cpu')}%`,
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
    const sum = Number(new RegExp(`^patroonkaart_${name}_sum (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    lines.push(`\n    ${name} (${total}, mean ${((sum / total) * 1000).toFixed(2)}ms): ${shares.join(', ')}`);
  }
  // The event loop's delay since the window began (prom-client resets it at every scrape).
  const lag = (q: string) =>
    (
      Number(
        new RegExp(`^patroonkaart_nodejs_eventloop_lag_${q}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? 0,
      ) * 1000
    ).toFixed(1);
  lines.push(`\n    event-loop delay p50 ${lag('p50')}ms, p99 ${lag('p99')}ms, max ${lag('max')}ms`);
  return lines.join('');
}
