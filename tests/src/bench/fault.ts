/**
 * Kill -9 while editing: 5 peers edit their own shapes at 10 edits/s for ~12 s, then the server
 * gets SIGKILL. What peers had seen = for each writer, the highest clock of it that any OTHER
 * peer had received (so it went through the server). The peers are then destroyed (so they
 * cannot resend), the server restarted on the same data, and a fresh client reads the room: an
 * edit is lost when its clock is above what the restarted server holds for its writer.
 */
import * as Y from 'yjs';
import { edit, openFleet } from './fleet.ts';
import { errorsOf, perTarget, pickValue } from './perTarget.ts';
import { sleep } from './stats.ts';
import type { RunningTarget } from './targets/index.ts';
import type { Row, Scenario } from './types.ts';

const PEERS = 5;
const EDITS_PER_SECOND = 10;
const EDIT_MS = 12_000;

export interface FaultResult {
  seen: number;
  lost: number;
  fraction: number;
}

export async function killDuringEditing(target: RunningTarget): Promise<FaultResult> {
  const fleet = await openFleet(target, 1, PEERS);
  const peers = fleet.peers[0]!;
  const room = fleet.rooms[0]!;
  const baseline = new Map(
    peers.map((p) => [p.client.doc.clientID, Y.getState(p.client.doc.store, p.client.doc.clientID)]),
  );
  const timers = peers.map((p) =>
    setInterval(() => edit(p, 'x', Math.random() * 1000), 1000 / EDITS_PER_SECOND),
  );
  await sleep(EDIT_MS);
  await target.kill();
  for (const t of timers) clearInterval(t);
  const seen = new Map<number, number>();
  for (const writer of peers) {
    const id = writer.client.doc.clientID;
    let max = baseline.get(id)!;
    for (const other of peers)
      if (other !== writer) max = Math.max(max, Y.getState(other.client.doc.store, id));
    seen.set(id, max);
  }
  fleet.close();
  const restarted = await target.restart();
  const reader = room.connect();
  try {
    await reader.whenSynced();
    await sleep(300);
    let seenTotal = 0;
    let lost = 0;
    for (const [id, max] of seen) {
      const base = baseline.get(id)!;
      const kept = Y.getState(reader.doc.store, id);
      seenTotal += max - base;
      lost += Math.max(0, max - Math.max(kept, base));
    }
    return { seen: seenTotal, lost, fraction: seenTotal ? lost / seenTotal : 0 };
  } finally {
    reader.destroy();
    await restarted.cleanup();
  }
}

export const faultScenario: Scenario = {
  name: 'fault',
  async run(ctx) {
    ctx.log(`fault: SIGKILL after ${EDIT_MS / 1000} s of ${PEERS} peers editing`);
    const results = await perTarget(ctx, 'fault', killDuringEditing, ['ours', 'hocuspocus']);
    const ours = pickValue(results.ours, (r) => r.fraction * 100);
    const counts = Object.entries(results)
      .filter(([, r]) => r && !(r instanceof Error))
      .map(([k, r]) => `${k} lost ${(r as FaultResult).lost} of ${(r as FaultResult).seen} edits seen`)
      .join(', ');
    return [
      {
        scenario: `SIGKILL after ${EDIT_MS / 1000} s, ${PEERS} peers x ${EDITS_PER_SECOND} edits/s`,
        metric: 'edits seen by peers, lost after restart',
        unit: '%',
        values: { ours, hocuspocus: pickValue(results.hocuspocus, (r) => r.fraction * 100) },
        target: 'ours 0',
        ...(ours != null ? { met: ours === 0 } : {}),
        note: [errorsOf(results), counts].filter(Boolean).join('; '),
      },
    ] satisfies Row[];
  },
};
