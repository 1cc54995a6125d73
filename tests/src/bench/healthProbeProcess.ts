/**
 * healthProbe.ts in its own process, as the benchmarks start it: each /healthz answer time with
 * the moment its request left, and the probe's own worst event-loop delay per 250 ms (the
 * bystander's, healthProbe.ts), with the moment it was printed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ProbeSample {
  at: number;
  ms: number;
}

export interface HealthProbe {
  /** /healthz answer times, `at` when the request left */
  samples: ProbeSample[];
  /** the bystander's worst event-loop delay of the 250 ms before `at` */
  lags: ProbeSample[];
  stop(): Promise<void>;
}

export function startProbe(baseUrl: string): HealthProbe {
  const samples: ProbeSample[] = [];
  const lags: ProbeSample[] = [];
  const probe = spawn(
    process.execPath,
    [fileURLToPath(new URL('./healthProbe.ts', import.meta.url)), baseUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let buffered = '';
  probe.stdout.on('data', (chunk: Buffer) => {
    const now = performance.now();
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const lag = line.startsWith('lag ');
      const ms = Number(lag ? line.slice(4) : line);
      if (!Number.isFinite(ms)) continue;
      if (lag) lags.push({ at: now, ms });
      else samples.push({ at: now - ms, ms });
    }
  });
  const exited = new Promise((resolve) => probe.once('exit', resolve));
  return {
    samples,
    lags,
    async stop() {
      probe.kill();
      await exited;
    },
  };
}
