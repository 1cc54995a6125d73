/**
 * In the overview, what a table's conversation has produced so far: the latest answers of its
 * current round, the votes per organisation on "Herkenbaar?" for the pattern, and the first steps
 * with their owners, read from the table's records like the summary.
 */
import {
  type Answer,
  answersOfRound,
  type Conversation,
  countedVotes,
  type Vote,
  voteRows,
} from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { summariseByOrganisation } from '../i18n/voteSummary.ts';

/** The overview shows this many of a round's answers, the newest first. */
const LATEST_ANSWERS = 3;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function TableProgress({
  records,
  conversation: c,
}: {
  records: readonly Record<string, unknown>[];
  conversation: Conversation;
}) {
  const t = useT();
  const votes = records.filter((r) => r.typeName === 'vote') as unknown as Vote[];
  const answers = records.filter((r) => r.typeName === 'answer') as unknown as Answer[];
  const latest = c.round > 0 ? answersOfRound(answers, c.round).slice(-LATEST_ANSWERS).reverse() : [];
  const pattern = voteRows(votes, 'pattern', 'recognisable', c.anonymousVotes);
  const firstSteps = records
    .filter((r) => r.typeName === 'shape' && r.type === 'first-step')
    .map((r) => (r.props ?? {}) as Record<string, unknown>)
    .filter((p) => str(p.what).trim() !== '');
  return (
    <div className="pk-table__progress">
      {c.round > 0 ? (
        <>
          <h3>{t('workshop.latestAnswers', { n: c.round })}</h3>
          {latest.length ? (
            <ul data-testid="table-answers">
              {latest.map((a) => (
                <li key={a.id}>
                  {a.text}{' '}
                  <span className="pk-hint">
                    ({a.name}
                    {a.organisation ? `, ${a.organisation}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="pk-hint">{t('workshop.noAnswers')}</p>
          )}
        </>
      ) : null}
      <p className="pk-hint" data-testid="table-votes">
        {t('workshop.votes', { count: countedVotes(votes, c.anonymousVotes).length })}
        {pattern.length ? ` · ${t('vote.recognisable')} ${summariseByOrganisation(pattern, t)}` : ''}
      </p>
      {firstSteps.length ? (
        <>
          <h3>{t('workshop.firstSteps')}</h3>
          <ul data-testid="table-first-steps">
            {firstSteps.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: first steps may repeat a text
              <li key={i}>
                {str(p.what)}
                {str(p.who) ? <span className="pk-hint"> ({str(p.who)})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
