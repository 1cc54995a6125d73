/**
 * The server's event loop under a PostgreSQL-backed load (issue 36): one process of ours with
 * STORAGE=postgres on a PostgreSQL started here (tests/src/support/services.ts, fsync on), 40
 * rooms x 5 peers at 2 edits/s each and 30 peers in one room at 5 edits/s each (550 edits/s,
 * about 6,000 deliveries/s), for three windows of 20 s back to back after a warm-up.
 *
 * Per window: the server's worst event-loop delay and its p99, from prom-client's default metrics
 * at GET /metrics (`nodejs_eventloop_lag_max_seconds` / `_p99_seconds`, a monitorEventLoopDelay
 * histogram that prom-client resets at every scrape: scraped at each window's start and end, and by
 * nothing else meanwhile). That histogram samples every 10 ms (the server's LOOP_MONITOR_MS), and
 * each reading includes that interval, so an idle loop reads about 10 ms; the idle figures before
 * the load are in the note. Also /healthz answer times (worst, p99) from healthProbe.ts in its own
 * process, so a stall of the load process is not counted as the server's, and that probe's own
 * worst event-loop delay, read every 1 ms: a bystander with next to nothing to do, whose reading
 * is the machine's (a core taken by another process or thread), a floor under the server's; and the latency of an edit seen by every other peer of its room (as latency.ts). Each
 * figure is the median of the three windows; the note gives every window.
 *
 * The file runs unchanged on older commits (only fleet.ts, stats.ts, targets/ours.ts,
 * healthProbe.ts and services.ts, all there since PostgreSQL came): the before-and-after of
 * 4d9fee4 in docs/benchmarks-history.md ran it in a worktree of the commit before.
 */
import os from 'node:os';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { startPostgres } from '../support/services.ts';
import { edit, type Fleet, openFleet } from './fleet.ts';
import { startProbe } from './healthProbeProcess.ts';
import { cpuMs } from './procStats.ts';
import { percentile, sleep, summarize } from './stats.ts';
import { ours } from './targets/ours.ts';
import type { RunningTarget } from './targets/types.ts';
import type { Row, Scenario } from './types.ts';

export interface Group {
  label: string;
  rooms: number;
  peersPerRoom: number;
  editsPerSecondPerPeer: number;
}

const GROUPS: readonly Group[] = [
  { label: '40 rooms x 5 peers, 2 edits/s/peer', rooms: 40, peersPerRoom: 5, editsPerSecondPerPeer: 2 },
  { label: '1 room x 30 peers, 5 edits/s/peer', rooms: 1, peersPerRoom: 30, editsPerSecondPerPeer: 5 },
];
const WARMUP_MS = 3000;
const WINDOW_MS = 20_000;
const WINDOWS = 3;
const IDLE_MS = 2000;
const DRAIN_MS = 5000;

export const PG_LOOP_SCENARIO =
  'pgLoop: 1 process on PostgreSQL, 40 rooms x 5 peers at 2 edits/s + 1 room x 30 peers at 5 edits/s';

interface Scrape {
  lagMaxMs: number;
  lagP99Ms: number;
  accepted: number;
}

/** One value of the metrics text, by name (labels ignored). */
function metric(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/** Reads the event-loop figures since the previous scrape; prom-client resets the histogram. */
async function scrape(url: string): Promise<Scrape> {
  const text = await (await fetch(url)).text();
  return {
    lagMaxMs: metric(text, 'patroonkaart_nodejs_eventloop_lag_max_seconds') * 1000,
    lagP99Ms: metric(text, 'patroonkaart_nodejs_eventloop_lag_p99_seconds') * 1000,
    accepted: metric(text, 'patroonkaart_updates_accepted_total'),
  };
}

interface Window {
  start: number;
  end: number;
  lagMaxMs: number;
  lagP99Ms: number;
  accepted: number;
  /** the server process's CPU time in the window (all its threads, PostgreSQL's worker too) */
  cpuMs: number;
  /** the machine's 1-minute load average at the window's end */
  load: number;
}

interface WindowResult {
  lagMaxMs: number;
  lagP99Ms: number;
  healthMaxMs: number;
  healthP99Ms: number;
  healthCount: number;
  /** the bystander's (the probe process's) worst event-loop delay in the window */
  bystanderLagMaxMs: number;
  editP50: number;
  editP99: number;
  /** per group: p50, p99, samples, missing */
  groups: { p50: number; p99: number; count: number; missing: number }[];
  acceptedPerSecond: number;
  sentPerSecond: number;
  /** the server's CPU in the window, % of one core */
  cpuPercent: number;
  load: number;
}

const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

/**
 * The load of `groups` on `target`, measured in windows (above). `prepare` runs once the peers are
 * connected, before anything is measured (a big map written into a room, say); `during` starts
 * something more with the edits (newcomers joining, say) and returns how to stop it.
 */
export async function measureLoopLag(
  target: RunningTarget,
  log: (m: string) => void,
  GROUPS: readonly Group[],
  prepare?: (fleets: Fleet[]) => Promise<void>,
  during?: (fleets: Fleet[]) => () => Promise<void>,
) {
  if (!target.metricsUrl) throw new Error('pgLoop needs the server’s /metrics');
  const metricsUrl = target.metricsUrl;
  const fleets: Fleet[] = [];
  const timers: ReturnType<typeof setInterval>[] = [];
  const unobserve: (() => void)[] = [];
  let probe: ReturnType<typeof startProbe> | undefined;
  try {
    for (const group of GROUPS) {
      log(`pgLoop: opening ${group.label}`);
      fleets.push(await openFleet(target, group.rooms, group.peersPerRoom));
    }
    await prepare?.(fleets);
    probe = startProbe(new URL(metricsUrl).origin);
    while (probe.samples.length === 0) await sleep(20);

    // Idle: connected, nobody editing.
    await scrape(metricsUrl);
    await sleep(IDLE_MS);
    const idle = await scrape(metricsUrl);

    /** Every (edit, receiver) sample: the edit's send time and latency, per group. */
    const samples: { sentAt: number; ms: number }[][] = GROUPS.map(() => []);
    const sends: number[][] = GROUPS.map(() => []);
    fleets.forEach((fleet, g) => {
      for (const peer of fleet.all) {
        const index = recordIndex(peer.client.doc);
        // An edit's x is its send time, so each shape's x only grows; a restore puts older values
        // back, which are no edits of anyone's and not counted.
        const newest = new Map<string, number>();
        unobserve.push(
          index.onChange((changes, txn) => {
            if (txn.local) return;
            const now = performance.now();
            for (const [id, fields] of changes.fields) {
              if (!fields.has('x')) continue;
              const sentAt = index.field(id, 'x');
              if (typeof sentAt !== 'number' || sentAt <= (newest.get(id) ?? 0)) continue;
              newest.set(id, sentAt);
              samples[g]!.push({ sentAt, ms: now - sentAt });
            }
          }),
        );
      }
    });
    log('pgLoop: editing');
    let editing = true;
    const stopDuring = during?.(fleets);
    fleets.forEach((fleet, g) => {
      const interval = 1000 / GROUPS[g]!.editsPerSecondPerPeer;
      for (const peer of fleet.all) {
        const tick = () => {
          if (!editing) return;
          const now = performance.now();
          sends[g]!.push(now);
          edit(peer, 'x', now);
        };
        timers.push(
          setTimeout(() => {
            tick();
            timers.push(setInterval(tick, interval));
          }, Math.random() * interval),
        );
      }
    });
    await sleep(WARMUP_MS);
    const windows: Window[] = [];
    let last = await scrape(metricsUrl);
    let lastCpu = cpuMs(target.pid);
    let start = performance.now();
    for (let w = 0; w < WINDOWS; w++) {
      await sleep(WINDOW_MS);
      const end = performance.now();
      const now = await scrape(metricsUrl);
      const cpu = cpuMs(target.pid);
      windows.push({
        start,
        end,
        lagMaxMs: now.lagMaxMs,
        lagP99Ms: now.lagP99Ms,
        accepted: now.accepted - last.accepted,
        cpuMs: cpu - lastCpu,
        load: os.loadavg()[0]!,
      });
      lastCpu = cpu;
      log(`pgLoop: window ${w + 1}: worst lag ${f1(now.lagMaxMs)} ms, p99 ${f1(now.lagP99Ms)} ms`);
      last = now;
      start = end;
    }
    editing = false;
    for (const t of timers) clearInterval(t);
    await stopDuring?.();
    const lastEnd = windows.at(-1)!.end;
    const expectedAll = () =>
      GROUPS.reduce(
        (n, group, g) => n + sends[g]!.filter((t) => t < lastEnd).length * (group.peersPerRoom - 1),
        0,
      );
    const drainUntil = Date.now() + DRAIN_MS;
    while (Date.now() < drainUntil) {
      const seen = samples.reduce((n, s) => n + s.filter((x) => x.sentAt < lastEnd).length, 0);
      if (seen >= expectedAll()) break;
      await sleep(50);
    }
    await sleep(200); // the probe's last answers

    const results: WindowResult[] = windows.map((win) => {
      const inWindow = (t: number) => t >= win.start && t < win.end;
      const health = summarize(probe!.samples.filter((s) => inWindow(s.at)).map((s) => s.ms));
      const groups = GROUPS.map((group, g) => {
        const ms = samples[g]!.filter((s) => inWindow(s.sentAt)).map((s) => s.ms);
        const expected = sends[g]!.filter(inWindow).length * (group.peersPerRoom - 1);
        const sum = summarize(ms);
        return { p50: sum.p50, p99: sum.p99, count: sum.count, missing: Math.max(0, expected - sum.count) };
      });
      const all = summarize(samples.flatMap((s) => s.filter((x) => inWindow(x.sentAt)).map((x) => x.ms)));
      return {
        lagMaxMs: win.lagMaxMs,
        lagP99Ms: win.lagP99Ms,
        healthMaxMs: health.max,
        healthP99Ms: health.p99,
        healthCount: health.count,
        bystanderLagMaxMs: Math.max(0, ...probe!.lags.filter((s) => inWindow(s.at)).map((s) => s.ms)),
        editP50: all.p50,
        editP99: all.p99,
        groups,
        acceptedPerSecond: win.accepted / ((win.end - win.start) / 1000),
        sentPerSecond:
          sends.reduce((n, s) => n + s.filter(inWindow).length, 0) / ((win.end - win.start) / 1000),
        cpuPercent: (win.cpuMs / (win.end - win.start)) * 100,
        load: win.load,
      };
    });
    return { idle, results };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const u of unobserve) u();
    for (const fleet of fleets) fleet.close();
    await probe?.stop();
  }
}

export const pgLoopScenario: Scenario = {
  name: 'pgLoop',
  async run(ctx) {
    const pg = await startPostgres();
    let target: RunningTarget | undefined;
    try {
      target = await ours.start({ env: { STORAGE: 'postgres', DATABASE_URL: pg.url } });
      const { idle, results } = await measureLoopLag(target, ctx.log, GROUPS);
      return loopRows(PG_LOOP_SCENARIO, GROUPS, idle, results);
    } finally {
      await target?.cleanup();
      await pg.stop();
    }
  },
};

/** The rows of a measured load: each figure the median of its windows, every window in the note. */
export function loopRows(
  scenario: string,
  GROUPS: readonly Group[],
  idle: Scrape,
  results: WindowResult[],
  /** The server's LOOP_MONITOR_MS: its lag readings include this interval (default 10). */
  monitorMs = 10,
): Row[] {
  // A reading taken with another interval is another measure: its rows are named apart.
  const monitored = monitorMs === 10 ? '' : `, monitor every ${monitorMs} ms`;
  const each = (pick: (r: WindowResult) => number) => results.map((r) => f1(pick(r))).join(', ');
  const row = (metric: string, pick: (r: WindowResult) => number, note: string): Row => ({
    scenario,
    metric,
    unit: 'ms',
    values: { ours: median(results.map(pick)) },
    note: `median of ${WINDOWS} windows of ${WINDOW_MS / 1000} s; per window ${each(pick)}; ${note}`,
  });
  const missing = results.flatMap((r) => r.groups.map((g) => g.missing)).reduce((a, b) => a + b, 0);
  const groupsNote = GROUPS.map(
    (group, g) =>
      `${group.label}: p50 ${each((r) => r.groups[g]!.p50)}, p99 ${each((r) => r.groups[g]!.p99)} ms (n=${results.map((r) => r.groups[g]!.count).join(', ')})`,
  ).join('; ');
  return [
    row(
      `server event loop, worst delay (nodejs_eventloop_lag_max_seconds${monitored})`,
      (r) => r.lagMaxMs,
      `worst of all windows ${f1(Math.max(...results.map((r) => r.lagMaxMs)))} ms; the monitor samples every ${monitorMs} ms, so an idle loop reads about ${monitorMs} ms: idle before the load, connected: max ${f1(idle.lagMaxMs)}, p99 ${f1(idle.lagP99Ms)} ms`,
    ),
    row(
      `server event loop, delay p99 (nodejs_eventloop_lag_p99_seconds${monitored})`,
      (r) => r.lagP99Ms,
      `edits sent per second ${results.map((r) => r.sentPerSecond.toFixed(0)).join(', ')}, accepted by the server ${results.map((r) => r.acceptedPerSecond.toFixed(0)).join(', ')}; server CPU ${results.map((r) => `${r.cpuPercent.toFixed(0)} %`).join(', ')} of one core; machine load average ${results.map((r) => r.load.toFixed(1)).join(', ')}`,
    ),
    row(
      'worst /healthz answer (probe in its own process, every 20 ms)',
      (r) => r.healthMaxMs,
      `answers per window ${results.map((r) => r.healthCount).join(', ')}`,
    ),
    row('/healthz answer p99', (r) => r.healthP99Ms, 'same probe'),
    row(
      'a bystander process, worst event-loop delay (the /healthz probe, monitor every 1 ms)',
      (r) => r.bystanderLagMaxMs,
      "the probe's own event loop, which has next to nothing to do: what it reads is the machine's (a core taken by another process or thread), the floor under the server's reading",
    ),
    row('edit seen by every other peer of its room, p50', (r) => r.editP50, groupsNote),
    row(
      'edit seen by every other peer of its room, p99',
      (r) => r.editP99,
      `missing deliveries ${missing}; the load's ${GROUPS.reduce((n, g) => n + g.rooms * g.peersPerRoom, 0)} peers run in the bench process`,
    ),
  ];
}
