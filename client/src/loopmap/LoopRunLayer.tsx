/**
 * The loop in motion, drawn in front of the canvas: a pulse travels each arrow of the loop in turn
 * (model planLoopRun), and each step it reaches shows how it moves: ▲ meer or ▼ minder, larger as
 * a reinforcing loop comes round stronger, smaller as a balancing one settles. Every screen follows
 * the server's clock, so a run the facilitator starts plays at the same moment everywhere. With
 * prefers-reduced-motion the pulse does not travel: the steps change one by one at the same times.
 */
import { type LoopRun, legAt, planLoopRun, stepDirectionsAt } from '@patroonkaart/model';
import { useEffect, useMemo, useState } from 'react';
import { useEditor, useValue } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useLoopStore } from '../state/loopStore.ts';
import { serverNow } from '../sync/serverClock.ts';
import { useLoopRun } from './loopRunStore.ts';

type Point = { x: number; y: number };

/** After the last lap the steps keep their final direction this long, then the run is put away. */
const HOLD_MS = 8_000;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export function LoopRunLayer() {
  const t = useT();
  const editor = useEditor();
  const shared = useConversationStore((s) => s.conversation.loopRun);
  const own = useLoopRun((s) => s.own);
  const run = own ?? shared;
  const loop = useLoopStore((s) => s.loops.find((l) => l.key === run?.loop));
  const plan: LoopRun | null = useMemo(() => (loop ? planLoopRun(loop) : null), [loop]);
  const [now, setNow] = useState(serverNow);
  const playing = Boolean(run && plan && now < run.startsAt + plan.durationMs + HOLD_MS);
  useEffect(() => {
    if (!run || !plan) return;
    let frame = 0;
    const tick = () => {
      setNow(serverNow());
      if (serverNow() < run.startsAt + plan.durationMs + HOLD_MS) frame = requestAnimationFrame(tick);
      else if (own) useLoopRun.getState().stop();
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [run, plan, own]);
  const centres = useValue('loop run centres', () => {
    if (!loop) return new Map<string, { centre: Point; edge: Point }>();
    return new Map(
      loop.steps.map((id) => {
        const b = editor.getShapePageBounds(id as never);
        if (!b) return [id, { centre: { x: -1000, y: -1000 }, edge: { x: -1000, y: -1000 } }];
        // The pulse runs between the cards' middles; a step's badge sits on its lower edge, off its text.
        return [
          id,
          { centre: editor.pageToViewport(b.center), edge: editor.pageToViewport({ x: b.midX, y: b.maxY }) },
        ];
      }),
    );
  }, [editor, loop]);
  if (!run || !plan || !loop || !playing) return null;
  const elapsed = now - run.startsAt;
  if (elapsed < 0) return null;
  const directions = stepDirectionsAt(plan, elapsed);
  const under = legAt(plan, elapsed);
  const strengthAt = (stepId: string) =>
    [...plan.legs].reverse().find((l) => l.to === stepId && l.startMs + l.durationMs <= elapsed)?.strength ??
    1;
  const pulse = (() => {
    if (!under || reducedMotion()) return null;
    const a = centres.get(under.leg.from)?.centre;
    const b = centres.get(under.leg.to)?.centre;
    if (!a || !b) return null;
    return {
      x: a.x + (b.x - a.x) * under.progress,
      y: a.y + (b.y - a.y) * under.progress,
      direction: under.leg.direction,
    };
  })();
  const done = elapsed >= plan.durationMs;
  // The caption sits in the middle of the loop, under its title, where the eye already is.
  const points = [...centres.values()].map((c) => c.centre);
  const middle = {
    x: points.reduce((n, p) => n + p.x, 0) / Math.max(1, points.length),
    y: points.reduce((n, p) => n + p.y, 0) / Math.max(1, points.length),
  };
  return (
    <div
      className="pk-loop-run"
      data-testid="loop-run"
      data-loop={loop.key}
      data-started-at={run.startsAt}
      data-done={done}
    >
      {[...centres].map(([id, c]) => {
        const direction = directions[id];
        if (!direction) return null;
        const size = Math.min(2.2, Math.max(0.6, strengthAt(id)));
        return (
          <span
            key={id}
            className={`pk-loop-run__step pk-loop-run__step--${direction > 0 ? 'up' : 'down'}`}
            data-testid="loop-run-step"
            data-step={id}
            data-direction={direction > 0 ? '+' : '-'}
            aria-hidden="true"
            style={{ left: c.edge.x, top: c.edge.y, transform: `translate(-50%, -50%) scale(${size})` }}
          >
            {direction > 0 ? `▲ ${t('loopRun.more')}` : `▼ ${t('loopRun.less')}`}
          </span>
        );
      })}
      {pulse ? (
        <span
          aria-hidden="true"
          className={`pk-loop-run__pulse pk-loop-run__pulse--${pulse.direction > 0 ? 'up' : 'down'}`}
          style={{ left: pulse.x, top: pulse.y }}
        />
      ) : null}
      <p
        className="pk-loop-run__caption"
        role="status"
        data-testid="loop-run-caption"
        style={{ left: middle.x, top: middle.y + 36 }}
      >
        {done ? t(`loopRun.done.${plan.type}`) : t('loopRun.playing')}
      </p>
    </div>
  );
}
