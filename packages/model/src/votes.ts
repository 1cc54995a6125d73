/**
 * "Herkenbaar?" per loop and per step, and "Draagt mijn organisatie hieraan bij?" per step: one
 * vote per partner per item, kept under an id made of the partner's author key, the question and
 * the item, so a second vote of the same partner is the same record, changed.
 */

export const VOTE_QUESTIONS = ['recognisable', 'contributes'] as const;
export type VoteQuestion = (typeof VOTE_QUESTIONS)[number];
export const VOTE_VALUES = ['yes', 'somewhat', 'no'] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

export interface Vote {
  id: string;
  typeName: 'vote';
  author: string;
  name: string;
  organisation: string;
  question: VoteQuestion;
  /** A step's shape id, or a loop's key (loopSubject). */
  subject: string;
  value: VoteValue;
}

export function voteId(author: string, question: VoteQuestion, subject: string): string {
  return `vote:${author}/${question}/${subject}`;
}

/** A loop is named after its smallest step id: stable while the loop keeps that step. */
export function loopSubject(stepIds: readonly string[]): string {
  return `loop/${[...stepIds].sort()[0] ?? ''}`;
}

export type Tally = Record<VoteValue, number>;

/** Per organisation ('' for partners who gave none), the count of each answer, sorted by name. */
export function tallyByOrganisation(
  votes: Iterable<Vote>,
  subject: string,
  question: VoteQuestion,
): [string, Tally][] {
  const byOrg = new Map<string, Tally>();
  for (const v of votes) {
    if (v.subject !== subject || v.question !== question) continue;
    const tally = byOrg.get(v.organisation) ?? { yes: 0, somewhat: 0, no: 0 };
    tally[v.value]++;
    byOrg.set(v.organisation, tally);
  }
  return [...byOrg].sort(([a], [b]) => a.localeCompare(b, 'nl'));
}
