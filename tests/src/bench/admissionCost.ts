/**
 * What admitting one edit costs our server, in process (no sockets, no disk): a partner moves
 * one of 30 shapes, and the room reads, forecasts, checks and applies the update. Measured with
 * the edits back to back and with an idle gap before each (the 30-peer latency load sends one
 * edit every ~7 ms): the same work takes longer on a core that was idle, and that, not the
 * steady-state cost, is what a partner waits for in a room that is not saturated.
 * Beside it, what the bare relay does with the same update: apply it to a plain Y.Doc.
 * A diagnostic for issue notes and commit messages; not part of `pnpm bench`.
 *
 *   node tests/src/bench/admissionCost.ts [--edits=3000]
 */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import * as Y from 'yjs';
import { encodeUpdate } from '../../../server/src/sync/messages.ts';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../server/test/testRooms.ts';
import { geoShape } from '../support/records.ts';
import { sleep, summarize } from './stats.ts';

const edits = Number(process.argv.find((a) => a.startsWith('--edits='))?.slice(8) ?? 3000);
const WARMUP = 500;
const GAPS_MS = [0, 1, 7];

const rooms = createTestRooms({ MAX_MESSAGES_PER_SECOND: '1000000' });
const room = await rooms.createRoom('blank');
const { session, socket } = rooms.connect(room, 'edit');
const client = clientDoc(room);
const ids = Array.from({ length: 30 }, (_, i) => `shape:cost${i}`);
/** The edit as the room receives it, then the end of its tick: `endTurn` alone is timed. */
const admit = (update: Uint8Array): number => {
  room.handleMessage(session, encodeUpdate(update));
  const started = performance.now();
  room.endTurn();
  const ms = performance.now() - started;
  if (socket.closed !== null) throw new Error(`refused: ${JSON.stringify(socket.closed)}`);
  return ms;
};
// The bare relay's document: the same updates, applied and nothing else.
const plain = new Y.Doc();
Y.applyUpdate(plain, Y.encodeStateAsUpdate(room.doc));
const relay = (update: Uint8Array): number => {
  const started = performance.now();
  Y.applyUpdate(plain, update);
  return performance.now() - started;
};
for (const id of ids) {
  const update = captureUpdate(client, () => recordIndex(client, TEXT_FIELDS).write(id, geoShape(id, 0)));
  admit(update);
  relay(update);
}
await nextTick();

let x = 1;
for (const gap of GAPS_MS) {
  const ours = { run: admit, times: [] as number[] };
  const bare = { run: relay, times: [] as number[] };
  for (let i = 0; i < WARMUP + edits; i++) {
    const id = ids[i % ids.length]!;
    const update = captureUpdate(client, () => recordIndex(client, TEXT_FIELDS).setFields(id, { x: x++ }));
    // Alternating which goes first, so neither always finds the core just woken.
    for (const step of i % 2 === 0 ? [ours, bare] : [bare, ours]) {
      if (gap > 0) await sleep(gap);
      const ms = step.run(update);
      if (i >= WARMUP) step.times.push(ms);
    }
    // Back to back, the persist queue still gets its tick now and then, so nothing piles up.
    if (gap === 0 && i % 50 === 0) await nextTick();
  }
  console.log(
    `idle gap ${gap} ms, ${edits} edits: ours ${summary(ours.times)}; bare relay (apply only) ${summary(bare.times)}`,
  );
}
await rooms.manager.stop();
process.exit(0);

function summary(times: readonly number[]): string {
  const { p50, p95, p99 } = summarize(times);
  return `p50 ${p50.toFixed(3)}, p95 ${p95.toFixed(3)}, p99 ${p99.toFixed(3)} ms`;
}
