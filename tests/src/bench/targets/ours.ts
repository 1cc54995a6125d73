/** Our server (server/src/main.ts), with SQLite and durable-before-broadcast, as users run it. */
import { startTestServer, type TestServer } from '../../support/server.ts';
import { connectPeer, whenSynced } from '../../support/yclient.ts';
import type { BenchClient, RunningTarget, TargetFactory } from './types.ts';

/**
 * Abuse limits that would otherwise stop the load generator: room creation is limited per
 * address (all bench rooms come from 127.0.0.1) and messages per connection are limited for
 * the throughput writers. Neither touches validation or durability.
 */
export const OURS_BENCH_ENV: Record<string, string> = {
  ROOM_CREATIONS_PER_HOUR: '1000000',
  MAX_MESSAGES_PER_SECOND: '100000',
  LOG_LEVEL: 'warn',
};

function wrap(server: TestServer, env: Record<string, string>): RunningTarget {
  return {
    name: 'ours',
    pid: server.process.pid!,
    logs: server.logs,
    metricsUrl: `${server.url}/metrics`,
    async createRoom() {
      const room = await server.createRoom('blank');
      return {
        id: room.roomId,
        seeded: true,
        facilitator: { apiUrl: `${server.url}/api/rooms/${room.roomId}`, token: room.tokens.facilitator },
        connect(doc): BenchClient {
          const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit, doc);
          return {
            doc: peer.doc,
            whenSynced: (timeoutMs = 30_000) => whenSynced(peer, timeoutMs),
            destroy: () => peer.destroy(),
          };
        },
      };
    },
    kill: () => server.kill(),
    async restart() {
      return wrap(await server.restart(), env);
    },
    cleanup: () => server.cleanup(),
  };
}

export const ours: TargetFactory = {
  name: 'ours',
  async start(options = {}) {
    const env = { ...OURS_BENCH_ENV, ...options.env };
    return wrap(await startTestServer(env), env);
  },
};
