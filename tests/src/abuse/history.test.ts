/**
 * The trust boundary, room history: what a partner's link can make the server keep. Against the
 * real server process over real sockets; the facilitator reads the history over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { loopStep, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

interface Point {
  reason: string;
  bytes: number;
}

async function history(roomId: string, token: string): Promise<Point[]> {
  const res = await fetch(`${server.url}/api/rooms/${roomId}/history`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { points: Point[] }).points;
}

describe('restore points a partner can cause', () => {
  it('twelve cycles of "add six steps, delete them" make at most one point before a deletion', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const partner = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view);
    const seen = () => viewer.received.length;
    for (let cycle = 0; cycle < 12; cycle++) {
      const ids = Array.from({ length: 6 }, (_, i) => `shape:c${cycle}s${i}`);
      for (const change of [
        () => {
          for (const id of ids) records(partner.doc).set(id, loopStep(id, { text: `stap ${id}` }));
        },
        () => {
          for (const id of ids) records(partner.doc).delete(id);
        },
      ]) {
        const before = seen();
        partner.send(syncUpdate(updateOf(partner.doc, change)));
        // Relayed to the viewer: stored, and its restore point (if any) on its way.
        await eventually(() => seen() > before, 5000, 'the change relayed');
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    const points = await history(room.roomId, room.tokens.facilitator);
    expect(points.filter((p) => p.reason === 'before-delete').length).toBeLessThanOrEqual(1);
    expect(points.length).toBeLessThanOrEqual(2);
    expect(points.every((p) => p.bytes > 0)).toBe(true);
    partner.ws.close();
    viewer.ws.close();
  });
});
