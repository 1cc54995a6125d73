/**
 * A restart, as a process manager or a person after a crash does it: `npm start` on a checkout
 * whose dependencies and client build are current, timed until /healthz answers. Three runs,
 * each on a free port and a fresh data folder; the median and the worst are reported.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/server.ts';
import type { BenchContext, Row, Scenario } from './types.ts';

const RUNS = 3;
const GIVE_UP_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function timeOneStart(): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pk-restart-'));
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, CI: '' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no /healthz within ${GIVE_UP_MS / 1000} s`);
  } finally {
    // The whole group: npm, pnpm and the server under them.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const restartScenario: Scenario = {
  name: 'restart',
  async run(ctx: BenchContext): Promise<Row[]> {
    // A first start brings the stamps up to date (the bench has just built the client).
    await timeOneStart();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await timeOneStart());
      ctx.log(`restart ${i + 1}: /healthz after ${times.at(-1)?.toFixed(0)} ms`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    const worst = times.at(-1) ?? Number.NaN;
    return [
      {
        scenario: 'restart: npm start on a built checkout',
        metric: 'to /healthz, median of 3',
        unit: 'ms',
        values: { ours: median },
        target: '<= 3000 ms',
        met: median <= 3000,
      },
      {
        scenario: 'restart: npm start on a built checkout',
        metric: 'to /healthz, worst of 3',
        unit: 'ms',
        values: { ours: worst },
      },
    ];
  },
};
