/**
 * /w/<id>/samenvatting: the workshop's summary as a page to print (the browser saves it as PDF):
 * per table its map, steps in loop order, behaviours, votes per organisation, answers per round,
 * first steps and "Wat neem je mee?"; then the plenary's lists for all tables together, and on each
 * map the steps and behaviours other tables share, outlined. Built from the tables' records, like
 * the Markdown file.
 */
import { useMemo } from 'react';
import { TableOutcome } from '../conversation/TableOutcome.tsx';
import { useLocale, useT } from '../i18n/i18n.ts';
import { useLibrary } from '../sync/library.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import { Notice } from '../ui/Notice.tsx';
import { markLabels, PlenaryLegend, PlenarySections } from './PlenarySections.tsx';
import { plenaryTables, summarisePlenary } from './plenary.ts';
import { summarise } from './summaries.ts';
import { useWorkshop } from './useWorkshop.ts';

export function SummaryPage({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const state = useWorkshop(workshopId, token);
  // The names of saved templates the tables started from (summarise reads them from the library).
  useLibrary();
  const views = state.status === 'ready' ? state.views : null;
  const plenary = useMemo(() => (views ? summarisePlenary(plenaryTables(views)) : null), [views]);
  if (state.status === 'notFound') return <Notice title={t('app.name')} message={t('workshop.notFound')} />;
  if (state.status === 'unauthorized')
    return <Notice title={t('app.name')} message={t('workshop.unauthorized')} />;
  if (state.status !== 'ready' || !plenary || state.views.some((v) => !v.synced))
    return (
      <div className="pk-loading" role="status">
        <div className="pk-spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  const tables = summarise(
    state.views,
    locale,
    plenary.marks.map((m) => markLabels(m, t, locale)),
  );
  const date = new Date(state.workshop.createdAt).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
  });
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
      {plenary.marks.some((m) => m.size > 0) ? <PlenaryLegend /> : null}
      {tables.map(({ number, summary: s, template, map }) => (
        <section key={number} className="pk-summary__table" data-testid="summary-table">
          <h2>{t('summary.tableTitle', { n: number, title: s.title || t('summary.untitled') })}</h2>
          <p className="pk-hint" data-testid="summary-template">
            {t('library.startedFrom', { name: template ?? '' })}
          </p>
          <div className="pk-summary__map">
            <MapThumbnail {...map} />
          </div>
          <TableOutcome summary={s} />
        </section>
      ))}
      <section className="pk-summary__plenary" data-testid="summary-plenary">
        <h2>{t('plenary.section')}</h2>
        <PlenarySections plenary={plenary} level={3} />
      </section>
    </main>
  );
}
