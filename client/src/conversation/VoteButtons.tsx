/**
 * One vote as three buttons (ja / een beetje / nee), my current choice pressed: on a step card,
 * in the voting banner for the pattern. Buttons, not a dropdown, so a vote is one click or one
 * key press, and each is a plain focusable control.
 */
import { VOTE_VALUES, type VoteQuestion, voteId } from '@patroonkaart/model';
import { useEditor } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { conversationActions as act } from './conversationActions.ts';
import { useVoter } from './useVoter.ts';

export function VoteButtons({
  question,
  subject,
  label,
  compact = false,
}: {
  question: VoteQuestion;
  subject: string;
  /** What is voted on, for a screen reader ("Herkenbaar? Stap 3: …"). */
  label: string;
  /** On a step card: the question's short form (the buttons' names keep the whole question). */
  compact?: boolean;
}) {
  const t = useT();
  const editor = useEditor();
  const { connection } = useRoomContext();
  const voter = useVoter();
  const mine = useConversationStore((s) =>
    voter.key ? s.votes.find((v) => v.id === voteId(voter.key ?? '', question, subject))?.value : undefined,
  );
  return (
    // On the canvas a press must vote, not start a drag or a selection of the card under it.
    <fieldset
      className="pk-vote-buttons"
      onPointerDown={(e) => editor.markEventAsHandled(e)}
      onPointerUp={(e) => editor.markEventAsHandled(e)}
      onDoubleClick={(e) => editor.markEventAsHandled(e)}
      data-testid={`map-vote-${question}-${subject}`}
    >
      <legend className="pk-vote-buttons__question" title={t(`vote.${question}`)}>
        {compact ? t(`vote.${question}.short`) : t(`vote.${question}`)}
      </legend>
      {VOTE_VALUES.map((value) => (
        <button
          key={value}
          type="button"
          className="pk-vote-buttons__choice"
          aria-pressed={mine === value}
          aria-label={`${t(`vote.${question}`)} ${label}: ${t(`vote.${value}`)}`}
          data-value={value}
          onClick={() => act.vote(connection.doc, question, subject, value, voter)}
        >
          {t(`vote.${value}`)}
        </button>
      ))}
    </fieldset>
  );
}
