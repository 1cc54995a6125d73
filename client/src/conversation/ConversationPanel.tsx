/**
 * The table's conversation beside the map: the rounds of the method (the current one marked),
 * the shared timer, the answers of the round, the votes, and for the facilitator the controls.
 */
import { ROUNDS, roundKey } from '@patroonkaart/model';
import { useCallback, useState } from 'react';
import { useEditor } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { usePanelMode } from '../ui/compactLayout.ts';
import { FoldButton, useFolded } from '../ui/FoldButton.tsx';
import { AnswerList } from './AnswerList.tsx';
import { FacilitatorControls } from './FacilitatorControls.tsx';
import { FirstStepList } from './FirstStepList.tsx';
import { RoundTimer } from './RoundTimer.tsx';
import { useSummons } from './useSummons.ts';

export function ConversationPanel({ onResults, onOutcome }: { onResults(): void; onOutcome(): void }) {
  const t = useT();
  const editor = useEditor();
  const role = useRoomStore((s) => s.role);
  const c = useConversationStore((s) => s.conversation);
  const open = !useFolded('talk');
  const [summonedBy, setSummonedBy] = useState<string | null>(null);
  useSummons(
    editor,
    useCallback((name: string) => setSummonedBy(name), []),
  );
  const mode = usePanelMode('talk');
  const key = roundKey(c.round);
  if (mode === 'hidden') return null;
  return (
    <section
      className={`pk-talk${mode === 'sheet' ? ' pk-sheet' : ''}${open ? '' : ' pk-folded'}`}
      aria-labelledby="talk-title"
      data-testid="conversation-panel"
    >
      <header className="pk-talk__head">
        <h2 id="talk-title">{t('talk.title')}</h2>
        <span data-testid="round-status">
          {c.round === 0 ? t('talk.notStarted') : t('talk.roundOf', { n: c.round, total: ROUNDS.length })}
        </span>
        <FoldButton panel="talk" name={t('talk.title')} controls="talk-body" />
      </header>
      <RoundTimer />
      {summonedBy !== null && editor.getInstanceState().followingUserId ? (
        <p className="pk-hint" role="status">
          {t('talk.summoned', { name: summonedBy })}
        </p>
      ) : null}
      {c.templateLocked ? <p className="pk-hint">{t('talk.locked')}</p> : null}
      {c.ended ? (
        <p className="pk-hint" role="status" data-testid="conversation-ended">
          {c.mapOpenAfterEnd ? t('talk.ended') : t('talk.ended.mapClosed')}{' '}
          <button
            type="button"
            className="pk-button pk-button--small"
            onClick={onOutcome}
            data-testid="open-outcome"
          >
            {t('outcome.open')}
          </button>
        </p>
      ) : null}
      {open ? (
        <div id="talk-body" className="pk-talk__body">
          <ol className="pk-talk__rounds">
            {ROUNDS.map((r, i) => (
              <li
                key={r}
                aria-current={c.round === i + 1 ? 'step' : undefined}
                data-testid={`round-${i + 1}`}
              >
                {t(`talk.round.${r}`)}
                {r === 'takeAway' && c.round === i + 1 ? (
                  <span className="pk-hint"> {t('talk.round.takeAway.extra')}</span>
                ) : null}
              </li>
            ))}
          </ol>
          {role === 'facilitator' ? <FacilitatorControls /> : null}
          {key ? <AnswerList round={c.round} canWrite={role !== 'view'} /> : null}
          <section className="pk-talk__votes" aria-label={t('vote.title')}>
            <h3>{t('vote.title')}</h3>
            <p className="pk-hint" data-testid="voting-state">
              {c.votingOpen
                ? c.anonymousVotes
                  ? t('talk.voting.isOpenAnonymous')
                  : t('talk.voting.isOpen')
                : t('talk.voting.isClosed')}
            </p>
            <button
              type="button"
              className="pk-button pk-button--small"
              onClick={onResults}
              data-testid="panel-results"
            >
              {t('banner.results')}
            </button>
          </section>
          <section className="pk-talk__first" aria-labelledby="first-title">
            <h3 id="first-title">{t('first.title')}</h3>
            <FirstStepList canWrite={role !== 'view'} />
          </section>
        </div>
      ) : null}
    </section>
  );
}
