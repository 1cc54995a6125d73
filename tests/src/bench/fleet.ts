/**
 * Many Yjs peers in this process, spread over rooms of one target: connect, sync, and give every
 * peer a geo shape of its own to edit (so each edit is one field set on one record, and every
 * value a peer observes on a shape was written by exactly one sender).
 */

import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { geoShape, writeSeed } from './records.ts';
import { waitFor } from './stats.ts';
import type { BenchClient, BenchRoom, RunningTarget } from './targets/index.ts';

export interface FleetPeer {
  client: BenchClient;
  room: number;
  shapeId: string;
}

export interface Fleet {
  rooms: BenchRoom[];
  /** peers[room][i] */
  peers: FleetPeer[][];
  all: FleetPeer[];
  close(): void;
}

const CONNECT_BATCH = 50;

export async function openFleet(
  target: RunningTarget,
  roomCount: number,
  peersPerRoom: number,
  options: { seed?: boolean } = {},
): Promise<Fleet> {
  const rooms: BenchRoom[] = [];
  for (let r = 0; r < roomCount; r++) rooms.push(await target.createRoom());
  const peers: FleetPeer[][] = rooms.map(() => []);
  const all: FleetPeer[] = [];
  const fleet: Fleet = {
    rooms,
    peers,
    all,
    close() {
      for (const p of all) p.client.destroy();
    },
  };
  try {
    const pending: { room: number; i: number }[] = [];
    for (let r = 0; r < roomCount; r++) for (let i = 0; i < peersPerRoom; i++) pending.push({ room: r, i });
    for (let start = 0; start < pending.length; start += CONNECT_BATCH) {
      const batch = pending.slice(start, start + CONNECT_BATCH).map(({ room, i }) => {
        const peer: FleetPeer = {
          client: rooms[room]!.connect(),
          room,
          shapeId: `shape:bench${room}x${i}`,
        };
        peers[room]!.push(peer);
        all.push(peer);
        return peer;
      });
      await Promise.all(batch.map((p) => p.client.whenSynced()));
    }
    // The relays that do not seed rooms get the same content from their first peer.
    if (options.seed !== false) {
      for (let r = 0; r < roomCount; r++) if (!rooms[r]!.seeded) writeSeed(peers[r]![0]!.client.doc);
    }
    for (const p of all) {
      const doc = p.client.doc;
      doc.transact(() => recordIndex(doc, TEXT_FIELDS).write(p.shapeId, geoShape(p.shapeId, 0)));
    }
    const ok = await waitFor(
      () =>
        all.every((p) => peers[p.room]!.every((q) => recordIndex(p.client.doc, TEXT_FIELDS).has(q.shapeId))),
      20_000,
      50,
    );
    if (!ok) throw new Error(`${target.name}: not every peer saw every shape of its room`);
    return fleet;
  } catch (error) {
    fleet.close();
    throw error;
  }
}

/** One edit: set a field of the peer's own shape in one transaction. */
export function edit(peer: FleetPeer, field: string, value: number): void {
  const doc = peer.client.doc;
  if (!recordIndex(doc, TEXT_FIELDS).has(peer.shapeId)) throw new Error(`missing ${peer.shapeId}`);
  doc.transact(() => recordIndex(doc, TEXT_FIELDS).setFields(peer.shapeId, { [field]: value }));
}
