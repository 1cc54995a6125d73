/**
 * The text-root flood of issue 35 (finding 3), for the abuse scenario: 15,000 new texts sent in
 * updates, once as the attack did (one character each, on fields of a step another partner just
 * removed: refused at the first update now) and once within the rules (7,500 new cards with two
 * texts each: accepted, so the server indexes every new root). Root names used to be found by
 * scanning every root per changed root: /healthz stalled 1.5 to 10.9 s.
 */
import * as Y from 'yjs';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import type { TestServer } from '../support/server.ts';
import { sleep } from './stats.ts';

export const FLOOD_ROOTS = 15_000;

type WorstHealth = (server: TestServer, attack: () => Promise<void>) => Promise<number>;

export interface TextFloodResult {
  refusedMs: number;
  acceptedMs: number;
  /** A newcomer's join of the flooded room, first message to synced. */
  joinMs: number;
}

export async function textFlood(server: TestServer, worstHealth: WorstHealth): Promise<TextFloodResult> {
  const room = await server.createRoom('van-niemand-en-toch-van-iedereen');
  const writer = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
  const behaviour = records(writer.doc)
    .values()
    .find((r) => r.type === 'behaviour')!;
  const step = records(writer.doc)
    .values()
    .find((r) => r.type === 'loop-step')!;
  const gone = { ...step, id: 'shape:kortstondig' };
  writer.send(syncUpdate(updateOf(writer.doc, () => records(writer.doc).set(gone.id, gone))));
  writer.send(syncUpdate(updateOf(writer.doc, () => records(writer.doc).delete(gone.id))));
  await sleep(200);

  const refusedMs = await worstHealth(server, async () => {
    const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
    let n = 0;
    for (let u = 0; u < 4; u++)
      rogue.send(
        syncUpdate(
          updateOf(rogue.doc, () => {
            for (let i = 0; i < FLOOD_ROOTS / 4; i++)
              rogue.doc.getText(`text:${gone.id}#meta.f${n++}`).insert(0, 'x');
          }),
        ),
      );
    await rogue.closed;
  });

  const cards = FLOOD_ROOTS / 2;
  const perUpdate = 625;
  const acceptedMs = await worstHealth(server, async () => {
    for (let u = 0; u < cards / perUpdate; u++) {
      writer.send(
        syncUpdate(
          updateOf(writer.doc, () => {
            for (let i = 0; i < perUpdate; i++) {
              const id = `shape:flood${u}x${i}`;
              records(writer.doc).set(id, {
                ...behaviour,
                id,
                props: { ...(behaviour.props as object), name: `n${i}`, utterance: `u${i}` },
              });
            }
          }),
        ),
      );
      await sleep(50);
    }
    await sleep(500);
  });
  if (writer.ws.readyState !== writer.ws.OPEN)
    throw new Error(`the honest flood was refused: ${JSON.stringify(await writer.closed)}`);
  writer.ws.close();
  const started = performance.now();
  const viewer = await rawPeer(server.wsUrl, room.roomId, room.tokens.view, new Y.Doc());
  const joinMs = performance.now() - started;
  const roots = [...viewer.doc.share.keys()].filter((name) => name.startsWith('text:shape:flood')).length;
  viewer.ws.close();
  if (roots < FLOOD_ROOTS) throw new Error(`the flooded room holds ${roots} texts, not ${FLOOD_ROOTS}`);
  return { refusedMs, acceptedMs, joinMs };
}
