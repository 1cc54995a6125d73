/**
 * How a table's votes are shown, everywhere (the map's badges, the results, the overview, the
 * outcome, the summary and its Markdown): per organisation. While the table votes anonymously
 * (conversation.anonymousVotes) only anonymous votes count, and only through anonymousRows, so no
 * screen can show one partner's vote; otherwise only named votes count.
 */
import { anonymousRows } from './anonymousTally.ts';
import { type Tally, tallyByOrganisation, type Vote, type VoteQuestion } from './votes.ts';

/** An organisation ('' for none given) or null for "overige" (anonymous: several together). */
export type VoteRow = [organisation: string | null, tally: Tally];

/** An anonymous vote carries no name: its author is a ballot key (protocol, ballotKey). */
export const isAnonymousVote = (v: Pick<Vote, 'name'>) => v.name === '';

export function countedVotes<V extends Vote>(votes: Iterable<V>, anonymous: boolean): V[] {
  return [...votes].filter((v) => isAnonymousVote(v) === anonymous);
}

export function voteRows(
  votes: Iterable<Vote>,
  subject: string,
  question: VoteQuestion,
  anonymous: boolean,
): VoteRow[] {
  const counted = countedVotes(votes, anonymous).filter(
    (v) => v.subject === subject && v.question === question,
  );
  if (!anonymous) return tallyByOrganisation(counted, subject, question);
  return anonymousRows(counted).map((r) => [r.organisation, r.tally]);
}
