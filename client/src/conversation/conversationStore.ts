/**
 * The conversation as this screen knows it, read from the room's document (the records of
 * packages/model, conversationRecords): the table's state, the answers and the votes. One zustand
 * store, fed by the document's record index. Who I am is not here: state/meStore.ts owns that.
 */
import {
  type Answer,
  CONVERSATION_ID,
  type Conversation,
  defaultConversation,
  isConversationType,
  readConversation,
  type Vote,
} from '@patroonkaart/model';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';
import { create } from 'zustand';

export interface ConversationState {
  conversation: Conversation;
  answers: Answer[];
  votes: Vote[];
}

export const useConversationStore = create<ConversationState>(() => ({
  conversation: defaultConversation(),
  answers: [],
  votes: [],
}));

/** Keeps the store in step with `doc` until the returned function is called. */
export function watchConversation(doc: Y.Doc): () => void {
  const index = recordIndex(doc);
  const read = () => {
    const answers: Answer[] = [];
    const votes: Vote[] = [];
    let conversation = defaultConversation();
    for (const id of index.ids()) {
      const record = index.get(id);
      if (!record || !isConversationType(record.typeName)) continue;
      if (id === CONVERSATION_ID) conversation = readConversation(record as Partial<Conversation>);
      else if (record.typeName === 'answer') answers.push(record as unknown as Answer);
      else if (record.typeName === 'vote') votes.push(record as unknown as Vote);
    }
    useConversationStore.setState({ conversation, answers, votes });
  };
  read();
  return index.onChange((changes) => {
    const touched = [...changes.added, ...changes.removed, ...changes.fields.keys()];
    if (touched.some((id) => /^(conversation|answer|vote):/.test(id))) read();
  });
}
