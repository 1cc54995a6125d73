/**
 * docs/benchmarks.md, generated: the latest figure of every (scenario, metric) pair that
 * docs/benchmarks-history.md ever recorded, with its target and the run it comes from.
 *
 * The history is the one source of truth. Its run sections (`## <ISO date> · commit <sha>`, a
 * `Machine:` line, a table) come from `pnpm bench`; their table columns changed over time (older
 * runs lack `bare + durable log`), so cells are looked up by header name. Hand-written tables
 * (issue summaries and the like) have no `scenario`/`metric`/`ours` header and are skipped.
 */

/** One row of a run's table, cells as recorded; `undefined` when that run's table lacks the column. */
export interface RecordedRow {
  scenario: string;
  metric: string;
  ours?: string;
  bare?: string;
  durable?: string;
  hocuspocus?: string;
  target?: string;
  met?: string;
}

export interface RecordedRun {
  /** ISO date from the section heading, e.g. 2026-12-07T02:03:47Z */
  date: string;
  /** as recorded, e.g. `4048729` or `4048729 (with uncommitted changes)` */
  commit: string;
  /** `AMD EPYC, 2 cores`, or '' when the section has no Machine line */
  machine: string;
  rows: RecordedRow[];
}

export interface CurrentFigure {
  row: RecordedRow;
  run: RecordedRun;
  /** A later run measured this scenario without this metric: it was renamed or removed since. */
  dropped: boolean;
}

const COLUMNS: Record<string, keyof RecordedRow> = {
  scenario: 'scenario',
  metric: 'metric',
  ours: 'ours',
  bare: 'bare',
  'bare + durable log': 'durable',
  hocuspocus: 'hocuspocus',
  target: 'target',
  met: 'met',
};

const RUN_HEADING = /^## (\S+) · commit (.+?)\s*$/;
const MACHINE_LINE = /^Machine: (.+?), (\d+) cores,/;

/** The cells of a markdown table line; `\|` is a pipe inside a cell. */
function cellsOf(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|'));
}

const isTableLine = (line: string) => line.trimStart().startsWith('|');
const isSeparator = (line: string) => /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line.trim());

/** Every run section of the history, in file order (newest last). */
export function parseHistory(markdown: string): RecordedRun[] {
  const lines = markdown.split(/\r?\n/);
  const runs: RecordedRun[] = [];
  let run: RecordedRun | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = RUN_HEADING.exec(line);
    if (heading) {
      run = { date: heading[1]!, commit: heading[2]!, machine: '', rows: [] };
      runs.push(run);
      continue;
    }
    if (!run) continue;
    const machine = MACHINE_LINE.exec(line);
    if (machine && !run.machine) {
      run.machine = `${machine[1]}, ${machine[2]} cores`;
      continue;
    }
    if (!isTableLine(line) || !isSeparator(lines[i + 1] ?? '')) continue;
    // A table: header line, separator, body lines until the first line that is not a table line.
    const fields = cellsOf(line).map((name) => COLUMNS[name.toLowerCase()]);
    const measured = ['scenario', 'metric', 'ours'].every((f) => fields.includes(f as keyof RecordedRow));
    i += 2;
    for (; i < lines.length && isTableLine(lines[i]!); i++) {
      if (!measured) continue;
      const row: Partial<RecordedRow> = {};
      cellsOf(lines[i]!).forEach((cell, c) => {
        const field = fields[c];
        if (field) row[field] = cell;
      });
      if (row.scenario && row.metric) run.rows.push(row as RecordedRow);
    }
    i--;
  }
  return runs;
}

/** Recorded as measured: not '–', not empty, not absent. */
function hasValue(cell: string | undefined): boolean {
  return cell !== undefined && cell !== '' && cell !== '–' && cell !== '-';
}

/**
 * The latest row of every (scenario, metric) pair; a later run's row replaces an earlier one unless
 * it has no figure for ours (that scenario failed for our server in that run) and the earlier one
 * has. Rows with a target come first, then the rest; within each group rows still measured come
 * before dropped ones, scenarios in the order they first appeared and metrics in the order they
 * first appeared within their scenario.
 */
export function currentFigures(runs: readonly RecordedRun[]): CurrentFigure[] {
  const latest = new Map<string, { row: RecordedRow; run: RecordedRun }>();
  const scenarioOrder = new Map<string, number>();
  const metricOrder = new Map<string, number>();
  /** index of the last run that has the scenario / the (scenario, metric) pair at all */
  const scenarioLastRun = new Map<string, number>();
  const keyLastRun = new Map<string, number>();
  const keyOf = (row: RecordedRow) => `${row.scenario}\u0000${row.metric}`;
  runs.forEach((run, index) => {
    for (const row of run.rows) {
      const key = keyOf(row);
      if (!scenarioOrder.has(row.scenario)) scenarioOrder.set(row.scenario, scenarioOrder.size);
      if (!metricOrder.has(key)) metricOrder.set(key, metricOrder.size);
      scenarioLastRun.set(row.scenario, index);
      keyLastRun.set(key, index);
      const previous = latest.get(key);
      if (previous && hasValue(previous.row.ours) && !hasValue(row.ours)) continue;
      latest.set(key, { row, run });
    }
  });
  const figures = [...latest.entries()].map(([key, f]) => ({
    ...f,
    dropped: scenarioLastRun.get(f.row.scenario)! > keyLastRun.get(key)!,
  }));
  const position = (f: CurrentFigure) => [
    (f.row.target ?? '') !== '' ? 0 : 1,
    f.dropped ? 1 : 0,
    scenarioOrder.get(f.row.scenario)!,
    metricOrder.get(keyOf(f.row))!,
  ];
  return figures.sort((a, b) => {
    const pa = position(a);
    const pb = position(b);
    return pa.reduce((d, v, i) => d || v - pb[i]!, 0);
  });
}

const isMet = (met: string | undefined) => met?.toLowerCase() === 'yes';
const isMissed = (met: string | undefined) => met?.toLowerCase() === 'no';

const TABLE_HEADERS = [
  'scenario',
  'metric',
  'ours',
  'bare',
  'bare + durable log',
  'Hocuspocus',
  'target',
  'met',
  'run (date, commit)',
  'machine',
];

function tableRow(f: CurrentFigure): string[] {
  const { row, run } = f;
  return [
    row.scenario,
    row.metric,
    row.ours ?? '',
    row.bare ?? '',
    row.durable ?? '',
    row.hocuspocus ?? '',
    row.target ?? '',
    f.dropped
      ? ['dropped', row.met].filter(Boolean).join(': ')
      : isMissed(row.met)
        ? '**NO**'
        : (row.met ?? ''),
    `${run.date} · ${run.commit}`,
    run.machine,
  ];
}

/** A markdown table with its columns padded to one width, so the file reads as a table too. */
function alignedTable(headers: readonly string[], rows: readonly string[][]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const cells = [headers.map(esc), ...rows.map((r) => r.map(esc))];
  const widths = headers.map((_, c) => Math.max(3, ...cells.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

/** The whole of docs/benchmarks.md for these runs. */
export function renderBenchmarksMd(runs: readonly RecordedRun[]): string {
  const figures = currentFigures(runs);
  const current = figures.filter((f) => !f.dropped);
  const targets = current.filter((f) => (f.row.target ?? '') !== '');
  const met = targets.filter((f) => isMet(f.row.met)).length;
  const missed = targets.filter((f) => isMissed(f.row.met)).length;
  const unknown = targets.length - met - missed;
  const dropped = figures.length - current.length;
  const summary =
    `${targets.length} figures have a target: ${met} met, ${missed} not met (**NO** in the table)` +
    (unknown ? `, ${unknown} without a verdict` : '') +
    `; ${current.length - targets.length} more are measured without one` +
    (dropped
      ? `; ${dropped} ${dropped === 1 ? 'row is' : 'rows are'} marked dropped: a later run of the scenario no longer measured them.`
      : '.');
  return [
    '# Benchmarks',
    '',
    '<!-- Generated from benchmarks-history.md by tests/src/bench/currentFigures.ts: edit the history, then run',
    '     `node tests/src/bench/main.ts --regenerate`; a bench run regenerates this file too. -->',
    '',
    '`npm run bench` (or `pnpm bench` with the dependencies installed) builds the client, runs every',
    'scenario of `tests/src/bench/` (one module each), appends a dated section to',
    '[benchmarks-history.md](benchmarks-history.md) and rewrites this file from that history.',
    '`node tests/src/bench/main.ts --only=latency,throughput` runs some scenarios; `--no-append` only',
    'prints. The history keeps every run: its full table (with the ratios), the notes under it (rounds,',
    'sample sizes, load average) and the analyses written by hand.',
    '',
    'Every figure depends on the machine it was measured on, and most of them on how busy it was: the',
    'last two columns name the run each row comes from (its section in the history) and that machine.',
    'Column `bare` is the bare relay for server rows and the bare `<Tldraw/>` vite app for client rows;',
    'an empty cell is a column that run did not have, `–` a figure it did not measure.',
    '',
    '## Current figures',
    '',
    'The latest measurement of every scenario and metric in the history, rows with a target first.',
    summary,
    '',
    alignedTable(TABLE_HEADERS, figures.map(tableRow)),
    '',
  ].join('\n');
}
