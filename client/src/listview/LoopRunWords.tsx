/**
 * The loop in motion, in words, for the keyboard and the screen reader: how a change ("meer") at
 * the first step runs around each loop, arrow by arrow, and what the loop does with it. The same
 * plan the canvas plays (model planLoopRun), one lap.
 */
import { planLoopRun } from '@patroonkaart/model';
import { useT } from '../i18n/i18n.ts';
import { useLoopStore } from '../state/loopStore.ts';

export function LoopRunWords({ numberOf }: { numberOf(stepId: string): number }) {
  const t = useT();
  const loops = useLoopStore((s) => s.loops);
  if (loops.length === 0) return null;
  const word = (d: number) => (d > 0 ? t('loopRun.more') : t('loopRun.less'));
  return (
    <ul className="pk-list__runs" data-testid="loop-run-words">
      {loops.map((loop) => {
        const [first] = loop.steps;
        if (first === undefined) return null;
        const run = planLoopRun(loop, { laps: 1 });
        const path = [
          `${t('list.step', { n: numberOf(first) })} ${word(1)}`,
          ...run.legs.map((leg) => `${t('list.step', { n: numberOf(leg.to) })} ${word(leg.direction)}`),
        ].join(' → ');
        return (
          <li key={loop.key}>{t('loopRun.words', { steps: path, type: t(`loopRun.done.${run.type}`) })}</li>
        );
      })}
    </ul>
  );
}
