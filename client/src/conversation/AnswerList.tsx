/** The shared answers of one round, each with its author's organisation; authors edit their own. */
import { type Answer, answersOfRound, MAX_ANSWER_CHARS } from '@patroonkaart/model';
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { colourForOrganisation } from '../state/localUser.ts';
import { useMe } from '../state/meStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { conversationActions as act } from './conversationActions.ts';

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
  const author = useMe((s) => s.author);
  const [draft, setDraft] = useState('');
  const list = answersOfRound(answers, round);
  return (
    <section className="pk-talk__answers" aria-label={t('talk.answers')}>
      <h3>{t('talk.answers')}</h3>
      {list.length === 0 ? <p className="pk-hint">{t('talk.answer.none')}</p> : null}
      <ul>
        {list.map((a) => (
          <AnswerItem key={a.id} answer={a} mine={a.author === author} />
        ))}
      </ul>
      {canWrite ? (
        <form
          className="pk-talk__add"
          onSubmit={(e) => {
            e.preventDefault();
            act.addAnswer(connection.doc, round, draft);
            setDraft('');
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
          <button type="submit" className="pk-button" disabled={!draft.trim()} data-testid="answer-add">
            {t('talk.answer.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
