/**
 * What partners and the facilitator do in the conversation, as writes to the room's document.
 * Each is one transaction with its own origin, so tldraw's undo (the binding's) never reverts a
 * vote or a round. The server checks every one of them (who may, and whether it is valid).
 */
import {
  type Answer,
  endConversation,
  MAX_ANSWER_CHARS,
  openVoting,
  pauseTimer,
  planRound,
  reopenConversation,
  resumeTimer,
  setDuration,
  startRound,
  type Vote,
  type VoteQuestion,
  type VoteValue,
  voteId,
} from '@patroonkaart/model';
import type * as Y from 'yjs';
import { updateConversation, writeConversationRecord as write } from '../state/conversationStore.ts';
import { signature, useMe } from '../state/meStore.ts';
import { serverNow } from '../sync/serverClock.ts';

/** Under which key I vote now (useVoter), and whether that is anonymously. */
export interface Voter {
  key: string | null;
  anonymous: boolean;
}

export const conversationActions = {
  startRound: (doc: Y.Doc, round: number) =>
    updateConversation(doc, (c) => startRound(c, round, serverNow())),
  pause: (doc: Y.Doc) => updateConversation(doc, (c) => pauseTimer(c, serverNow())),
  resume: (doc: Y.Doc) => updateConversation(doc, (c) => resumeTimer(c, serverNow())),
  /** The current round's minutes (round 1's before the start): its timer and its plan. */
  setMinutes: (doc: Y.Doc, minutes: number) =>
    updateConversation(doc, (c) =>
      planRound(setDuration(c, minutes * 60_000), Math.max(1, c.round), minutes),
    ),
  planRound: (doc: Y.Doc, round: number, minutes: number) =>
    updateConversation(doc, (c) => planRound(c, round, minutes)),
  end: (doc: Y.Doc, mapOpenAfterEnd: boolean) =>
    updateConversation(doc, (c) => endConversation(c, mapOpenAfterEnd)),
  reopen: (doc: Y.Doc) => updateConversation(doc, (c) => reopenConversation(c)),
  showResults: (doc: Y.Doc, shown: boolean) =>
    updateConversation(doc, (c) => ({ ...c, resultsShown: shown })),
  setVotingOpen: (doc: Y.Doc, open: boolean) => updateConversation(doc, (c) => ({ ...c, votingOpen: open })),
  openVoting: (doc: Y.Doc, anonymous: boolean) => updateConversation(doc, (c) => openVoting(c, anonymous)),
  setTemplateLocked: (doc: Y.Doc, locked: boolean) =>
    updateConversation(doc, (c) => ({ ...c, templateLocked: locked })),

  addAnswer(doc: Y.Doc, round: number, text: string): void {
    const author = useMe.getState().author;
    const trimmed = text.trim().slice(0, MAX_ANSWER_CHARS);
    if (!author || !trimmed) return;
    const id = `answer:${crypto.randomUUID()}`;
    const answer: Answer = {
      id,
      typeName: 'answer',
      round,
      text: trimmed,
      author,
      ...signature(),
      createdAt: serverNow(),
    };
    write(doc, id, { ...answer });
  },

  editAnswer(doc: Y.Doc, answer: Answer, text: string): void {
    const trimmed = text.trim().slice(0, MAX_ANSWER_CHARS);
    if (trimmed) write(doc, answer.id, { ...answer, text: trimmed });
  },

  removeAnswer: (doc: Y.Doc, answer: Answer) => write(doc, answer.id, null),

  /**
   * My vote, under my author key with my name, or while voting is anonymous under my ballot key
   * with no name (the organisation stays: results are per organisation, see model voteRows).
   */
  vote(doc: Y.Doc, question: VoteQuestion, subject: string, value: VoteValue, voter: Voter): void {
    if (!voter.key) return;
    const id = voteId(voter.key, question, subject);
    const { name, organisation } = signature();
    const vote: Vote = {
      id,
      typeName: 'vote',
      author: voter.key,
      name: voter.anonymous ? '' : name,
      organisation,
      question,
      subject,
      value,
    };
    write(doc, id, { ...vote });
  },
};
