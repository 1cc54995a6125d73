/** Runs one measurement against each target in turn, each in a fresh server process. */
import type { RunningTarget, TargetFactory, TargetName } from './targets/index.ts';
import type { BenchContext } from './types.ts';

export type PerTarget<T> = Partial<Record<TargetName, T | Error>>;

export async function perTarget<T>(
  ctx: BenchContext,
  label: string,
  fn: (target: RunningTarget, factory: TargetFactory) => Promise<T>,
  only?: readonly TargetName[],
  /** Start this many places into the target list (rounds rotate who goes first). */
  rotate = 0,
): Promise<PerTarget<T>> {
  const out: PerTarget<T> = {};
  const shift = rotate % Math.max(1, ctx.targets.length);
  for (const factory of [...ctx.targets.slice(shift), ...ctx.targets.slice(0, shift)]) {
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

/**
 * `perTarget` `rounds` times over all targets in turn, each round starting one target further on
 * (ours, bare, ...; bare, ..., ours; ...), after one uncounted warm-up run. A closed-loop or tail
 * figure of one short window moves by a third between runs on a shared 2-core machine; rounds
 * taken in turn share that drift out instead of handing it to one target, and the warm-up and the
 * rotation keep any target from always meeting the load process before its JIT has warmed up
 * (the first run of a bench process was the slowest of its rounds in every run we looked at).
 */
export async function perTargetInRounds<T>(
  ctx: BenchContext,
  label: string,
  rounds: number,
  fn: (target: RunningTarget, factory: TargetFactory) => Promise<T>,
): Promise<PerTarget<T>[]> {
  const out: PerTarget<T>[] = [];
  if (rounds > 1) {
    ctx.log(`  ${label}: warm-up (not counted)`);
    await perTarget(ctx, `${label} warm-up`, fn, [ctx.targets[0]!.name]);
  }
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) ctx.log(`  ${label}: round ${round} of ${rounds}`);
    out.push(await perTarget(ctx, label, fn, undefined, round - 1));
  }
  return out;
}

/** Each target's median over rounds, field by field; a target with a failed round keeps that error. */
export function medianOfRounds<T extends object>(rounds: readonly PerTarget<T>[]): PerTarget<T> {
  const out: PerTarget<T> = {};
  const names = new Set(rounds.flatMap((r) => Object.keys(r) as TargetName[]));
  for (const name of names) {
    const results = rounds.map((r) => r[name]);
    const failed = results.find((r) => r instanceof Error);
    if (failed || results.some((r) => r === undefined)) {
      out[name] = failed ?? new Error(`${name}: a round is missing`);
      continue;
    }
    const ok = results as T[];
    const median: Record<string, number> = {};
    for (const key of Object.keys(ok[0]!)) {
      const sorted = ok.map((r) => (r as Record<string, number>)[key]!).sort((a, b) => a - b);
      median[key] = sorted[Math.floor((sorted.length - 1) / 2)]!;
    }
    out[name] = median as T;
  }
  return out;
}

/** "ours 27.4, 29.5, 31.0; bare ..." for a note: one figure of every round, per target. */
export function perRound<T>(rounds: readonly PerTarget<T>[], pick: (v: T) => number, digits = 1): string {
  if (rounds.length < 2) return '';
  const names = Object.keys(rounds[0] ?? {}) as TargetName[];
  const figures = names.map((name) => {
    const each = rounds.map((r) => {
      const v = pickValue(r[name], pick);
      return v === null ? 'failed' : v.toFixed(digits);
    });
    return `${name} ${each.join(', ')}`;
  });
  return `median of ${rounds.length} rounds taken in turn, each starting one target further on, after a warm-up; per round: ${figures.join('; ')}`;
}
