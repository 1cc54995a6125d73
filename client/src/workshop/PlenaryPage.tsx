/**
 * /w/<id>/plenair#k=<key>: the plenary, for the big screen at the end of a workshop. Every table's
 * map side by side, its words larger than usual so the room can read them, with the steps and
 * behaviours that other tables share outlined ("ook bij Tafel 2"); one table can be enlarged above
 * the others. Then what the tables share, the first steps per organisation, the votes per
 * organisation across the tables and every "Wat neem je mee?". Live (each table watched as the
 * overview does), read-only (it writes nothing to any table), and full screen at a button's press.
 */
import { useMemo, useState } from 'react';
import { useLocale, useT } from '../i18n/i18n.ts';
import { FullscreenButton } from '../ui/FullscreenButton.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import { Notice } from '../ui/Notice.tsx';
import { markLabels, PlenaryLegend, PlenarySections } from './PlenarySections.tsx';
import { plenaryTables, summarisePlenary } from './plenary.ts';
import { useWorkshop } from './useWorkshop.ts';

export function PlenaryPage({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const state = useWorkshop(workshopId, token);
  const [focus, setFocus] = useState<number | null>(null);
  const views = state.status === 'ready' ? state.views : null;
  const plenary = useMemo(() => (views ? summarisePlenary(plenaryTables(views)) : null), [views]);
  const marks = useMemo(
    () => plenary?.marks.map((m) => markLabels(m, t, locale)) ?? [],
    [plenary, t, locale],
  );
  if (state.status === 'notFound') return <Notice title={t('app.name')} message={t('workshop.notFound')} />;
  if (state.status === 'unauthorized')
    return <Notice title={t('app.name')} message={t('workshop.unauthorized')} />;
  if (state.status === 'offline') return <Notice title={t('app.name')} message={t('room.unreachable')} />;
  if (!views || !plenary)
    return (
      <div className="pk-loading" role="status">
        <div className="pk-spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  const connecting = views.some((v) => !v.synced);
  return (
    <main className="pk-plenary" data-testid="plenary-page">
      <header className="pk-plenary__bar">
        <h1>{t('plenary.title')}</h1>
        <PlenaryLegend />
        <div className="pk-plenary__actions">
          <FullscreenButton testId="plenary-fullscreen" />
          <LanguageSwitch />
        </div>
      </header>
      <p className="pk-hint pk-plenary__status" role="status">
        {connecting ? t('plenary.connecting') : t('plenary.live')}
      </p>
      <ul className="pk-plenary__maps">
        {views.map((view, i) => (
          <li
            key={view.table.roomId}
            className={`pk-plenary__table${focus === i ? ' pk-plenary__table--focus' : ''}`}
            data-testid="plenary-table"
          >
            <div className="pk-plenary__table-head">
              <h2>
                {t('summary.tableTitle', { n: i + 1, title: plenary.titles[i] || t('summary.untitled') })}
              </h2>
              <button
                type="button"
                className="pk-button pk-button--small"
                aria-label={focus === i ? undefined : t('plenary.focusTable', { n: i + 1 })}
                data-testid="plenary-focus"
                onClick={() => setFocus(focus === i ? null : i)}
              >
                {focus === i ? t('plenary.unfocus') : t('plenary.focus')}
              </button>
            </div>
            <div className="pk-plenary__map">
              <MapThumbnail
                records={view.records}
                label={t('workshop.thumb', { n: i + 1 })}
                marks={marks[i]}
                // Side by side a map is small: larger words, cut where they no longer fit. Enlarged
                // (or alone), it shows every word at the usual size.
                textScale={focus === i || views.length === 1 ? 1 : 1.5}
                fluid
              />
            </div>
          </li>
        ))}
      </ul>
      <PlenarySections plenary={plenary} level={2} />
    </main>
  );
}
