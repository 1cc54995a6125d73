/**
 * What a table's conversation leaves behind, as one block: the pattern in loop order, the
 * behaviours, the votes per organisation, the answers per round, the first steps with their
 * owners and "Wat neem je mee?". The summary page and the room's outcome screen both show it, so
 * the two can never tell a different story.
 */
import { ROUNDS, roundKey } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { summariseByOrganisation } from '../i18n/voteSummary.ts';
import type { TableSummary } from './tableSummary.ts';

const person = (a: { name: string; organisation: string }) =>
  `${a.name}${a.organisation ? `, ${a.organisation}` : ''}`;

export function TableOutcome({ summary: s }: { summary: TableSummary }) {
  const t = useT();
  // The last round's answers are "Wat neem je mee?", at the end; the others under their round.
  const rounds = s.answers.flatMap(({ round, answers }) => {
    const key = roundKey(round);
    return key && round < ROUNDS.length ? [{ round, key, answers }] : [];
  });
  const takeAway = s.answers.find((r) => r.round === ROUNDS.length)?.answers ?? [];
  return (
    <>
      <h3>{t('summary.steps')}</h3>
      {s.loopSteps.length ? (
        <ol data-testid="summary-steps">
          {s.loopSteps.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps may repeat a text
            <li key={i}>{x}</li>
          ))}
        </ol>
      ) : (
        <p>{t('summary.none')}</p>
      )}
      {s.otherSteps.length ? (
        <>
          <h3>{t('summary.otherSteps')}</h3>
          <ul>
            {s.otherSteps.map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps may repeat a text
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('summary.behaviours')}</h3>
      {s.behaviours.length ? (
        <ul>
          {s.behaviours.map((b) => (
            <li key={`${b.name}|${b.utterance}`}>
              <strong>{b.name}</strong> {b.utterance}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('summary.none')}</p>
      )}
      <h3>{t('summary.votes')}</h3>
      {s.votes.length ? (
        <table className="pk-vote-table" data-testid="summary-votes">
          <tbody>
            {s.votes.map((v) => (
              <tr key={`${v.item}|${v.question}`}>
                <th scope="row">
                  {v.item} <span className="pk-hint">{t(`vote.${v.question}`)}</span>
                </th>
                <td>{summariseByOrganisation(v.byOrganisation, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('summary.none')}</p>
      )}
      <h3>{t('summary.answers')}</h3>
      {rounds.map((r) => (
        <div key={r.round}>
          <h4>
            {r.round}. {t(`talk.round.${r.key}`)}
          </h4>
          {r.answers.length ? (
            <ul>
              {r.answers.map((a, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown in order
                <li key={i}>
                  {a.text} <span className="pk-hint">({person(a)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="pk-hint">{t('summary.none')}</p>
          )}
        </div>
      ))}
      <h3>{t('summary.firstSteps')}</h3>
      {s.firstSteps.length ? (
        <ul data-testid="summary-first-steps">
          {s.firstSteps.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: first steps may repeat a text
            <li key={i}>
              <strong>{f.what || '…'}</strong>
              {f.who ? ` (${t('summary.who')}: ${f.who})` : ''}
              {f.step ? ` · ${t('summary.breaks')}: ${f.step}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('summary.none')}</p>
      )}
      <h3>{t('summary.takeAway')}</h3>
      {takeAway.length ? (
        <ul>
          {takeAway.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown in order
            <li key={i}>
              {a.text} <span className="pk-hint">({person(a)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('summary.none')}</p>
      )}
    </>
  );
}
