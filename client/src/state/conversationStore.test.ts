import { CONVERSATION_ID, defaultConversation } from '@patroonkaart/model';
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
});
