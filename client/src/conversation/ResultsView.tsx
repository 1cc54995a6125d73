/**
 * The vote results in loop order, as one view: opened by anyone from the voting banner, and put on
 * every screen at once when the facilitator shows it ("Toon uitslag aan iedereen").
 */
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { conversationActions as act } from './conversationActions.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { useVoteItems } from './voteItems.ts';

export function ResultsView({ onClose }: { onClose(): void }) {
  const t = useT();
  const items = useVoteItems();
  const shown = useConversationStore((s) => s.conversation.resultsShown);
  const anonymous = useConversationStore((s) => s.conversation.anonymousVotes);
  const lead = useRoomStore((s) => s.role === 'facilitator');
  const { connection } = useRoomContext();
  return (
    <Dialog titleId="results-title" onClose={onClose} className="pk-results" testId="results-view">
      <h2 id="results-title">{t('results.title')}</h2>
      <p className="pk-hint">{t('results.intro')}</p>
      {anonymous ? (
        <p className="pk-hint" data-testid="results-anonymous">
          {t('vote.anonymous')} {t('vote.anonymous.more')}
        </p>
      ) : null}
      {shown ? <p className="pk-hint">{t('results.shownByLead')}</p> : null}
      <ResultsTable items={items} />
      <div className="pk-dialog-actions">
        {lead && shown ? (
          <button
            type="button"
            className="pk-button"
            data-testid="hide-results-everywhere"
            onClick={() => act.showResults(connection.doc, false)}
          >
            {t('talk.results.hide')}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="pk-button pk-button--primary" onClick={onClose}>
          {t('results.close')}
        </button>
      </div>
    </Dialog>
  );
}
