/**
 * /w/<id>: the facilitator's overview of a workshop. Every table live (map, round, time, who is
 * there, votes), one click to join, "start round N at every table", and the summaries.
 */
import { exportFileName, ROUNDS } from '@patroonkaart/model';
import { useState } from 'react';
import { useLocale, useT } from '../i18n/i18n.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Notice } from '../ui/Notice.tsx';
import { markLabels } from './PlenarySections.tsx';
import { plenaryTables, summarisePlenary } from './plenary.ts';
import { plenaryMarkdown } from './plenaryMarkdown.ts';
import { download, summarise, withMapSvgs } from './summaries.ts';
import { summaryMarkdown } from './summaryMarkdown.ts';
import { TableCard } from './TableCard.tsx';
import { useWorkshop } from './useWorkshop.ts';
import { workshopPageUrl } from './workshopAddress.ts';

export function WorkshopPage({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const state = useWorkshop(workshopId, token);
  const [round, setRound] = useState(1);
  if (state.status === 'notFound') return <Notice title={t('app.name')} message={t('workshop.notFound')} />;
  if (state.status === 'unauthorized')
    return <Notice title={t('app.name')} message={t('workshop.unauthorized')} />;
  if (state.status === 'offline') return <Notice title={t('app.name')} message={t('room.unreachable')} />;
  if (state.status !== 'ready')
    return (
      <div className="pk-loading" role="status">
        <div className="pk-spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  const { views, watchers } = state;
  const votingOpen = views.some((v) => v.conversation.votingOpen);
  const nextRound = Math.min(ROUNDS.length, Math.max(0, ...views.map((v) => v.conversation.round)) + 1);
  return (
    <main className="pk-workshop">
      <header className="pk-landing__header">
        <h1>{t('workshop.title')}</h1>
        <LanguageSwitch />
      </header>
      <div className="pk-banner pk-workshop__keep" role="note" data-testid="keep-link">
        <p>{t('workshop.keepLink')}</p>
        <span className="pk-share-input">
          <input
            readOnly
            aria-label={t('workshop.ownLink')}
            value={location.href}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={location.href} label={t('workshop.ownLink')} testId="copy-overview-link" />
        </span>
      </div>
      <div className="pk-workshop__actions">
        <label className="pk-talk__minutes">
          <span>{t('workshop.roundChoice')}</span>
          <select value={round} onChange={(e) => setRound(Number(e.target.value))} data-testid="round-choice">
            {ROUNDS.map((key, i) => (
              <option key={key} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="pk-button pk-button--primary"
          data-testid="start-all"
          onClick={() => {
            for (const w of watchers) w.startRound(round);
            setRound(Math.min(ROUNDS.length, round + 1));
          }}
        >
          {t('workshop.startAll', { n: round })}
        </button>
        <button
          type="button"
          className="pk-button"
          data-testid="voting-all"
          onClick={() => {
            for (const w of watchers) w.setVotingOpen(!votingOpen);
          }}
        >
          {votingOpen ? t('workshop.votingCloseAll') : t('workshop.votingOpenAll')}
        </button>
        <span className="pk-hint">
          {nextRound > 1 ? t('talk.roundOf', { n: nextRound - 1, total: ROUNDS.length }) : ''}
        </span>
        <button
          type="button"
          className="pk-button"
          data-testid="summary-markdown"
          onClick={() => {
            const plenary = summarisePlenary(plenaryTables(views));
            const marks = plenary.marks.map((m) => markLabels(m, t, locale));
            download(
              exportFileName('workshop', new Date(), 'md'),
              `${summaryMarkdown(withMapSvgs(summarise(views, locale, marks), locale), locale, new Date())}\n${plenaryMarkdown(plenary, locale)}`,
            );
          }}
        >
          {t('workshop.summary.markdown')}
        </button>
        <a
          className="pk-button"
          href={workshopPageUrl(workshopId, 'summary', state.token)}
          target="_blank"
          rel="noreferrer"
          data-testid="summary-print"
        >
          {t('workshop.summary.print')}
        </a>
        <a
          className="pk-button"
          href={workshopPageUrl(workshopId, 'plenary', state.token)}
          target="_blank"
          rel="noreferrer"
          data-testid="plenary-open"
        >
          {t('workshop.plenary')}
        </a>
      </div>
      <ul className="pk-tables">
        {views.map((view, i) => (
          <TableCard
            key={view.table.roomId}
            view={view}
            number={i + 1}
            leadRound={Math.max(0, ...views.map((v) => v.conversation.round))}
          />
        ))}
      </ul>
    </main>
  );
}
