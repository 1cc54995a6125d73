/**
 * What only the facilitator sees: lead the rounds, the timer, the plan, voting and its results,
 * the end of the conversation, the lock, and the summons.
 */
import { ROUNDS } from '@patroonkaart/model';
import type { PresenceState, PresenceSummon } from '@patroonkaart/protocol';
import { type Editor, useEditor } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useMe } from '../state/meStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { serverNow } from '../sync/serverClock.ts';
import { EndConversation, MAX_MINUTES, MIN_MINUTES, RoundPlan } from './ConversationPlan.tsx';
import { conversationActions as act } from './conversationActions.ts';

/** Locks or unlocks the template's steps and arrows (tldraw's own lock: no moving, no deleting). */
function lockTemplate(editor: Editor, locked: boolean): void {
  const shapes = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === 'loop-step' || s.type === 'arrow' || s.type === 'pattern-title');
  editor.run(() => editor.updateShapes(shapes.map((s) => ({ id: s.id, type: s.type, isLocked: locked }))), {
    ignoreShapeLock: true,
  });
}

export function FacilitatorControls() {
  const t = useT();
  const editor = useEditor();
  const { connection } = useRoomContext();
  const c = useConversationStore((s) => s.conversation);
  const doc = connection.doc;
  const next = c.round + 1;
  return (
    <div className="pk-talk__lead" data-testid="facilitator-controls">
      <div className="pk-talk__row">
        {next <= ROUNDS.length && !c.ended ? (
          <button
            type="button"
            className="pk-button pk-button--primary"
            data-testid="start-round"
            onClick={() => act.startRound(doc, next)}
          >
            {c.round === 0 ? t('talk.start', { n: 1 }) : t('talk.next')}
          </button>
        ) : null}
        {c.round === ROUNDS.length || c.ended ? <EndConversation /> : null}
        {c.round > 0 && c.timer === 'running' ? (
          <button
            type="button"
            className="pk-button"
            data-testid="pause-timer"
            onClick={() => act.pause(doc)}
          >
            {t('talk.pause')}
          </button>
        ) : null}
        {c.round > 0 && c.timer === 'paused' ? (
          <button
            type="button"
            className="pk-button"
            data-testid="resume-timer"
            onClick={() => act.resume(doc)}
          >
            {t('talk.resume')}
          </button>
        ) : null}
        <label className="pk-talk__minutes">
          <span>{t('talk.minutes')}</span>
          <input
            type="number"
            min={MIN_MINUTES}
            max={MAX_MINUTES}
            value={c.round === 0 ? (c.plan[0] ?? 3) : Math.round(c.durationMs / 60_000)}
            onChange={(e) => {
              const minutes = Number(e.target.value);
              if (minutes >= MIN_MINUTES && minutes <= MAX_MINUTES) act.setMinutes(doc, minutes);
            }}
            data-testid="round-minutes"
          />
        </label>
      </div>
      <RoundPlan />
      <div className="pk-talk__row">
        <button
          type="button"
          className="pk-button"
          data-testid="toggle-results"
          aria-pressed={c.resultsShown}
          onClick={() => act.showResults(doc, !c.resultsShown)}
        >
          {c.resultsShown ? t('talk.results.hide') : t('talk.results.show')}
        </button>
        <button
          type="button"
          className="pk-button"
          disabled={c.ended}
          data-testid="toggle-voting"
          onClick={() => (c.votingOpen ? act.setVotingOpen(doc, false) : act.openVoting(doc, false))}
        >
          {c.votingOpen ? t('talk.voting.close') : t('talk.voting.open')}
        </button>
        {c.votingOpen ? null : (
          <button
            type="button"
            className="pk-button"
            disabled={c.ended}
            data-testid="open-voting-anonymous"
            onClick={() => act.openVoting(doc, true)}
          >
            {t('talk.voting.openAnonymous')}
          </button>
        )}
        <button
          type="button"
          className="pk-button"
          data-testid="toggle-lock"
          onClick={() => {
            lockTemplate(editor, !c.templateLocked);
            act.setTemplateLocked(doc, !c.templateLocked);
          }}
        >
          {c.templateLocked ? t('talk.unlock') : t('talk.lock')}
        </button>
        <button
          type="button"
          className="pk-button"
          data-testid="summon"
          onClick={() => {
            // The id my presence carries (RoomCanvas), which the others follow.
            const userId = `user:${useMe.getState().user.id}`;
            const summon: PresenceSummon = { at: serverNow(), userId };
            connection.provider.awareness.setLocalStateField('summon' satisfies keyof PresenceState, summon);
          }}
        >
          {t('talk.summon')}
        </button>
      </div>
    </div>
  );
}
