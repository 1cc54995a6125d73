/** The votes per organisation, one row per item and question, in the order of the loop. */
import { tallyByOrganisation } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { summarise } from '../i18n/voteSummary.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import type { VoteItem } from './voteItems.ts';

export function ResultsTable({ items }: { items: readonly VoteItem[] }) {
  const t = useT();
  const votes = useConversationStore((s) => s.votes);
  if (votes.length === 0) return <p className="pk-hint">{t('vote.none')}</p>;
  const organisations = [...new Set(votes.map((v) => v.organisation))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  return (
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
  );
}
