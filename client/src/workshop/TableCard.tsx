/**
 * One table in the overview: the template it started from, its map, round and time (marked when
 * it is behind the others), who is there, what its conversation produced so far, and its links
 * with a copy button each.
 */
import { formatRemaining, ROUNDS, remainingMs } from '@patroonkaart/model';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useTemplateName } from '../sync/library.ts';
import { serverNow } from '../sync/serverClock.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import { TableProgress } from './TableProgress.tsx';
import type { TableView } from './TableWatcher.ts';

export function TableCard({
  view,
  number,
  leadRound,
}: {
  view: TableView;
  number: number;
  leadRound: number;
}) {
  const t = useT();
  const [now, setNow] = useState(serverNow);
  const template = useTemplateName(view.table.template);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 500);
    return () => clearInterval(timer);
  }, []);
  const c = view.conversation;
  // A person with several browsers (or fresh partner secrets) is several voters: the facilitator
  // sees it as more voters than people present.
  const voters = new Set(view.records.filter((r) => r.typeName === 'vote').map((r) => r.author)).size;
  const link = (path: string) => `${location.origin}${path}`;
  return (
    <li className="pk-table" data-testid="workshop-table" data-room={view.table.roomId}>
      <h2>{t('workshop.table', { n: number })}</h2>
      <p className="pk-hint" data-testid="table-template">
        {t('library.startedFrom', { name: template })}
      </p>
      <MapThumbnail records={view.records} label={t('workshop.thumb', { n: number })} />
      <p className="pk-table__round" data-testid="table-round">
        {c.round === 0 ? t('workshop.notStarted') : t('talk.roundOf', { n: c.round, total: ROUNDS.length })}
        {c.round > 0 ? (
          <>
            {' · '}
            <span role="timer" aria-label={t('talk.timer.label', { n: c.round })} data-testid="table-timer">
              {formatRemaining(remainingMs(c, now))}
            </span>
            {c.timer === 'paused' ? ` (${t('talk.timer.paused')})` : ''}
          </>
        ) : null}
        {c.ended ? ` · ${t('workshop.ended')}` : ''}
      </p>
      {c.round < leadRound && !c.ended ? (
        <p className="pk-table__behind" data-testid="table-behind">
          {t('workshop.behind', { n: leadRound })}
        </p>
      ) : null}
      <TableProgress records={view.records} conversation={c} />
      <h3>{t('workshop.people', { count: view.people.length })}</h3>
      {voters > 0 ? (
        <p
          className={voters > view.people.length ? 'pk-table__behind' : 'pk-hint'}
          data-testid="table-voters"
        >
          {voters > view.people.length
            ? t('workshop.votersOver', { voters, present: view.people.length })
            : t('workshop.voters', { voters, present: view.people.length })}
        </p>
      ) : null}
      {view.people.length === 0 ? (
        <p className="pk-hint">{t('workshop.nobody')}</p>
      ) : (
        <ul className="pk-table__people" data-testid="table-people">
          {view.people.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: people have no stable id in presence
            <li key={i}>
              <span className="pk-people__dot" style={{ background: p.colour }} aria-hidden="true" />
              {p.name}
              {p.organisation ? <span className="pk-hint"> · {p.organisation}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a className="pk-button pk-button--primary" href={view.table.facilitatorUrl} data-testid="join-table">
          {t('workshop.join', { n: number })}
        </a>
      </p>
      <LinkField id={`partner-${number}`} label={t('workshop.partnerLink')} url={link(view.table.editUrl)} />
      <LinkField id={`viewer-${number}`} label={t('workshop.viewerLink')} url={link(view.table.viewUrl)} />
    </li>
  );
}

/** A link to hand out: selected whole on focus, with its copy button. */
function LinkField({ id, label, url }: { id: string; label: string; url: string }) {
  return (
    <div className="pk-field">
      <label htmlFor={id}>{label}</label>
      <span className="pk-share-input">
        <input id={id} readOnly value={url} onFocus={(e) => e.target.select()} />
        <CopyButton text={url} label={label} />
      </span>
    </div>
  );
}
