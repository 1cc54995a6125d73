/**
 * Every vote as a list, for the list view (keyboard and screen reader first): while voting is open
 * "Herkenbaar?" for the pattern (and each loop, when there are several) and both questions for
 * each step, in the order of the loop. Below, the results per organisation.
 */
import { VOTE_VALUES, type VoteQuestion, type VoteValue, voteId } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { conversationActions as act } from './conversationActions.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { useVoter } from './useVoter.ts';
import { useVoteItems, type VoteItem } from './voteItems.ts';

function VoteChoice({ item, question }: { item: VoteItem; question: VoteQuestion }) {
  const t = useT();
  const { connection } = useRoomContext();
  const voter = useVoter();
  const mine = useConversationStore((s) =>
    voter.key
      ? s.votes.find((v) => v.id === voteId(voter.key ?? '', question, item.subject))?.value
      : undefined,
  );
  return (
    <label className="pk-vote">
      <span>{t(`vote.${question}`)}</span>
      <select
        value={mine ?? ''}
        aria-label={`${t(`vote.${question}`)} ${item.label}`}
        data-testid={`vote-${question}-${item.subject}`}
        onChange={(e) => {
          if (e.target.value)
            act.vote(connection.doc, question, item.subject, e.target.value as VoteValue, voter);
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

export function VotePanel({ canVote }: { canVote: boolean }) {
  const t = useT();
  const votingOpen = useConversationStore((s) => s.conversation.votingOpen);
  const items = useVoteItems();
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
                <VoteChoice key={q} item={item} question={q} />
              ))}
            </li>
          ))}
        </ul>
      ) : null}
      <ResultsTable items={items} />
    </section>
  );
}
