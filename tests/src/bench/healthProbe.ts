/**
 * Polls /healthz every 20 ms from its own process and prints each answer time (ms) on a line.
 * Run by the benchmarks as a child process, so a stall in the load process (which decodes whole
 * rooms as its clients sync) is never counted as the server's.
 *
 * It is also the bystander: a process with next to nothing to do, on the same machine, whose own
 * event loop is watched by a monitor waking every 1 ms. Every 250 ms it prints `lag <ms>`, the
 * worst delay since the last such line. What it reads is the machine's (a core taken by another
 * process or thread), not anything of the server's: the floor under the server's own reading.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { argv } from 'node:process';

const LAG_EVERY_MS = 250;

const url = argv[2];
if (!url) throw new Error('usage: healthProbe.ts <base url>');
const monitor = monitorEventLoopDelay({ resolution: 1 });
monitor.enable();
setInterval(() => {
  process.stdout.write(`lag ${(monitor.max / 1e6).toFixed(1)}\n`);
  monitor.reset();
}, LAG_EVERY_MS);
for (;;) {
  const started = performance.now();
  await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
  process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
