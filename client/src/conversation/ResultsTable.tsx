/** The votes per organisation, one row per item and question, in the order of the loop. */
import { countedVotes, voteRows } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { organisationLabel, summarise } from '../i18n/voteSummary.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import type { VoteItem } from './voteItems.ts';

export function ResultsTable({ items }: { items: readonly VoteItem[] }) {
  const t = useT();
  const votes = useConversationStore((s) => s.votes);
  const anonymous = useConversationStore((s) => s.conversation.anonymousVotes);
  if (countedVotes(votes, anonymous).length === 0) return <p className="pk-hint">{t('vote.none')}</p>;
  const rowsOf = (subject: string, q: (typeof items)[number]['questions'][number]) =>
    voteRows(votes, subject, q, anonymous);
  // The columns: every organisation any row shows ("overige" last, for anonymous votes).
  const shown = items.flatMap((item) =>
    item.questions.flatMap((q) => rowsOf(item.subject, q).map(([o]) => o)),
  );
  const organisations = [...new Set(shown)].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'nl'),
  );
  return (
    <table className="pk-vote-table" data-testid="vote-results">
      <caption>{t('vote.results')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('vote.item')}</th>
          {organisations.map((o) => (
            <th key={o ?? ''} scope="col">
              {organisationLabel(o, t)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.flatMap((item) =>
          item.questions.map((q) => {
            const rows = new Map(rowsOf(item.subject, q));
            if (rows.size === 0) return null;
            return (
              <tr key={`${item.subject}/${q}`}>
                <th scope="row">
                  {item.label} <span className="pk-hint">{t(`vote.${q}`)}</span>
                </th>
                {organisations.map((o) => {
                  const tally = rows.get(o);
                  return <td key={o ?? ''}>{tally ? summarise(tally, t) : ''}</td>;
                })}
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
