/**
 * Texts are checked like the records they belong to, also when that record is gone: only its
 * declared text fields, no more characters than a field holds, and only so many new texts per
 * update and per record (TEXT_ROOT_LIMITS). What a removed record's text still receives is tidied.
 */
import { MAX_TEXT_LENGTH, TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex, TEXT_ROOT_LIMITS, type TextEdit } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { captureUpdate, clientDoc, createTestRooms, nextTick } from '../../../test/testRooms.ts';
import { encodeUpdate } from '../../sync/messages.ts';
import type { Room } from '../Room.ts';
import { checkTextEdits } from './checkTextEdits.ts';

async function send(room: Room, t: ReturnType<typeof createTestRooms>, doc: Y.Doc, change: () => void) {
  const partner = t.connect(room, 'edit');
  room.handleMessage(partner.session, encodeUpdate(captureUpdate(doc, change)));
  await nextTick();
  return partner.socket.closed?.code ?? null;
}

/** A room with a step added and then removed; a partner's copy from before the removal. */
async function removedStep() {
  const t = createTestRooms();
  const room = await t.createRoom();
  const index = recordIndex(room.doc);
  const step = index.get(index.ids().find((id) => index.field(id, 'type') === 'loop-step')!)!;
  const doc = clientDoc(room);
  const record = { ...step, id: 'shape:gone', index: 'a9' };
  expect(await send(room, t, doc, () => recordIndex(doc).write(record.id, record))).toBeNull();
  const stale = clientDoc(room);
  expect(await send(room, t, doc, () => recordIndex(doc).write(record.id, null))).toBeNull();
  return { t, room, stale };
}

const storedText = (doc: Y.Doc, name: string) => (doc.share.has(name) ? doc.getText(name).toString() : '');

describe('texts of a removed card', () => {
  it('refuses texts on fields that are not text fields (400 x 2,000 characters were stored before)', async () => {
    const { t, room, stale } = await removedStep();
    const junk = () => stale.getText('text:shape:gone#meta.junk0').insert(0, 'x'.repeat(MAX_TEXT_LENGTH));
    expect(await send(room, t, stale, junk)).toBe(4409);
    expect(t.storedDoc(room).share.has('text:shape:gone#meta.junk0')).toBe(false);
  });

  it('refuses a text written and deleted at once on a field that is not a text (an empty root is still a root)', async () => {
    const { t, room, stale } = await removedStep();
    const ghost = () => {
      const text = stale.getText('text:shape:gone#props.w');
      text.insert(0, 'x');
      text.delete(0, 1);
    };
    expect(await send(room, t, stale, ghost)).toBe(4409);
  });

  it('takes typing into a step another partner removed, then clears it; refuses past the field length', async () => {
    const { t, room, stale } = await removedStep();
    const typing = () => stale.getText('text:shape:gone#props.text').insert(0, 'nog even');
    expect(await send(room, t, stale, typing)).toBeNull();
    expect(storedText(t.storedDoc(room), 'text:shape:gone#props.text')).toBe('');
    const tooLong = () =>
      stale.getText('text:shape:gone#props.utterance').insert(0, 'y'.repeat(MAX_TEXT_LENGTH + 1));
    expect(await send(room, t, stale, tooLong)).toBe(4409);
  });

  it('refuses more texts for one record than TEXT_ROOT_LIMITS.rootsPerRecord', async () => {
    const { t, room, stale } = await removedStep();
    const fields = ['props.text', 'props.name', 'props.utterance', 'props.what', 'props.who'];
    expect(fields.length).toBeGreaterThan(TEXT_ROOT_LIMITS.rootsPerRecord);
    const many = () => {
      for (const f of fields) stale.getText(`text:shape:gone#${f}`).insert(0, 'x');
    };
    expect(await send(room, t, stale, many)).toBe(4409);
  });
});

describe('new texts per update', () => {
  it('refuses an update that starts more than TEXT_ROOT_LIMITS.newRootsPerUpdate texts', () => {
    const edits: TextEdit[] = Array.from({ length: TEXT_ROOT_LIMITS.newRootsPerUpdate + 1 }, (_, i) => ({
      recordId: `shape:s${i}`,
      field: 'props.text',
      inserted: 1,
      newRoot: true,
    }));
    const view = {
      ids: () => [],
      has: () => true,
      get: () => null,
      field: (_id: string, f: string) => (f === 'typeName' ? 'shape' : 'loop-step'),
      fieldCount: () => 0,
    };
    const checked = checkTextEdits(new Y.Doc(), edits, view, new Set(), () => false, TEXT_FIELDS);
    expect(checked.ok).toBe(false);
    expect(checkTextEdits(new Y.Doc(), edits.slice(1), view, new Set(), () => false, TEXT_FIELDS).ok).toBe(
      true,
    );
  });
});
