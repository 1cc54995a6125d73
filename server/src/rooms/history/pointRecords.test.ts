import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import { docMetaMap, recordIndex, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientDoc, createTestRooms } from '../../../test/testRooms.ts';
import { changesToRestore, pointRecords, type Rules } from './pointRecords.ts';

const rules: Rules = {
  schema: createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>,
  textFields: TEXT_FIELDS,
};

describe('a restore point read off the event loop', () => {
  it('puts back only what differs: a moved step, a removed one, and removes one added since', async () => {
    const t = createTestRooms();
    const room = await t.createRoom();
    const doc = clientDoc(room);
    const point = Y.encodeStateAsUpdate(doc);
    const index = recordIndex(doc, TEXT_FIELDS);
    const steps = index.ids().filter((id) => index.field(id, 'type') === 'loop-step');
    const [moved, removed] = steps as [string, string];
    const movedAt = index.field(moved, 'x');
    const removedAt = index.field(removed, 'x');
    doc.transact(() => {
      index.setFields(moved, { x: 9999 });
      index.write('shape:added', { ...index.get(removed)!, id: 'shape:added' });
      index.write(removed, null);
      // A conversation record made since is not part of the map: a restore leaves it.
      index.write('answer:1', { id: 'answer:1', typeName: 'answer', text: 'ja' });
    });

    const changes = changesToRestore(point, Y.encodeStateAsUpdate(doc), rules)!;
    expect(changes.map(([id, r]) => [id, r === null ? null : (r.x as number)]).sort()).toEqual(
      [
        [moved, movedAt],
        [removed, removedAt],
        ['shape:added', null],
      ].sort(),
    );
    expect(pointRecords(point, rules)!.some((r) => r.id === 'answer:1')).toBe(false);
    expect(changesToRestore(point, point, rules)).toEqual([]);
  });

  it('reads nothing from a point of a newer schema than this server', () => {
    const doc = new Y.Doc();
    docMetaMap(doc).set(SCHEMA_KEY, { schemaVersion: 2, sequences: { 'com.tldraw.store': 99 } });
    expect(pointRecords(Y.encodeStateAsUpdate(doc), rules)).toBeNull();
  });
});
