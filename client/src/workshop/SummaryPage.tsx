/**
 * /w/<id>/samenvatting: the workshop's summary as a page to print (the browser saves it as PDF):
 * per table its map, steps in loop order, behaviours, votes per organisation, answers per round,
 * first steps and "Wat neem je mee?". Built from the tables' records, like the Markdown file.
 */
import { ROUNDS } from '@patroonkaart/model';
import { summariseByOrganisation } from '../conversation/voteSummary.ts';
import { useLocale, useT } from '../i18n/i18n.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import { Notice } from '../ui/Notice.tsx';
import { summarise } from './summaries.ts';
import { useWorkshop } from './useWorkshop.ts';

export function SummaryPage({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const state = useWorkshop(workshopId, token);
  if (state.status === 'notFound') return <Notice title={t('app.name')} message={t('workshop.notFound')} />;
  if (state.status === 'unauthorized')
    return <Notice title={t('app.name')} message={t('workshop.unauthorized')} />;
  if (state.status !== 'ready' || state.views.some((v) => !v.synced))
    return (
      <div className="pk-loading" role="status">
        <div className="pk-spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  const tables = summarise(state.views, locale);
  const date = new Date(state.workshop.createdAt).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
  });
  const person = (a: { name: string; organisation: string }) =>
    `${a.name}${a.organisation ? `, ${a.organisation}` : ''}`;
  return (
    <main className="pk-summary" data-testid="summary-page">
      <header className="pk-landing__header pk-noprint">
        <button type="button" className="pk-button pk-button--primary" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
        <LanguageSwitch />
      </header>
      <h1>{t('summary.title')}</h1>
      <p>
        {t('summary.date')}: {date} · {t('summary.tables')}: {tables.length}
      </p>
      {tables.map(({ number, summary: s, map }) => (
        <section key={number} className="pk-summary__table" data-testid="summary-table">
          <h2>{t('summary.tableTitle', { n: number, title: s.title || t('summary.untitled') })}</h2>
          <div className="pk-summary__map">
            <MapThumbnail {...map} />
          </div>
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
          {s.answers
            .filter((r) => r.round < ROUNDS.length)
            .map((r) => (
              <div key={r.round}>
                <h4>
                  {r.round}. {t(`talk.round.${ROUNDS[r.round - 1]!}`)}
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
          {(s.answers.find((r) => r.round === ROUNDS.length)?.answers ?? []).length ? (
            <ul>
              {s.answers
                .find((r) => r.round === ROUNDS.length)!
                .answers.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown in order
                  <li key={i}>
                    {a.text} <span className="pk-hint">({person(a)})</span>
                  </li>
                ))}
            </ul>
          ) : (
            <p>{t('summary.none')}</p>
          )}
        </section>
      ))}
    </main>
  );
}
