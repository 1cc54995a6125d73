/**
 * Zero loss: two partners edit continuously, a third peer records every update the server relays,
 * the server is killed with SIGKILL mid-stream, and the restarted server must hold every update
 * that peer had received (an update is relayed only once it is durable).
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rawPeer } from '../support/rawSocket.ts';
import { geoShape, records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectPeer, type NodePeer, whenSynced } from '../support/yclient.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.cleanup();
});

function stateVector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

describe('SIGKILL while two partners edit', () => {
  it('loses no update that any peer received', async () => {
    const server = await startTestServer();
    servers.push(server);
    const room = await server.createRoom('blank');
    const editors = [
      connectPeer(server.wsUrl, room.roomId, room.tokens.edit),
      connectPeer(server.wsUrl, room.roomId, room.tokens.facilitator),
    ];
    const observer = connectPeer(server.wsUrl, room.roomId, room.tokens.view);
    const peers: NodePeer[] = [...editors, observer];
    await Promise.all(peers.map((p) => whenSynced(p)));

    let received = 0;
    observer.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === observer.provider) received++;
    });

    // Each editor owns two shapes and keeps moving them.
    editors.forEach((peer, e) => {
      peer.doc.transact(() => {
        for (const k of [0, 1]) records(peer.doc).set(`shape:e${e}k${k}`, geoShape(`shape:e${e}k${k}`, 0));
      });
    });
    let step = 0;
    const editing = setInterval(() => {
      step++;
      editors.forEach((peer, e) => {
        peer.doc.transact(() => {
          for (const k of [0, 1]) records(peer.doc).setField(`shape:e${e}k${k}`, 'x', step);
        });
      });
    }, 8);

    await new Promise((r) => setTimeout(r, 3000));
    await server.kill(); // mid-stream: the editors are still sending
    clearInterval(editing);
    // Freeze what each peer holds: no reconnect may resend anything to the new server.
    for (const p of peers) p.provider.disconnect();
    const observed = Y.encodeStateAsUpdate(observer.doc);
    const observedVector = stateVector(observer.doc);
    const observedRecords = records(observer.doc).toJSON();
    for (const p of peers) p.destroy();

    expect(received).toBeGreaterThan(200);
    expect(observedVector.size).toBeGreaterThanOrEqual(2);

    const restarted = await server.restart();
    servers.push(restarted);
    const fresh = await rawPeer(restarted.wsUrl, room.roomId, room.tokens.view);
    fresh.ws.close();

    // The restored document's state vector dominates the observer's, client by client ...
    const restoredVector = stateVector(fresh.doc);
    for (const [client, clock] of observedVector) {
      expect(restoredVector.get(client) ?? 0, `client ${client}`).toBeGreaterThanOrEqual(clock);
    }
    // ... and the observer's state adds nothing to it: no struct it saw is missing.
    const missing = Y.decodeUpdate(Y.diffUpdate(observed, Y.encodeStateVector(fresh.doc)));
    expect(missing.structs).toEqual([]);
    const before = JSON.stringify(records(fresh.doc).toJSON());
    Y.applyUpdate(fresh.doc, observed);
    expect(JSON.stringify(records(fresh.doc).toJSON())).toBe(before);
    // Every shape the observer saw is there, at least as far along as the observer saw it.
    for (const [id, record] of Object.entries(observedRecords)) {
      if (!id.startsWith('shape:e')) continue;
      const x = (record as { x: number }).x;
      expect(records(fresh.doc).get(id)?.x as number, id).toBeGreaterThanOrEqual(x);
    }
  });
});
