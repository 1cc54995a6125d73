/** On a step card: how each organisation answered "Herkenbaar?", a small labelled badge each. */
import { voteRows } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { organisationLabel, summarise } from '../i18n/voteSummary.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { colourForOrganisation } from '../state/localUser.ts';

export function StepVoteBadges({ stepId }: { stepId: string }) {
  const t = useT();
  const votes = useConversationStore((s) => s.votes);
  const anonymous = useConversationStore((s) => s.conversation.anonymousVotes);
  const rows = voteRows(votes, stepId, 'recognisable', anonymous);
  if (rows.length === 0) return null;
  return (
    <div className="pk-vote-badges" data-testid="step-vote-badges">
      {rows.map(([organisation, tally]) => (
        <span
          key={organisation ?? ''}
          className="pk-vote-badge"
          style={{
            borderColor: colourForOrganisation({ id: organisation ?? '', organisation: organisation ?? '' }),
          }}
        >
          {t('vote.badge', {
            organisation: organisationLabel(organisation, t),
            summary: summarise(tally, t),
          })}
        </span>
      ))}
    </div>
  );
}
