/**
 * Several server processes against one (issue: Redis and PostgreSQL), same machine, same run:
 * PostgreSQL and Redis started here (tests/src/support/services.ts); one process on PostgreSQL
 * alone, and two processes on PostgreSQL with Redis, their peers spread over both. Latency of an
 * edit seen by every other peer, throughput of 10 writers (closed loop), and what the Redis hop
 * costs an edit: two peers on one process against two peers on different processes.
 *
 * In the table, `ours` is two processes and `bare` is one process (so `ours/bare` is 2 vs 1).
 */
import { startTestServer, type TestServer } from '../support/server.ts';
import { startPostgres, startRedis } from '../support/services.ts';
import { connectPeer, whenSynced } from '../support/yclient.ts';
import { measureLatency } from './latency.ts';
import { OURS_BENCH_ENV } from './targets/ours.ts';
import type { BenchClient, RunningTarget } from './targets/types.ts';
import { measureThroughput } from './throughput.ts';
import type { BenchContext, Row, Scenario } from './types.ts';

/** Rooms created on the first process; peers connect to the processes in turn. */
function spread(servers: TestServer[]): RunningTarget {
  return {
    name: 'ours',
    pid: servers[0]!.process.pid!,
    logs: servers[0]!.logs,
    async createRoom() {
      const room = await servers[0]!.createRoom('blank');
      let next = 0;
      return {
        id: room.roomId,
        seeded: true,
        connect(doc): BenchClient {
          const server = servers[next++ % servers.length]!;
          const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit, doc);
          return {
            doc: peer.doc,
            whenSynced: (timeoutMs = 30_000) => whenSynced(peer, timeoutMs),
            destroy: () => peer.destroy(),
          };
        },
      };
    },
    kill: () => Promise.resolve(),
    restart: () => Promise.reject(new Error('not used')),
    cleanup: () => Promise.resolve(),
  };
}

export const clusterScenario: Scenario = {
  name: 'cluster',
  async run(ctx: BenchContext): Promise<Row[]> {
    const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const env = { ...OURS_BENCH_ENV, STORAGE: 'postgres', DATABASE_URL: pg.url };
    const servers: TestServer[] = [];
    try {
      const one = await startTestServer(env);
      const a = await startTestServer({ ...env, REDIS_URL: redis.url });
      const b = await startTestServer({ ...env, REDIS_URL: redis.url });
      servers.push(one, a, b);
      const single = spread([one]);
      const pair = spread([a, b]);
      const sameProcess = spread([a]);
      const scenario = 'cluster: ours = 2 processes (PostgreSQL + Redis), bare = 1 process (PostgreSQL)';
      const rows: Row[] = [];

      const load = {
        label: '1 room x 10 peers, 10 edits/s/peer',
        rooms: 1,
        peersPerRoom: 10,
        editsPerSecondPerPeer: 10,
        warmupMs: 2000,
        measureMs: 8000,
      };
      ctx.log('cluster: latency, 1 process');
      const l1 = await measureLatency(single, load);
      ctx.log('cluster: latency, 2 processes');
      const l2 = await measureLatency(pair, load);
      for (const [metric, key] of [
        ['p50', 'p50'],
        ['p99', 'p99'],
      ] as const)
        rows.push({
          scenario,
          metric: `edit seen by all 9 others, ${load.label}, ${metric}`,
          unit: 'ms',
          values: { ours: l2[key], bare: l1[key] },
          note: `1 process n=${l1.count}, missing ${l1.missing}; 2 processes n=${l2.count}, missing ${l2.missing}`,
        });

      ctx.log('cluster: throughput, 1 process');
      const t1 = await measureThroughput(single);
      ctx.log('cluster: throughput, 2 processes');
      const t2 = await measureThroughput(pair);
      rows.push({
        scenario,
        metric: 'throughput, 10 writers and 1 observer (closed loop), updates seen by the observer',
        unit: 'updates/s',
        values: { ours: t2.updatesPerSecond, bare: t1.updatesPerSecond },
      });

      const duo = { ...load, label: '2 peers, 20 edits/s each', peersPerRoom: 2, editsPerSecondPerPeer: 20 };
      ctx.log('cluster: the Redis hop');
      const same = await measureLatency(sameProcess, duo);
      const cross = await measureLatency(pair, duo);
      rows.push({
        scenario,
        metric:
          'the Redis hop: p50 of an edit between two processes minus within one process (ours), within one (bare)',
        unit: 'ms',
        values: { ours: cross.p50 - same.p50, bare: same.p50 },
        note: `across processes p50 ${cross.p50.toFixed(2)} ms, p99 ${cross.p99.toFixed(2)} ms; within one p50 ${same.p50.toFixed(2)} ms, p99 ${same.p99.toFixed(2)} ms`,
      });
      return rows;
    } finally {
      await Promise.allSettled(servers.map((s) => s.cleanup()));
      await Promise.allSettled([pg.stop(), redis.stop()]);
    }
  },
};
