/**
 * What a table leaves behind, read from the same records the canvas shows (never a screenshot):
 * the pattern's title, its steps in loop order, the behaviours with their utterances, the votes per
 * organisation, the answers per round, the first steps with their owners, "Wat neem je mee?". The
 * map is read by the model's one reader (readLoopMap); the vote questions are the model's.
 */
import {
  type Answer,
  answersOfRound,
  ROUNDS,
  readConversation,
  readLoopMap,
  voteRows as rowsOf,
  VOTE_QUESTIONS,
  type Vote,
  type VoteQuestion,
  type VoteRow,
} from '@patroonkaart/model';

type Rec = Record<string, unknown>;

export interface TableSummary {
  title: string;
  loopSteps: string[];
  otherSteps: string[];
  behaviours: { name: string; utterance: string }[];
  /** Per voted item: its label, the question, and the count per organisation. */
  /** Anonymous votes only through anonymousRows: an organisation null is "overige" (model voteRows). */
  votes: { item: string; question: VoteQuestion; byOrganisation: VoteRow[] }[];
  /** Per round 1-5, its answers. */
  answers: { round: number; answers: { text: string; name: string; organisation: string }[] }[];
  firstSteps: { what: string; who: string; step: string }[];
}

export function summariseTable(
  records: readonly Rec[],
  labels: { pattern: string; loop: string },
): TableSummary {
  const map = readLoopMap(records);
  const textOf = (id: string | null) => map.steps.find((s) => s.id === id)?.text ?? '';
  const loop = map.loops[0]?.steps ?? [];
  const inLoop = new Set(loop);
  const votes = records.filter((r) => r.typeName === 'vote') as unknown as Vote[];
  const conversation = records.find((r) => r.typeName === 'conversation');
  const anonymous = conversation ? readConversation(conversation).anonymousVotes : false;
  const answers = records.filter((r) => r.typeName === 'answer') as unknown as Answer[];
  const subjects = [
    { subject: 'pattern', label: labels.pattern },
    ...map.loops.map((l, i) => ({ subject: l.subject, label: `${labels.loop} ${i + 1}` })),
    ...map.steps.map((s) => ({ subject: s.id, label: s.text })),
  ];
  const voteRows: TableSummary['votes'] = [];
  for (const { subject, label } of subjects)
    for (const question of VOTE_QUESTIONS) {
      const byOrganisation = rowsOf(votes, subject, question, anonymous);
      if (byOrganisation.length > 0) voteRows.push({ item: label, question, byOrganisation });
    }
  const behaviours = new Map<string, { name: string; utterance: string }>();
  for (const { name, utterance } of map.bubbles) behaviours.set(`${name}|${utterance}`, { name, utterance });
  return {
    title: map.title,
    loopSteps: loop.map(textOf),
    otherSteps: map.steps
      .filter((s) => !inLoop.has(s.id))
      .map((s) => s.text)
      .filter((text) => text.trim() !== ''),
    behaviours: [...behaviours.values()],
    votes: voteRows,
    answers: ROUNDS.map((_, i) => ({
      round: i + 1,
      answers: answersOfRound(answers, i + 1).map((a) => ({
        text: a.text,
        name: a.name,
        organisation: a.organisation,
      })),
    })),
    firstSteps: map.firstSteps.map((f) => ({ what: f.what, who: f.who, step: textOf(f.step) })),
  };
}
