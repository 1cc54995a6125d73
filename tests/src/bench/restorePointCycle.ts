/**
 * The restore-point cycle of the abuse bench (issue 35, finding 5): in a room of about 2.8 MB a
 * partner adds six steps and deletes them, twelve times. Each deletion used to make a whole-room
 * restore point, encoded and written on the event loop (about 29 MiB in all). The figures: the
 * worst /healthz meanwhile, and the bytes the room's history holds afterwards against
 * RESTORE_POINT_BYTES_PER_ROOM.
 */
import * as Y from 'yjs';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { loopStep, records } from '../support/records.ts';
import type { TestServer } from '../support/server.ts';
import { sleep } from './stats.ts';

const ROOM_BYTES = 2.4 * 1024 * 1024; // of texts: with the rest of each record, about 2.8 MB
const CYCLES = 12;
/** The server's default RESTORE_POINT_BYTES_PER_ROOM. */
export const HISTORY_BUDGET_BYTES = 64 * 1024 * 1024;

export interface RestorePointFigures {
  worstHealthMs: number;
  historyBytes: number;
  points: number;
  roomBytes: number;
}

/** Steps with full texts until the room holds about ROOM_BYTES. */
async function roomOf(server: TestServer) {
  const room = await server.createRoom('structuur-lost-alles-op');
  const writer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const perStep = 2300;
  const batches = Math.ceil(ROOM_BYTES / (350 * perStep));
  for (let b = 0; b < batches; b++) {
    writer.send(
      syncUpdate(
        updateOf(writer.doc, () => {
          for (let i = 0; i < 350; i++) {
            const id = `shape:r${b}s${i}`;
            records(writer.doc).set(id, loopStep(id, { text: `${b}-${i} `.repeat(250).slice(0, 2000) }));
          }
        }),
      ),
    );
    await sleep(150);
  }
  writer.ws.close();
  return room;
}

async function historyOf(server: TestServer, roomId: string, token: string) {
  const res = await fetch(`${server.url}/api/rooms/${roomId}/history`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { points: { bytes: number }[] }).points;
}

/** `worstHealth` runs the attack while /healthz is polled from another process (abuse.ts). */
export async function restorePointCycle(
  server: TestServer,
  worstHealth: (attack: () => Promise<void>) => Promise<number>,
): Promise<RestorePointFigures> {
  const room = await roomOf(server);
  const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
  viewer.ws.close();
  const roomBytes = Y.encodeStateAsUpdate(viewer.doc).byteLength;
  const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const send = (change: (doc: Y.Doc) => void) =>
    partner.send(syncUpdate(updateOf(partner.doc, () => change(partner.doc))));
  const worstHealthMs = await worstHealth(async () => {
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const ids = Array.from({ length: 6 }, (_, i) => `shape:cycle${cycle}s${i}`);
      send((doc) => {
        for (const id of ids) records(doc).set(id, { ...loopStep(id), y: 4000 + cycle * 10 });
      });
      await sleep(100);
      send((doc) => {
        for (const id of ids) records(doc).delete(id);
      });
      await sleep(100);
    }
  });
  partner.ws.close();
  const points = await historyOf(server, room.roomId, room.tokens.facilitator);
  return {
    worstHealthMs,
    historyBytes: points.reduce((sum, p) => sum + p.bytes, 0),
    points: points.length,
    roomBytes,
  };
}
