/**
 * The summary table (console and markdown), the dated section appended to docs/benchmarks-history.md
 * and docs/benchmarks.md regenerated from it (currentFigures.ts).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/server.ts';
import { parseHistory, renderBenchmarksMd } from './currentFigures.ts';
import type { Row, Unit } from './types.ts';

function fmt(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'KiB':
      return `${value.toFixed(1)} KiB`;
    case 'MiB':
      return `${value.toFixed(0)} MiB`;
    case 'B':
      return `${Math.round(value).toLocaleString('en-US')} B`;
    case 'updates/s':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
    case 'ms/update':
      return `${value.toFixed(3)} ms`;
    case '%':
      return `${value.toFixed(1)} %`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'tables':
      return `${Math.round(value)} tables`;
  }
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${(a / b).toFixed(2)}x`;
}

const HEADERS = [
  'scenario',
  'metric',
  'ours',
  'bare',
  'bare + durable log',
  'Hocuspocus',
  'ours/bare',
  'ours/durable',
  'ours/Hocuspocus',
  'target',
  'met',
];

export function tableCells(rows: readonly Row[]): string[][] {
  return rows.map((r) => [
    r.scenario,
    r.metric,
    fmt(r.values.ours, r.unit),
    fmt(r.values.bare, r.unit),
    fmt(r.values.durable, r.unit),
    fmt(r.values.hocuspocus, r.unit),
    ratio(r.values.ours, r.values.bare),
    ratio(r.values.ours, r.values.durable),
    ratio(r.values.ours, r.values.hocuspocus),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
}

export function consoleTable(rows: readonly Row[]): string {
  const cells = [HEADERS, ...tableCells(rows)];
  const widths = HEADERS.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const cells = tableCells(rows);
  return [
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...cells.map((c) => `| ${c.map(esc).join(' | ')} |`),
  ].join('\n');
}

export interface MachineInfo {
  date: string;
  commit: string;
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (dirty.trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
  };
}

const HISTORY_HEAD =
  '# Benchmarks: history\n\nEach `pnpm bench` run appends a section below (newest last); [benchmarks.md](benchmarks.md) ' +
  'holds the latest figure of each, generated from this file. How each figure is measured: ' +
  '`tests/src/bench/` (one module per scenario). Clients run in the bench process, every server in its own process.\n' +
  'Column `bare` is the bare relay for server rows and the bare `<Tldraw/>` vite app for client rows.\n';

export const HISTORY_MD = join(ROOT, 'docs', 'benchmarks-history.md');
export const BENCHMARKS_MD = join(ROOT, 'docs', 'benchmarks.md');

/** Rewrites docs/benchmarks.md (the current figures) from docs/benchmarks-history.md. */
export function writeBenchmarksMd(): string {
  writeFileSync(BENCHMARKS_MD, renderBenchmarksMd(parseHistory(readFileSync(HISTORY_MD, 'utf8'))));
  return BENCHMARKS_MD;
}

/** A run's dated section of the history: heading, machine, table, notes (parsed back by currentFigures.ts). */
export function runSection(
  machine: MachineInfo,
  rows: readonly Row[],
  notes: readonly string[],
  args: readonly string[],
): string {
  return [
    '',
    `## ${machine.date} · commit ${machine.commit}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB RAM, Node ${machine.node}.` +
      (args.length ? ` Arguments: \`${args.join(' ')}\`.` : ''),
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** Appends a dated section for this run to docs/benchmarks-history.md, then regenerates docs/benchmarks.md. */
export function recordRun(
  machine: MachineInfo,
  rows: readonly Row[],
  notes: readonly string[],
  args: readonly string[],
): { history: string; current: string } {
  if (!existsSync(HISTORY_MD)) writeFileSync(HISTORY_MD, HISTORY_HEAD);
  appendFileSync(HISTORY_MD, runSection(machine, rows, notes, args));
  return { history: HISTORY_MD, current: writeBenchmarksMd() };
}
