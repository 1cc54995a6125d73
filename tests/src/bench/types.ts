/** What a scenario returns and how main.ts runs it; new scenarios plug in as modules. */
import type { TargetFactory, TargetName } from './targets/index.ts';

export type Unit = 'ms' | 'KiB' | 'MiB' | 'B' | 'updates/s' | 'ms/update' | '%' | 'x' | 'tables';

export interface Row {
  scenario: string;
  metric: string;
  unit: Unit;
  /** Values per target; for client-side rows, `bare` is the bare tldraw app. */
  values: Partial<Record<TargetName, number | null>>;
  /** e.g. '<= 1.2x bare' */
  target?: string;
  /** true met, false missed, undefined no target */
  met?: boolean;
  note?: string;
}

export interface BenchContext {
  big: boolean;
  targets: readonly TargetFactory[];
  log(message: string): void;
  /** Failures that a retry overcame, reported in the notes. */
  flaky: string[];
}

export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<Row[]>;
}
