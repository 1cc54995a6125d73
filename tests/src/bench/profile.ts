/**
 * Profiles the write path: our server under the throughput load (10 writers, 1 observer), with
 * `--cpu-prof` on the server process and on this (the clients') process, then prints the
 * functions that took the most time of their own in each. For before/after comparisons in commit
 * messages; not part of `pnpm bench`.
 *
 *   node tests/src/bench/profile.ts [--top=25] [--dir=/tmp/patroonkaart-prof]
 */

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startTestServer } from '../support/server.ts';
import { OURS_BENCH_ENV } from './targets/ours.ts';
import { measureThroughput } from './throughput.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const dir = args.find((a) => a.startsWith('--dir='))?.slice(6) ?? '/tmp/patroonkaart-prof';
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.cpuprofile')) writeFileSync(join(dir, f), '');

/** Self time per function, in ms, largest first; files shortened to their package-relative path. */
export function selfTimes(profile: CpuProfile): { name: string; ms: number; share: number }[] {
  const total = profile.samples.length;
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, total);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
      .replace(/^file:\/\/.*\/main\//, '');
    const name = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + hits);
  }
  return [...byName]
    .map(([name, hits]) => ({ name, ms: hits * perSample, share: hits / total }))
    .sort((a, b) => b.ms - a.ms);
}

function print(title: string, profile: CpuProfile, updates: number): void {
  const rows = selfTimes(profile);
  const idle = rows.filter((r) => r.name.startsWith('(idle)')).reduce((n, r) => n + r.ms, 0);
  const busy = rows.reduce((n, r) => n + r.ms, 0) - idle;
  console.log(`\n${title}: ${busy.toFixed(0)} ms busy, ${(busy / updates).toFixed(4)} ms per update`);
  for (const r of rows.filter((x) => !x.name.startsWith('(idle)')).slice(0, top))
    console.log(
      `${r.ms.toFixed(0).padStart(7)} ms ${((r.ms / busy) * 100).toFixed(1).padStart(5)}%  ${r.name}`,
    );
}

const server = await startTestServer({
  ...OURS_BENCH_ENV,
  NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-name=server.cpuprofile`,
});
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const target = {
  name: 'ours' as const,
  pid: server.process.pid!,
  logs: server.logs,
  async createRoom() {
    const { connectPeer, whenSynced } = await import('../support/yclient.ts');
    const room = await server.createRoom('blank');
    return {
      id: room.roomId,
      seeded: true,
      connect(doc?: import('yjs').Doc) {
        const peer = connectPeer(server.wsUrl, room.roomId, room.tokens.edit, doc);
        return {
          doc: peer.doc,
          whenSynced: (t = 30_000) => whenSynced(peer, t),
          destroy: () => peer.destroy(),
        };
      },
    };
  },
  kill: () => server.kill(),
  restart: () => Promise.reject(new Error('not here')),
  cleanup: () => server.cleanup(),
};
const result = await measureThroughput(target);
const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
await server.stop();
console.log(
  `${result.updates} updates, ${result.updatesPerSecond.toFixed(0)}/s, server ${result.cpuMsPerUpdate.toFixed(3)} ms CPU/update`,
);
writeFileSync(join(dir, 'clients.cpuprofile'), JSON.stringify(profile));
print('clients (this process, whole run)', profile, result.updates);
const serverProfile = JSON.parse(readFileSync(join(dir, 'server.cpuprofile'), 'utf8')) as CpuProfile;
print('server (whole run)', serverProfile, result.updates);
await server.cleanup();
process.exit(0);
