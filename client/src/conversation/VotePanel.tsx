/**
 * Votes while voting is open: "Herkenbaar?" for the pattern, each loop and each step, and "Draagt
 * mijn organisatie hieraan bij?" for each step. Below, the results per organisation.
 */
import {
  loopSubject,
  tallyByOrganisation,
  VOTE_VALUES,
  type VoteQuestion,
  type VoteValue,
  voteId,
} from '@patroonkaart/model';
import { useEditor, useValue } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { useLoopStore } from '../loopmap/loopStore.ts';
import { useMe } from '../state/meStore.ts';
import type { RoomConnection } from '../sync/RoomConnection.ts';
import { conversationActions as act } from './conversationActions.ts';
import { useConversationStore } from './conversationStore.ts';
import { summarise } from './voteSummary.ts';

interface Item {
  subject: string;
  label: string;
  questions: VoteQuestion[];
}

function useItems(): Item[] {
  const t = useT();
  const editor = useEditor();
  const loops = useLoopStore((s) => s.loops);
  const steps = useValue(
    'steps to vote on',
    () =>
      editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'loop-step')
        .map((s) => ({ id: s.id as string, text: String((s.props as { text?: string }).text ?? '') })),
    [editor],
  );
  return [
    { subject: 'pattern', label: t('vote.pattern'), questions: ['recognisable'] },
    ...loops.map((loop, i) => ({
      subject: loopSubject(loop.steps),
      label: loop.title || t('vote.loop', { n: i + 1 }),
      questions: ['recognisable'] as VoteQuestion[],
    })),
    ...steps.map((s) => ({
      subject: s.id,
      label: s.text.length > 60 ? `${s.text.slice(0, 58)}…` : s.text || '…',
      questions: ['recognisable', 'contributes'] as VoteQuestion[],
    })),
  ];
}

function VoteChoice({
  item,
  question,
  connection,
}: {
  item: Item;
  question: VoteQuestion;
  connection: RoomConnection;
}) {
  const t = useT();
  const author = useMe((s) => s.author);
  const mine = useConversationStore((s) =>
    author ? s.votes.find((v) => v.id === voteId(author, question, item.subject))?.value : undefined,
  );
  return (
    <label className="pk-vote">
      <span>{t(`vote.${question}`)}</span>
      <select
        value={mine ?? ''}
        aria-label={`${t(`vote.${question}`)} ${item.label}`}
        data-testid={`vote-${question}-${item.subject}`}
        onChange={(e) => {
          if (e.target.value) act.vote(connection.doc, question, item.subject, e.target.value as VoteValue);
        }}
      >
        <option value="">{t('vote.unset')}</option>
        {VOTE_VALUES.map((v) => (
          <option key={v} value={v}>
            {t(`vote.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function VotePanel({ connection, canVote }: { connection: RoomConnection; canVote: boolean }) {
  const t = useT();
  const votingOpen = useConversationStore((s) => s.conversation.votingOpen);
  const votes = useConversationStore((s) => s.votes);
  const items = useItems();
  const organisations = [...new Set(votes.map((v) => v.organisation))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  return (
    <section className="pk-talk__votes" aria-label={t('vote.title')}>
      <h3>{t('vote.title')}</h3>
      <p className="pk-hint" data-testid="voting-state">
        {votingOpen ? t('talk.voting.isOpen') : t('talk.voting.isClosed')}
      </p>
      {votingOpen && canVote ? (
        <ul className="pk-vote-items">
          {items.map((item) => (
            <li key={item.subject}>
              <span className="pk-vote-items__label">{item.label}</span>
              {item.questions.map((q) => (
                <VoteChoice key={q} item={item} question={q} connection={connection} />
              ))}
            </li>
          ))}
        </ul>
      ) : null}
      {votes.length === 0 ? (
        <p className="pk-hint">{t('vote.none')}</p>
      ) : (
        <table className="pk-vote-table" data-testid="vote-results">
          <caption>{t('vote.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vote.item')}</th>
              {organisations.map((o) => (
                <th key={o} scope="col">
                  {o || t('vote.noOrganisation')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.flatMap((item) =>
              item.questions.map((q) => {
                const rows = new Map(tallyByOrganisation(votes, item.subject, q));
                if (rows.size === 0) return null;
                return (
                  <tr key={`${item.subject}/${q}`}>
                    <th scope="row">
                      {item.label} <span className="pk-hint">{t(`vote.${q}`)}</span>
                    </th>
                    {organisations.map((o) => {
                      const tally = rows.get(o);
                      return <td key={o}>{tally ? summarise(tally, t) : ''}</td>;
                    })}
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
