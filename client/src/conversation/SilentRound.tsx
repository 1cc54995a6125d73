/**
 * A silent round on the screen: the facilitator's "Stille ronde" and "Antwoorden tonen (n)", the
 * notice every screen shows while a round is silent (with how many answers wait, which is all the
 * facilitator learns of them), and my own waiting answers, marked "nog verborgen", which only I
 * see and may still change or take back until the reveal.
 */
import { type Answer, MAX_ANSWER_CHARS } from '@patroonkaart/model';
import type { HiddenAnswer } from '@patroonkaart/protocol';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { colourForOrganisation } from '../state/localUser.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { silentAnswers, useHiddenAnswers } from './silentAnswers.ts';

/** What went wrong with the last silent-round call, said in my language. */
export function SilentProblem() {
  const problem = useHiddenAnswers((s) => s.problem);
  return problem ? (
    <p className="pk-error" role="alert" data-testid="silent-problem">
      {problem}
    </p>
  ) : null;
}

/**
 * The facilitator's "Stille ronde" for the round in progress, or while it is silent "Antwoorden
 * tonen (n)": beside the answers, where the count is.
 */
export function SilentRoundControls({ round }: { round: number }) {
  const t = useT();
  const c = useConversationStore((s) => s.conversation);
  const busy = useHiddenAnswers((s) => s.busy);
  const silent = c.silentRounds.includes(round);
  const waiting = c.waiting[round - 1] ?? 0;
  return (
    <div className="pk-talk__row pk-silent__lead" data-testid="silent-controls">
      {silent ? (
        <button
          type="button"
          className="pk-button pk-button--primary"
          disabled={busy}
          onClick={() => void silentAnswers.reveal(round)}
          data-testid="reveal-answers"
        >
          {t('talk.silent.reveal', { count: waiting })}
        </button>
      ) : (
        <button
          type="button"
          className="pk-button"
          disabled={busy || c.ended}
          onClick={() => void silentAnswers.silence(round)}
          data-testid="silent-round"
        >
          {t('talk.silent.mark')}
        </button>
      )}
    </div>
  );
}

/** A round of the plan marked silent ahead, or its silence ended (and its answers shown). */
export function SilentPlanToggle({ round }: { round: number }) {
  const t = useT();
  const silent = useConversationStore((s) => s.conversation.silentRounds.includes(round));
  const busy = useHiddenAnswers((s) => s.busy);
  return (
    <label className="pk-choice pk-silent__plan">
      <input
        type="checkbox"
        checked={silent}
        disabled={busy}
        aria-label={t('talk.silent.markRound', { n: round })}
        onChange={(e) => void (e.target.checked ? silentAnswers.silence(round) : silentAnswers.reveal(round))}
        data-testid={`plan-silent-${round}`}
      />
      {t('talk.silent.mark')}
    </label>
  );
}

/**
 * What every screen shows while the round is silent: what that means for me, and how many answers
 * wait. When the silence ends, a word that the answers are shown. Also fetches my waiting answers
 * when the page opens, reconnects or a round's silence changes.
 */
export function SilentNotice({ round, canWrite }: { round: number; canWrite: boolean }) {
  const t = useT();
  const c = useConversationStore((s) => s.conversation);
  const role = useRoomStore((s) => s.role);
  const online = useRoomStore((s) => s.status === 'online');
  const silent = c.silentRounds.includes(round);
  const waiting = c.waiting[round - 1] ?? 0;
  const silentKey = c.silentRounds.join(',');
  const [revealed, setRevealed] = useState(false);
  const wasSilent = useRef(silent);
  useEffect(() => {
    if (wasSilent.current && !silent) setRevealed(true);
    if (silent) setRevealed(false);
    wasSilent.current = silent;
  }, [silent]);
  useEffect(() => {
    if (canWrite && online && silentKey !== '') void silentAnswers.refresh();
  }, [canWrite, online, silentKey]);
  if (!silent)
    return revealed ? (
      <p className="pk-hint" role="status" data-testid="silent-revealed">
        {t('talk.silent.revealed')}
      </p>
    ) : null;
  return (
    <div className="pk-silent" role="status" data-testid="silent-notice">
      <p className="pk-silent__what">
        {t(
          role === 'facilitator'
            ? 'talk.silent.lead'
            : role === 'view'
              ? 'talk.silent.viewer'
              : 'talk.silent.partner',
        )}
      </p>
      <p className="pk-silent__count" data-testid="silent-waiting">
        {t('talk.silent.waiting', { count: waiting })}
      </p>
    </div>
  );
}

/** One of my waiting answers: only I see it, marked "nog verborgen"; I may change or take it back. */
export function HiddenAnswerItem({ answer }: { answer: HiddenAnswer }) {
  const t = useT();
  const busy = useHiddenAnswers((s) => s.busy);
  const [editing, setEditing] = useState<string | null>(null);
  const colour = colourForOrganisation({ id: answer.author, organisation: answer.organisation });
  return (
    <li className="pk-answer pk-answer--hidden" data-testid="hidden-answer">
      {editing === null ? (
        <p className="pk-answer__text">{answer.text}</p>
      ) : (
        <textarea
          value={editing}
          maxLength={MAX_ANSWER_CHARS}
          aria-label={t('talk.answer.label')}
          onChange={(e) => setEditing(e.target.value)}
        />
      )}
      <span className="pk-answer__who">
        <span className="pk-silent__badge">{t('talk.silent.hidden')}</span>{' '}
        <span className="pk-org-chip" style={{ background: colour }}>
          {answer.organisation || t('vote.noOrganisation')}
        </span>{' '}
        {answer.name}
      </span>
      <span className="pk-answer__actions">
        {editing === null ? (
          <button
            type="button"
            className="pk-button pk-button--small"
            onClick={() => setEditing(answer.text)}
          >
            {t('talk.answer.edit')}
          </button>
        ) : (
          <button
            type="button"
            className="pk-button pk-button--small"
            disabled={busy || !editing.trim()}
            onClick={() => {
              void silentAnswers.edit(answer, editing);
              setEditing(null);
            }}
          >
            {t('talk.answer.save')}
          </button>
        )}
        <button
          type="button"
          className="pk-button pk-button--small"
          disabled={busy}
          onClick={() => void silentAnswers.withdraw(answer)}
        >
          {t('talk.answer.remove')}
        </button>
      </span>
    </li>
  );
}

/** The ids of the answers the document shows (a revealed answer keeps its id). */
export function shownIds(answers: readonly Answer[]): Set<string> {
  return new Set(answers.map((a) => a.id));
}
