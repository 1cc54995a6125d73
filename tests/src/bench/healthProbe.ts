/**
 * Polls /healthz every 20 ms from its own process and prints each answer time (ms) on a line.
 * Run by the benchmarks as a child process, so a stall in the load process (which decodes whole
 * rooms as its clients sync) is never counted as the server's.
 */
import { argv } from 'node:process';

const url = argv[2];
if (!url) throw new Error('usage: healthProbe.ts <base url>');
for (;;) {
  const started = performance.now();
  await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
  process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
