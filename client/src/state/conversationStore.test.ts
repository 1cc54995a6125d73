import { CONVERSATION_ID, defaultConversation } from '@patroonkaart/model';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CONVERSATION_ORIGIN,
  updateConversation,
  useConversationStore,
  watchConversation,
  writeConversationRecord,
} from './conversationStore.ts';

const answer = (id: string, text: string) => ({
  id,
  typeName: 'answer',
  round: 1,
  text,
  author: 'a'.repeat(24),
  name: 'Ans',
  organisation: 'Gemeente',
  createdAt: 1,
});

let stop = () => {};
afterEach(() => {
  stop();
  useConversationStore.setState({ conversation: defaultConversation(), answers: [], votes: [] });
});

describe("the conversation's store", () => {
  it("follows the room's document: the conversation, its answers and votes, nothing else", () => {
    const doc = new Y.Doc();
    stop = watchConversation(doc);
    expect(useConversationStore.getState().conversation).toEqual(defaultConversation());
    writeConversationRecord(doc, 'answer:1', answer('answer:1', 'Wij wachten af'));
    writeConversationRecord(doc, 'shape:x', { id: 'shape:x', typeName: 'shape', type: 'loop-step' });
    expect(useConversationStore.getState().answers.map((a) => a.text)).toEqual(['Wij wachten af']);
    writeConversationRecord(doc, 'answer:1', null);
    expect(useConversationStore.getState().answers).toEqual([]);
  });

  it('stops following when told', () => {
    const doc = new Y.Doc();
    watchConversation(doc)();
    writeConversationRecord(doc, 'answer:2', answer('answer:2', 'later'));
    expect(useConversationStore.getState().answers).toEqual([]);
  });

  it("changes the conversation from the state this screen knows, in a transaction of the conversation's own", () => {
    const doc = new Y.Doc();
    stop = watchConversation(doc);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    updateConversation(doc, (c) => ({ ...c, votingOpen: true }));
    updateConversation(doc, (c) => ({ ...c, lastRestore: { at: 5, to: 3, undo: 7 } }));
    const { conversation } = useConversationStore.getState();
    expect(conversation.id).toBe(CONVERSATION_ID);
    expect(conversation.votingOpen).toBe(true);
    expect(conversation.lastRestore).toEqual({ at: 5, to: 3, undo: 7 });
    expect(origins).toEqual([CONVERSATION_ORIGIN, CONVERSATION_ORIGIN]);
  });

  it("writes only what changes, and never the server's fields of a silent round", () => {
    const doc = new Y.Doc();
    stop = watchConversation(doc);
    updateConversation(doc, (c) => ({ ...c, round: 2 }));
    // The server marks round 3 silent and counts an answer waiting (rooms/silent).
    doc.transact(() =>
      recordIndex(doc).setFields(CONVERSATION_ID, { silentRounds: [3], waiting: [0, 0, 1, 0, 0] }),
    );
    const written: number[] = [];
    doc.on('update', (u: Uint8Array) => written.push(u.byteLength));
    // A screen whose idea of them is stale (or that tries to change them) leaves them alone.
    updateConversation(doc, (c) => ({ ...c, votingOpen: true, silentRounds: [], waiting: [0, 0, 0, 0, 0] }));
    const record = recordIndex(doc).get(CONVERSATION_ID)!;
    expect(record.votingOpen).toBe(true);
    expect(record.silentRounds).toEqual([3]);
    expect(record.waiting).toEqual([0, 0, 1, 0, 0]);
    expect(written).toHaveLength(1);
    // Nothing changed: nothing written.
    updateConversation(doc, (c) => ({ ...c }));
    expect(written).toHaveLength(1);
    // A first write makes the whole record, without the server's fields.
    const fresh = new Y.Doc();
    updateConversation(fresh, (c) => ({ ...c, round: 1 }));
    expect(Object.keys(recordIndex(fresh).get(CONVERSATION_ID)!)).not.toContain('silentRounds');
  });
});
