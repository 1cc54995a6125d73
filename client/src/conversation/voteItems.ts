/**
 * What can be voted on, in the order of the loop: the pattern as a whole ("Herkenbaar?" asked
 * once), each loop when there are several, then the steps of the first loop in loop order, then
 * the steps in no loop. The map's vote buttons, the list view and the results all use this order.
 */
import { readMapCards, stepOrder, VOTE_QUESTIONS, type VoteQuestion } from '@patroonkaart/model';
import { useEditor, useValue } from 'tldraw';
import { pageRecords } from '../canvas/stepGraph.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoopStore } from '../state/loopStore.ts';

export interface VoteItem {
  subject: string;
  label: string;
  questions: VoteQuestion[];
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 58)}…` : text || '…');

export function useVoteItems(): VoteItem[] {
  const t = useT();
  const editor = useEditor();
  const loops = useLoopStore((s) => s.loops);
  const steps = useValue('steps to vote on', () => readMapCards(pageRecords(editor)).steps, [editor]);
  const order = stepOrder(
    steps.map((s) => s.id),
    loops[0]?.steps,
  );
  const byId = new Map(steps.map((s) => [s.id, s]));
  const inLoop = new Set(loops[0]?.steps ?? []);
  return [
    { subject: 'pattern', label: t('vote.pattern'), questions: ['recognisable'] },
    // With one loop, the pattern is that loop: asking "Herkenbaar?" for both would ask it twice.
    ...(loops.length > 1
      ? loops.map((loop, i) => ({
          subject: loop.subject,
          label: loop.title || t('vote.loop', { n: i + 1 }),
          questions: ['recognisable'] as VoteQuestion[],
        }))
      : []),
    ...order
      .flatMap((id) => byId.get(id) ?? [])
      .map(({ id, text }, i) => ({
        subject: id,
        label: inLoop.has(id) ? `${t('list.step', { n: i + 1 })}: ${short(text)}` : short(text),
        questions: [...VOTE_QUESTIONS],
      })),
  ];
}
