/**
 * While voting is open, every screen says so at a glance: what is asked, the time left when the
 * timer runs, "Herkenbaar?" for the pattern as a whole, and the way to the results. The steps'
 * own buttons are on the map (StepVotingLayer).
 */
import { formatRemaining, remainingMs } from '@patroonkaart/model';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { serverNow } from '../sync/serverClock.ts';
import { VoteButtons } from './VoteButtons.tsx';

export function VotingBanner({ onResults }: { onResults(): void }) {
  const t = useT();
  const c = useConversationStore((s) => s.conversation);
  const canVote = useRoomStore((s) => s.role !== null && s.role !== 'view');
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!c.votingOpen || c.timer !== 'running') return;
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, [c.votingOpen, c.timer]);
  if (!c.votingOpen) return null;
  return (
    <section className="pk-voting-banner" role="status" aria-live="polite" data-testid="voting-banner">
      <p className="pk-voting-banner__text">
        {t('banner.voting')}
        {c.timer === 'running'
          ? ` ${t('banner.votingTime', { time: formatRemaining(remainingMs(c, now)) })}`
          : ''}
      </p>
      {c.anonymousVotes ? (
        <p
          className="pk-voting-banner__anonymous"
          data-testid="anonymous-voting"
          title={t('vote.anonymous.more')}
        >
          {t('vote.anonymous')}
        </p>
      ) : null}
      {canVote ? <VoteButtons question="recognisable" subject="pattern" label={t('vote.pattern')} /> : null}
      <button
        type="button"
        className="pk-button pk-button--small"
        onClick={onResults}
        data-testid="open-results"
      >
        {t('banner.results')}
      </button>
    </section>
  );
}
