/** Runs one measurement against each target in turn, each in a fresh server process. */
import type { RunningTarget, TargetFactory, TargetName } from './targets/index.ts';
import type { BenchContext } from './types.ts';

export type PerTarget<T> = Partial<Record<TargetName, T | Error>>;

export async function perTarget<T>(
  ctx: BenchContext,
  label: string,
  fn: (target: RunningTarget, factory: TargetFactory) => Promise<T>,
  only?: readonly TargetName[],
): Promise<PerTarget<T>> {
  const out: PerTarget<T> = {};
  for (const factory of ctx.targets) {
    if (only && !only.includes(factory.name)) continue;
    // One retry in a fresh process: a failed set-up (a stalled room) should not void the run.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const started = Date.now();
      let target: RunningTarget | null = null;
      try {
        target = await factory.start();
        out[factory.name] = await fn(target, factory);
        ctx.log(`  ${label} / ${factory.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        if (attempt > 1) ctx.flaky.push(`${label} / ${factory.name}: succeeded on attempt ${attempt}`);
        break;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        out[factory.name] = err;
        ctx.log(`  ${label} / ${factory.name}: attempt ${attempt} FAILED ${err.message.split('\n')[0]}`);
        if (attempt === 1)
          ctx.flaky.push(`${label} / ${factory.name}: attempt 1 failed: ${err.message.split('\n')[0]}`);
      } finally {
        await target?.cleanup().catch(() => {});
      }
    }
  }
  return out;
}

export function pickValue<T>(result: T | Error | undefined, pick: (v: T) => number): number | null {
  if (result === undefined || result instanceof Error) return null;
  return pick(result);
}

export function errorsOf<T>(results: PerTarget<T>): string | undefined {
  const errors = Object.entries(results)
    .filter(([, v]) => v instanceof Error)
    .map(([k, v]) => `${k}: ${(v as Error).message.split('\n')[0]}`);
  return errors.length ? errors.join('; ') : undefined;
}

/** One figure of every target that produced one, for a Row's `values`. */
export function valuesOf<T>(
  results: PerTarget<T>,
  pick: (v: T) => number,
): Partial<Record<TargetName, number | null>> {
  const out: Partial<Record<TargetName, number | null>> = {};
  for (const [name, result] of Object.entries(results) as [TargetName, T | Error][])
    out[name] = pickValue(result, pick);
  return out;
}
