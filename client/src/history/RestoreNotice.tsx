/**
 * After "Zet de kaart terug", every screen says so in plain words, with the time the map went
 * back to: what someone just drew did not vanish unexplained. The facilitator can undo it (the
 * point taken just before); a partner is told where the newer work is kept.
 */
import { useState } from 'react';
import { useLocale, useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { restorePoint } from './restorePoint.ts';

/** A notice older than this is history, not news: a page opened later does not show it. */
const FRESH_MS = 30 * 60_000;

export function RestoreNotice() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { connection } = useRoomContext();
  const last = useConversationStore((s) => s.conversation.lastRestore);
  const role = useRoomStore((s) => s.role);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!last || dismissed === last.at || Date.now() - last.at > FRESH_MS) return null;
  const time = new Date(last.to).toLocaleTimeString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <div className="pk-banner pk-restore-notice" role="status" data-testid="restore-notice">
      {t('restore.notice', { time })} {role === 'facilitator' ? '' : t('restore.partnerHint')}
      {role === 'facilitator' ? (
        <button
          type="button"
          className="pk-button pk-button--small"
          data-testid="restore-undo"
          onClick={() =>
            restorePoint(connection.doc, last.undo, last.at, locale).catch((e: unknown) =>
              setProblem(e instanceof Error ? e.message : String(e)),
            )
          }
        >
          {t('restore.undo')}
        </button>
      ) : null}{' '}
      <button type="button" className="pk-button pk-button--small" onClick={() => setDismissed(last.at)}>
        {t('share.close')}
      </button>
      {problem ? <span className="pk-error"> {problem}</span> : null}
    </div>
  );
}
