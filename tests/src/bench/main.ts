/**
 * `pnpm bench`: runs every scenario in order, prints a summary table, appends a dated section to
 * docs/benchmarks-history.md and regenerates docs/benchmarks.md (the latest figure of every row) from
 * it. Scenarios are modules exporting a `Scenario`; add one to SCENARIOS.
 *
 *   node tests/src/bench/main.ts [--big] [--only=latency,growth] [--no-append]
 *   node tests/src/bench/main.ts --regenerate   # only rewrite docs/benchmarks.md from the history
 */
import os from 'node:os';
import { abuseScenario } from './abuse.ts';
import { bigMapScenario } from './bigMap.ts';
import { clientPerfScenario } from './clientPerf.ts';
import { clientSizeScenario } from './clientSize.ts';
import { clusterScenario } from './cluster.ts';
import { faultScenario } from './fault.ts';
import { firstLoadScenario } from './firstLoad.ts';
import { growthScenario } from './growth.ts';
import { latencyScenario } from './latency.ts';
import { memoryScenario } from './memory.ts';
import { pgLoopScenario } from './pgLoop.ts';
import { provinceScenario } from './province.ts';
import { consoleTable, machineInfo, recordRun, writeBenchmarksMd } from './report.ts';
import { restartScenario } from './restart.ts';
import { TARGETS } from './targets/index.ts';
import { throughputScenario } from './throughput.ts';
import type { BenchContext, Row, Scenario } from './types.ts';
import { workshopScenario } from './workshop.ts';

const SCENARIOS: readonly Scenario[] = [
  latencyScenario,
  throughputScenario,
  memoryScenario,
  growthScenario,
  clientSizeScenario,
  firstLoadScenario,
  faultScenario,
  clientPerfScenario,
  abuseScenario,
  workshopScenario,
  clusterScenario,
  pgLoopScenario,
  bigMapScenario,
  provinceScenario,
  restartScenario,
];

const args = process.argv.slice(2);
const big = args.includes('--big') || process.env.BENCH_BIG === '1';
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const append = !args.includes('--no-append');
if (args.includes('--regenerate')) {
  console.log(`wrote ${writeBenchmarksMd()}`);
  process.exit(0);
}

const started = Date.now();
const log = (message: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const ctx: BenchContext = { big, targets: TARGETS, log, flaky: [] };
// Every y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(0);

const machine = machineInfo();
const loadBefore = os.loadavg();
log(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
);

const rows: Row[] = [];
const notes: string[] = [];
for (const scenario of SCENARIOS) {
  if (only && !only.includes(scenario.name)) continue;
  log(`scenario ${scenario.name}`);
  const t0 = Date.now();
  try {
    rows.push(...(await scenario.run(ctx)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`scenario ${scenario.name} FAILED: ${message}`);
    notes.push(`${scenario.name}: failed: ${message.split('\n')[0]}`);
  }
  log(
    `scenario ${scenario.name} took ${((Date.now() - t0) / 1000).toFixed(0)} s (load ${os.loadavg()[0]!.toFixed(2)})`,
  );
}

for (const f of ctx.flaky) notes.push(`Retried: ${f}`);
for (const row of rows) if (row.note) notes.push(`${row.scenario} ${row.metric}: ${row.note}`);
const loadAfter = os.loadavg();
notes.push(
  `Load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter
    .map((l) => l.toFixed(2))
    .join(' ')}; run took ${((Date.now() - started) / 1000).toFixed(0)} s.` +
    (loadBefore[0]! > 0.5 ? ' The machine was already busy when the run started: figures may be noisy.' : ''),
);

console.log(`\n${consoleTable(rows)}\n`);
for (const n of notes) console.log(`- ${n}`);
if (append) {
  const { history, current } = recordRun(machine, rows, notes, args);
  log(`appended to ${history}, rewrote ${current}`);
}
// Clients keep no handles we need; exit even if a provider left a timer behind.
process.exit(0);
