import { type Answer, MAX_ANSWER_CHARS, voteId } from '@patroonkaart/model';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';

const user = { id: 'u1', name: 'Ans', organisation: 'Gemeente', secret: 's'.repeat(32), confirmed: true };

/** The actions over a store that knows `user` and has derived its author key. */
async function load() {
  vi.stubGlobal('localStorage', {
    getItem: () => JSON.stringify(user),
    setItem: () => {},
  });
  const { useMe } = await import('../state/meStore.ts');
  await vi.waitFor(() => expect(useMe.getState().author).not.toBeNull());
  const { conversationActions } = await import('./conversationActions.ts');
  const { useConversationStore, watchConversation } = await import('../state/conversationStore.ts');
  return {
    act: conversationActions,
    author: useMe.getState().author!,
    useConversationStore,
    watchConversation,
  };
}

let env: Awaited<ReturnType<typeof load>>;
beforeAll(async () => {
  env = await load();
  return () => vi.unstubAllGlobals();
});

const records = (doc: Y.Doc, typeName: string) => {
  const index = recordIndex(doc);
  return index
    .ids()
    .map((id) => index.get(id) as Record<string, unknown>)
    .filter((r) => r.typeName === typeName);
};

describe('what partners do in the conversation', () => {
  it('writes an answer in my name, trimmed and cut, and never an empty one', () => {
    const doc = new Y.Doc();
    env.act.addAnswer(doc, 2, `  ${'a'.repeat(MAX_ANSWER_CHARS + 10)}  `);
    env.act.addAnswer(doc, 2, '   ');
    const [answer] = records(doc, 'answer');
    expect(records(doc, 'answer')).toHaveLength(1);
    expect(answer).toMatchObject({ round: 2, author: env.author, name: 'Ans', organisation: 'Gemeente' });
    expect(answer!.text).toBe('a'.repeat(MAX_ANSWER_CHARS));
  });

  it('edits and removes an answer', () => {
    const doc = new Y.Doc();
    env.act.addAnswer(doc, 1, 'eerst');
    const first = records(doc, 'answer')[0] as unknown as Answer;
    env.act.editAnswer(doc, first, '  daarna ');
    expect(records(doc, 'answer')[0]!.text).toBe('daarna');
    env.act.editAnswer(doc, first, '   ');
    expect(records(doc, 'answer')[0]!.text).toBe('daarna');
    env.act.removeAnswer(doc, first);
    expect(records(doc, 'answer')).toEqual([]);
  });

  it('keeps one vote per author, question and subject: a new choice replaces the old', () => {
    const doc = new Y.Doc();
    const voter = { key: env.author, anonymous: false };
    env.act.vote(doc, 'recognisable', 'shape:a', 'yes', voter);
    env.act.vote(doc, 'recognisable', 'shape:a', 'no', voter);
    expect(records(doc, 'vote')).toEqual([
      expect.objectContaining({
        id: voteId(env.author, 'recognisable', 'shape:a'),
        value: 'no',
        name: 'Ans',
        organisation: 'Gemeente',
      }),
    ]);
  });

  it('votes anonymously under the ballot key, with the organisation and no name', () => {
    const doc = new Y.Doc();
    const ballot = 'b'.repeat(24);
    env.act.vote(doc, 'contributes', 'shape:a', 'somewhat', { key: ballot, anonymous: true });
    const [vote] = records(doc, 'vote');
    expect(vote).toEqual(
      expect.objectContaining({ id: voteId(ballot, 'contributes', 'shape:a'), author: ballot, name: '' }),
    );
    expect(vote!.organisation).toBe('Gemeente');
    expect(JSON.stringify(records(doc, 'vote'))).not.toContain(env.author);
    expect(JSON.stringify(records(doc, 'vote'))).not.toContain('Ans');
  });

  it("changes the table's conversation from what this screen knows", () => {
    const doc = new Y.Doc();
    const stop = env.watchConversation(doc);
    env.act.startRound(doc, 1);
    env.act.setVotingOpen(doc, true);
    const { conversation } = env.useConversationStore.getState();
    expect(conversation.round).toBe(1);
    expect(conversation.timer).toBe('running');
    expect(conversation.votingOpen).toBe(true);
    stop();
  });
});
