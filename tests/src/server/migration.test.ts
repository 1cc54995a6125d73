/**
 * Migration on load, against the real server: a room stored by an older schema (loop steps at
 * version 0, without `organisation`) is brought to the current schema when it loads, the migration
 * is stored, and every client receives current records.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { docMetaMap, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rawPeer } from '../support/rawSocket.ts';
import { records } from '../support/records.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.cleanup();
});

type Schema = { sequences: Record<string, number> };

/** Rewrites the stored room as the older server would have written it. */
function downgrade(dataDir: string, roomId: string): void {
  const db = new DatabaseSync(join(dataDir, 'patroonkaart.sqlite'));
  try {
    const { data } = db.prepare('SELECT data FROM snapshots WHERE room_id = ?').get(roomId) as {
      data: Uint8Array;
    };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, data);
    doc.transact(() => {
      const view = records(doc);
      for (const record of view.values()) {
        if (record.type === 'loop-step') view.setField(record.id as string, 'props.organisation', undefined);
      }
      const schema = docMetaMap(doc).get(SCHEMA_KEY) as Schema;
      docMetaMap(doc).set(SCHEMA_KEY, {
        ...schema,
        sequences: { ...schema.sequences, 'com.tldraw.shape.loop-step': 0 },
      });
    });
    db.prepare('UPDATE snapshots SET data = ? WHERE room_id = ?').run(Y.encodeStateAsUpdate(doc), roomId);
    db.prepare('DELETE FROM updates WHERE room_id = ?').run(roomId);
  } finally {
    db.close();
  }
}

const organisations = (doc: Y.Doc) =>
  [...records(doc).values()]
    .filter((r) => r.type === 'loop-step')
    .map((r) => (r.props as Record<string, unknown>).organisation);

describe('migration on load', () => {
  it('migrates a room stored by an older schema when it loads, and stores the migration', async () => {
    const first = await startTestServer();
    servers.push(first);
    const room = await first.createRoom('structuur-lost-alles-op');
    await first.stop();
    downgrade(first.dataDir, room.roomId);

    const second = await first.restart();
    servers.push(second);
    const peer = await rawPeer(second.wsUrl, room.roomId, room.tokens.view);
    expect(organisations(peer.doc)).toEqual(new Array(6).fill(''));
    expect((docMetaMap(peer.doc).get(SCHEMA_KEY) as Schema).sequences['com.tldraw.shape.loop-step']).toBe(1);
    peer.ws.close();
    await eventually(() => second.logs.join('').includes('"migrated":6'), 2000, 'the load log line');
    // Stored before anyone saw it: it survives even a SIGKILL.
    await second.kill();

    const third = await first.restart();
    servers.push(third);
    const again = await rawPeer(third.wsUrl, room.roomId, room.tokens.view);
    expect(organisations(again.doc)).toEqual(new Array(6).fill(''));
    again.ws.close();
    expect(third.logs.join('')).not.toContain('failed to migrate');
  });
});
