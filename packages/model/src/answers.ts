/** A partner's short answer in a round: a shared list, each answer with its author's organisation. */

export const MAX_ANSWER_CHARS = 500;

export interface Answer {
  id: string;
  typeName: 'answer';
  round: number;
  text: string;
  author: string;
  name: string;
  organisation: string;
  /** Server milliseconds when it was written, for the order of the list. */
  createdAt: number;
}

export function answersOfRound(answers: Iterable<Answer>, round: number): Answer[] {
  return [...answers]
    .filter((a) => a.round === round)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
