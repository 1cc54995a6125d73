/** Vote tallies as partners read them: "2 ja · 1 een beetje", per organisation, in the UI's words. */
import {
  type Tally,
  tallyByOrganisation,
  VOTE_VALUES,
  type Vote,
  type VoteQuestion,
} from '@patroonkaart/model';
import type { MessageKey } from '../i18n/nl.ts';

export function summarise(tally: Tally, t: (key: MessageKey) => string): string {
  return VOTE_VALUES.filter((v) => tally[v] > 0)
    .map((v) => `${tally[v]} ${t(`vote.${v}`)}`)
    .join(' · ');
}

export function tallies(votes: readonly Vote[], subject: string, question: VoteQuestion) {
  return tallyByOrganisation(votes, subject, question);
}
