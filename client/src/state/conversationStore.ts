/**
 * The conversation as this screen knows it, read from the room's document (the records of
 * packages/model, conversationRecords): the table's state, the answers and the votes. One zustand
 * store, fed by the document's record index; and the one way a conversation record is written
 * (conversation/conversationActions.ts for the conversation's own actions, history/ for the note
 * of a restore). Who I am is not here: state/meStore.ts owns that.
 */
import {
  type Answer,
  CONVERSATION_ID,
  type Conversation,
  conversationPatch,
  conversationWithoutServerFields,
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

/** The origin of every conversation write: its own, so tldraw's undo (the binding's) never reverts one. */
export const CONVERSATION_ORIGIN = 'patroonkaart.conversation';

/** Writes (or with null removes) one conversation record, as one transaction of its own. */
export function writeConversationRecord(
  doc: Y.Doc,
  id: string,
  record: Record<string, unknown> | null,
): void {
  doc.transact(() => recordIndex(doc).write(id, record), CONVERSATION_ORIGIN);
}

/**
 * Changes the table's conversation record, from the state this screen knows now: only the fields
 * that change are written, and never the server's own (SERVER_CONVERSATION_FIELDS: which rounds
 * are silent, how many answers wait), which the server refuses from any screen (4403). A field
 * this screen does not know, or the server wrote since, is left as it is.
 */
export function updateConversation(doc: Y.Doc, change: (c: Conversation) => Conversation): void {
  const current = useConversationStore.getState().conversation;
  const next = change(current);
  const index = recordIndex(doc);
  doc.transact(() => {
    if (!index.has(CONVERSATION_ID)) index.write(CONVERSATION_ID, conversationWithoutServerFields(next));
    else {
      const patch = conversationPatch(current, next);
      if (Object.keys(patch).length > 0) index.setFields(CONVERSATION_ID, patch);
    }
  }, CONVERSATION_ORIGIN);
}
