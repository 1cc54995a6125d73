import { describe, expect, it } from 'vitest';
import { currentFigures, parseHistory, renderBenchmarksMd } from './currentFigures.ts';
import { runSection } from './report.ts';

// Two runs as `pnpm bench` wrote them: the older table has no 'bare + durable log' column; the later
// run (`--only=latency`) measured only some rows and no longer measures the latency p95; a
// hand-written table and notes sit between them.
const HISTORY = `# Benchmarks: history

Each \`pnpm bench\` run appends a section below (newest last).

## 2026-11-23T01:59:16Z · commit 1a5e746

Machine: Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB RAM, Node v24.21.0.

| scenario | metric | ours | bare | Hocuspocus | ours/bare | ours/Hocuspocus | target | met |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| latency 1 room x 30 peers | p50 | 1.9 ms | 1.3 ms | 1.7 ms | 1.53x | 1.17x |  |  |
| latency 1 room x 30 peers | p99 | 8.2 ms | 4.3 ms | 5.1 ms | 1.89x | 1.60x | p99 <= 1.2x bare | NO |
| latency 1 room x 30 peers | p95 | 4.2 ms | 2.9 ms | 3.3 ms | 1.45x | 1.28x | p95 <= 2x bare | yes |
| memory, 100 rooms | server RSS per room | 466.0 KiB | 589.3 KiB | 608.3 KiB | 0.79x | 0.77x | <= 1.2x bare | yes |
| throughput | updates relayed/s | 4,736/s | 5,364/s | 14,522/s | 0.88x | 0.33x |  |  |

- latency 1 room x 30 peers p99: ours n=34800

### Targets, by hand

| target | figure | met |
| --- | --- | --- |
| p99 <= 1.2x bare | 8.2 vs 4.3 ms | no |

## 2026-12-07T02:03:47Z · commit 4048729 (with uncommitted changes)

Machine: AMD EPYC, 2 cores, 23.5 GiB RAM, Node v24.21.0. Arguments: \`--only=latency\`.

| scenario | metric | ours | bare | bare + durable log | Hocuspocus | ours/bare | ours/durable | ours/Hocuspocus | target | met |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| latency 1 room x 30 peers | p99 | 4.0 ms | 4.1 ms | 4.4 ms | 5.0 ms | 0.98x | 0.91x | 0.80x | p99 <= 1.2x bare | yes |
| latency 1 room x 30 peers | p50 | 1.5 ms | 1.4 ms | 1.6 ms | 1.6 ms | 1.07x | 0.94x | 0.94x |  |  |
| throughput | updates relayed/s | – | 5,000/s | 4,000/s | 9,000/s | – | – | – |  |  |

- Load average before 0.10 0.20 0.30.
`;

describe('current figures from the benchmark history', () => {
  const runs = parseHistory(HISTORY);

  it('parses every run, looking columns up by header name', () => {
    expect(runs.map((r) => [r.date, r.commit, r.machine, r.rows.length])).toEqual([
      ['2026-11-23T01:59:16Z', '1a5e746', 'Intel(R) Xeon(R) Processor, 2 cores', 5],
      ['2026-12-07T02:03:47Z', '4048729 (with uncommitted changes)', 'AMD EPYC, 2 cores', 3],
    ]);
    expect(runs[0]!.rows[1]).toEqual({
      scenario: 'latency 1 room x 30 peers',
      metric: 'p99',
      ours: '8.2 ms',
      bare: '4.3 ms',
      hocuspocus: '5.1 ms',
      target: 'p99 <= 1.2x bare',
      met: 'NO',
    });
    expect(runs[1]!.rows[0]).toMatchObject({ durable: '4.4 ms', hocuspocus: '5.0 ms', met: 'yes' });
  });

  it("keeps the later run's row, the rows only in the older run, and puts rows with a target first", () => {
    const figures = currentFigures(runs);
    expect(figures.map((f) => [f.row.scenario, f.row.metric, f.row.ours, f.run.date, f.dropped])).toEqual([
      ['latency 1 room x 30 peers', 'p99', '4.0 ms', '2026-12-07T02:03:47Z', false],
      ['memory, 100 rooms', 'server RSS per room', '466.0 KiB', '2026-11-23T01:59:16Z', false],
      // The later run measured its scenario without it: kept, after the rows still measured.
      ['latency 1 room x 30 peers', 'p95', '4.2 ms', '2026-11-23T01:59:16Z', true],
      ['latency 1 room x 30 peers', 'p50', '1.5 ms', '2026-12-07T02:03:47Z', false],
      // The later run failed to measure ours: the older measurement stays current.
      ['throughput', 'updates relayed/s', '4,736/s', '2026-11-23T01:59:16Z', false],
    ]);
  });

  it('renders one table with the run and machine of every row, unmet targets marked', () => {
    const md = renderBenchmarksMd(runs);
    expect(md.startsWith('# Benchmarks\n')).toBe(true);
    expect(md).toContain('benchmarks-history.md');
    expect(md).toContain(
      '2 figures have a target: 2 met, 0 not met (**NO** in the table); 2 more are measured without one; ' +
        '1 row is marked dropped',
    );
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + 5);
    expect(table[2]).toMatch(
      /^\| latency 1 room x 30 peers +\| p99 +\| 4\.0 ms +\| 4\.1 ms +\| 4\.4 ms +\| 5\.0 ms +\| p99 <= 1\.2x bare +\| yes +\| 2026-12-07T02:03:47Z · 4048729 \(with uncommitted changes\) +\| AMD EPYC, 2 cores +\|$/,
    );
    // The older run had no durable column: that cell is empty, not a dash.
    expect(table[3]).toMatch(/\| 589\.3 KiB +\| +\| 608\.3 KiB +\|/);
    expect(table[4]).toMatch(/\| p95 <= 2x bare +\| dropped: yes +\|/);
    expect(renderBenchmarksMd(parseHistory(HISTORY.split('## 2026-12-07')[0]!))).toContain('| **NO** ');
  });

  it('parses back what a bench run appends', () => {
    const machine = {
      date: '2026-12-08T10:00:00Z',
      commit: 'abc1234',
      cpu: 'AMD EPYC',
      cores: 2,
      ramGiB: 23.5,
      node: 'v24.21.0',
    };
    const section = runSection(
      machine,
      [
        {
          scenario: 'latency 1 room x 30 peers',
          metric: 'p99',
          unit: 'ms',
          values: { ours: 3.04, bare: 3.5, durable: null, hocuspocus: 4 },
          target: 'p99 <= 1.2x bare | < Hocuspocus',
          met: false,
        },
      ],
      ['latency 1 room x 30 peers p99: ours n=100'],
      ['--only=latency'],
    );
    const [later] = parseHistory(HISTORY + section).slice(-1);
    expect(later).toEqual({
      date: '2026-12-08T10:00:00Z',
      commit: 'abc1234',
      machine: 'AMD EPYC, 2 cores',
      rows: [
        {
          scenario: 'latency 1 room x 30 peers',
          metric: 'p99',
          ours: '3.0 ms',
          bare: '3.5 ms',
          durable: '–',
          hocuspocus: '4.0 ms',
          target: 'p99 <= 1.2x bare | < Hocuspocus',
          met: 'NO',
        },
      ],
    });
  });
});
