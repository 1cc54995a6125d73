/**
 * The shared answers of one round, each with its author's organisation; authors edit their own. In
 * a silent round my answers go to the server instead (silentAnswers.ts) and show here, to me alone,
 * as "nog verborgen" until the facilitator reveals them.
 */
import { type Answer, answersOfRound, MAX_ANSWER_CHARS } from '@patroonkaart/model';
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { colourForOrganisation } from '../state/localUser.ts';
import { useMe } from '../state/meStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { conversationActions as act } from './conversationActions.ts';
import {
  HiddenAnswerItem,
  SilentNotice,
  SilentProblem,
  SilentRoundControls,
  shownIds,
} from './SilentRound.tsx';
import { silentAnswers, useHiddenAnswers, waitingOfRound } from './silentAnswers.ts';

function AnswerItem({ answer, mine }: { answer: Answer; mine: boolean }) {
  const t = useT();
  const { connection } = useRoomContext();
  const [editing, setEditing] = useState<string | null>(null);
  const colour = colourForOrganisation({ id: answer.author, organisation: answer.organisation });
  return (
    <li className="pk-answer" data-testid="answer">
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
        <span className="pk-org-chip" style={{ background: colour }}>
          {answer.organisation || t('vote.noOrganisation')}
        </span>{' '}
        {answer.name}
      </span>
      {mine ? (
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
              onClick={() => {
                act.editAnswer(connection.doc, answer, editing);
                setEditing(null);
              }}
            >
              {t('talk.answer.save')}
            </button>
          )}
          <button
            type="button"
            className="pk-button pk-button--small"
            onClick={() => act.removeAnswer(connection.doc, answer)}
          >
            {t('talk.answer.remove')}
          </button>
        </span>
      ) : null}
    </li>
  );
}

export function AnswerList({ round, canWrite }: { round: number; canWrite: boolean }) {
  const t = useT();
  const { connection } = useRoomContext();
  const answers = useConversationStore((s) => s.answers);
  const silent = useConversationStore((s) => s.conversation.silentRounds.includes(round));
  const hidden = useHiddenAnswers((s) => s.answers);
  const busy = useHiddenAnswers((s) => s.busy);
  const author = useMe((s) => s.author);
  const lead = useRoomStore((s) => s.role === 'facilitator');
  const [draft, setDraft] = useState('');
  const list = answersOfRound(answers, round);
  // Mine that wait on the server; once revealed, the document shows them (same ids) instead.
  const waiting = canWrite ? waitingOfRound(hidden, round, shownIds(answers)) : [];
  return (
    <section className="pk-talk__answers" aria-label={t('talk.answers')}>
      <h3>{t('talk.answers')}</h3>
      <SilentNotice round={round} canWrite={canWrite} />
      {lead ? <SilentRoundControls round={round} /> : null}
      {list.length === 0 && waiting.length === 0 && !silent ? (
        <p className="pk-hint">{t('talk.answer.none')}</p>
      ) : null}
      <ul>
        {list.map((a) => (
          <AnswerItem key={a.id} answer={a} mine={a.author === author} />
        ))}
        {waiting.map((a) => (
          <HiddenAnswerItem key={a.id} answer={a} />
        ))}
      </ul>
      {canWrite ? (
        <form
          className="pk-talk__add"
          onSubmit={(e) => {
            e.preventDefault();
            // In a silent round the draft stays until the server has it.
            if (!silent) {
              act.addAnswer(connection.doc, round, draft);
              setDraft('');
            } else void silentAnswers.add(connection.doc, round, draft).then((kept) => kept && setDraft(''));
          }}
        >
          <textarea
            value={draft}
            maxLength={MAX_ANSWER_CHARS}
            rows={2}
            aria-label={t('talk.answer.label')}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="answer-input"
          />
          <button
            type="submit"
            className="pk-button"
            disabled={!draft.trim() || (silent && busy)}
            data-testid="answer-add"
          >
            {t('talk.answer.add')}
          </button>
        </form>
      ) : null}
      <SilentProblem />
    </section>
  );
}
