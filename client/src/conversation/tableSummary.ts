/**
 * What a table leaves behind, read from the same records the canvas shows (never a screenshot):
 * the pattern's title, its steps in loop order, the behaviours with their utterances, the votes per
 * organisation, the answers per round, the first steps with their owners, "Wat neem je mee?".
 */
import {
  type Answer,
  answersOfRound,
  findLoops,
  ROUNDS,
  type Tally,
  tallyByOrganisation,
  type Vote,
  type VoteQuestion,
} from '@patroonkaart/model';
import { stepArrows } from '@patroonkaart/picture';
import { linkedSteps } from '@patroonkaart/schema';

type Rec = Record<string, unknown>;

export interface TableSummary {
  title: string;
  loopSteps: string[];
  otherSteps: string[];
  behaviours: { name: string; utterance: string }[];
  /** Per voted item: its label, the question, and the count per organisation. */
  votes: { item: string; question: VoteQuestion; byOrganisation: [string, Tally][] }[];
  /** Per round 1-5, its answers. */
  answers: { round: number; answers: { text: string; name: string; organisation: string }[] }[];
  firstSteps: { what: string; who: string; step: string }[];
}

const props = (r: Rec) => (r.props ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function summariseTable(
  records: readonly Rec[],
  labels: { pattern: string; loop: string },
): TableSummary {
  const shapes = records.filter((r) => r.typeName === 'shape');
  const steps = shapes
    .filter((s) => s.type === 'loop-step')
    .sort((a, b) => str(a.index).localeCompare(str(b.index)));
  const stepIds = new Set(steps.map((s) => str(s.id)));
  const textOf = (id: string) => str(props(steps.find((s) => s.id === id) ?? {}).text);
  const { loops } = findLoops({ steps: [...stepIds], arrows: stepArrows(records, stepIds) });
  const loop = loops[0] ?? [];
  const votes = records.filter((r) => r.typeName === 'vote') as unknown as Vote[];
  const answers = records.filter((r) => r.typeName === 'answer') as unknown as Answer[];
  const subjects = [
    { subject: 'pattern', label: labels.pattern },
    ...loops.map((l, i) => ({ subject: `loop/${[...l].sort()[0]}`, label: `${labels.loop} ${i + 1}` })),
    ...steps.map((s) => ({ subject: str(s.id), label: str(props(s).text) })),
  ];
  const voteRows: TableSummary['votes'] = [];
  for (const { subject, label } of subjects)
    for (const question of ['recognisable', 'contributes'] as VoteQuestion[]) {
      const byOrganisation = tallyByOrganisation(votes, subject, question);
      if (byOrganisation.length > 0) voteRows.push({ item: label, question, byOrganisation });
    }
  const behaviours = new Map<string, { name: string; utterance: string }>();
  for (const b of shapes.filter((s) => s.type === 'behaviour')) {
    const name = str(props(b).name);
    const utterance = str(props(b).utterance);
    behaviours.set(`${name}|${utterance}`, { name, utterance });
  }
  const title = shapes.find((s) => s.type === 'pattern-title');
  const links = linkedSteps(records);
  return {
    title: title ? str(props(title).text) : '',
    loopSteps: loop.map(textOf),
    otherSteps: steps
      .filter((s) => !loop.includes(str(s.id)))
      .map((s) => str(props(s).text))
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
    firstSteps: shapes
      .filter((s) => s.type === 'first-step')
      .map((s) => ({
        what: str(props(s).what),
        who: str(props(s).who),
        step: textOf(links.get(str(s.id)) ?? ''),
      })),
  };
}
