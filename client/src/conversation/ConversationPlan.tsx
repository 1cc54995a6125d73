/**
 * The facilitator's plan of the rounds: minutes per round (and which are silent), the total held
 * against the method's fifteen minutes, and the end of the conversation ("Gesprek afronden"), with
 * the choice whether partners may still change the map afterwards.
 */
import { MAX_ROUND_MS, METHOD_MINUTES, MIN_ROUND_MS, plannedMinutes, ROUNDS } from '@patroonkaart/model';
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { ConfirmButtons } from '../ui/ConfirmButtons.tsx';
import { conversationActions as act } from './conversationActions.ts';
import { SilentPlanToggle } from './SilentRound.tsx';

/** A round's length in minutes, as the model bounds it. */
export const MIN_MINUTES = MIN_ROUND_MS / 60_000;
export const MAX_MINUTES = MAX_ROUND_MS / 60_000;

export function RoundPlan() {
  const t = useT();
  const { connection } = useRoomContext();
  const c = useConversationStore((s) => s.conversation);
  const total = plannedMinutes(c);
  return (
    <details className="pk-talk__plan" data-testid="round-plan">
      <summary>{t('talk.plan')}</summary>
      <div className="pk-talk__plan-rows">
        {ROUNDS.map((round, i) => (
          <div key={round} className="pk-talk__plan-row">
            <label className="pk-talk__minutes">
              <span>{t('talk.plan.round', { n: i + 1 })}</span>
              <input
                type="number"
                min={MIN_MINUTES}
                max={MAX_MINUTES}
                value={c.plan[i] ?? 3}
                onChange={(e) => {
                  const minutes = Number(e.target.value);
                  if (minutes >= MIN_MINUTES && minutes <= MAX_MINUTES)
                    act.planRound(connection.doc, i + 1, minutes);
                }}
                data-testid={`plan-round-${i + 1}`}
              />
            </label>
            <SilentPlanToggle round={i + 1} />
          </div>
        ))}
      </div>
      <p className="pk-hint" data-testid="plan-total">
        {t('talk.plan.total', { total, method: METHOD_MINUTES })}
        {total > METHOD_MINUTES ? ` ${t('talk.plan.over', { over: total - METHOD_MINUTES })}` : ''}
      </p>
    </details>
  );
}

export function EndConversation() {
  const t = useT();
  const { connection } = useRoomContext();
  const ended = useConversationStore((s) => s.conversation.ended);
  const [asking, setAsking] = useState(false);
  const [keepMapOpen, setKeepMapOpen] = useState(true);
  if (ended)
    return (
      <button
        type="button"
        className="pk-button"
        data-testid="reopen-conversation"
        onClick={() => act.reopen(connection.doc)}
      >
        {t('talk.reopen')}
      </button>
    );
  if (!asking)
    return (
      <button
        type="button"
        className="pk-button pk-button--primary"
        data-testid="end-conversation"
        onClick={() => setAsking(true)}
      >
        {t('talk.end')}
      </button>
    );
  return (
    <fieldset className="pk-talk__end" data-testid="end-confirm">
      <legend>{t('talk.end.title')}</legend>
      <p className="pk-hint">{t('talk.end.body')}</p>
      <label className="pk-choice">
        <input
          type="checkbox"
          checked={keepMapOpen}
          onChange={(e) => setKeepMapOpen(e.target.checked)}
          data-testid="end-keep-map-open"
        />
        {t('talk.end.keepMapOpen')}
      </label>
      <ConfirmButtons
        backLabel={t('talk.cancel')}
        onBack={() => setAsking(false)}
        confirmLabel={t('talk.end.confirm')}
        testId="end-conversation-confirm"
        onConfirm={() => {
          act.end(connection.doc, keepMapOpen);
          setAsking(false);
        }}
      />
    </fieldset>
  );
}
