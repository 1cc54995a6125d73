/** The loops partners have drawn, as they draw them: title, length, hover to highlight. */
import { useEditor } from 'tldraw';
import { arrangeAsLoop } from '../canvas/arrangeAsLoop.ts';
import { useT } from '../i18n/i18n.ts';
import { updateConversation } from '../state/conversationStore.ts';
import { useLoopStore } from '../state/loopStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { serverNow } from '../sync/serverClock.ts';
import { usePanelMode } from '../ui/compactLayout.ts';
import { FoldButton, useFolded } from '../ui/FoldButton.tsx';
import { useLoopRun } from './loopRunStore.ts';

/** A run for every screen starts this far ahead, so that every screen has it before it begins. */
const SHARED_RUN_LEAD_MS = 700;

/** `onArranged`: after 'Als lus schikken', so the room can bring the new layout into view. */
export function LoopPanel({ canEdit, onArranged }: { canEdit: boolean; onArranged?(): void }) {
  const editor = useEditor();
  const t = useT();
  const { loops, inNoLoop, stepCount, truncated, setHighlighted } = useLoopStore();
  const mode = usePanelMode('loops');
  const folded = useFolded('loops');
  const { connection } = useRoomContext();
  const lead = useRoomStore((s) => s.role === 'facilitator');
  // The facilitator plays a loop for every screen at once; a partner for their own screen.
  const play = (key: string) => {
    if (lead)
      updateConversation(connection.doc, (c) => ({
        ...c,
        loopRun: { loop: key, startsAt: Math.round(serverNow() + SHARED_RUN_LEAD_MS) },
      }));
    else useLoopRun.getState().play(key, serverNow());
  };
  if (stepCount === 0 || mode === 'hidden') return null;
  return (
    <section
      className={`pk-loops${mode === 'sheet' ? ' pk-sheet' : ''}${folded ? ' pk-folded' : ''}`}
      aria-labelledby="loops-title"
      data-testid="loop-panel"
    >
      <header className="pk-panel-head">
        <h2 id="loops-title">{t('loops.title')}</h2>
        <FoldButton panel="loops" name={t('loops.title')} controls="loops-body" />
      </header>
      <div id="loops-body" hidden={folded}>
        {loops.length === 0 ? (
          <p className="pk-loops__open" data-testid="loops-none">
            {t('loops.none')}
          </p>
        ) : (
          <ul>
            {loops.map((loop, i) => (
              <li
                key={loop.key}
                data-testid="loop-item"
                data-length={loop.steps.length}
                onMouseEnter={() => setHighlighted(loop.steps)}
                onMouseLeave={() => setHighlighted([])}
              >
                <span className="pk-loops__name">{loop.title || t('loops.untitled', { n: i + 1 })}</span>
                <span className="pk-loops__len">{t('loops.length', { count: loop.steps.length })}</span>
                <span
                  className="pk-loops__type"
                  data-testid="loop-type"
                  data-type={loop.type}
                  title={t(`loops.type.${loop.type}.explain`)}
                >
                  {t(`loops.type.${loop.type}`)}
                </span>
                <button
                  type="button"
                  className="pk-button pk-button--small"
                  data-testid="play-loop"
                  title={lead ? t('loopRun.play.everyone') : undefined}
                  onClick={() => play(loop.key)}
                >
                  {t('loopRun.play')}
                </button>
                {canEdit ? (
                  <button
                    type="button"
                    className="pk-button pk-button--small"
                    onClick={() => {
                      arrangeAsLoop(editor, loop.steps);
                      onArranged?.();
                    }}
                  >
                    {t('loops.arrange')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {inNoLoop.size > 0 ? (
          <p className="pk-loops__open" data-testid="steps-open">
            {t('loops.openSteps', { count: inNoLoop.size })}
          </p>
        ) : null}
        {loops.some((l) => l.type !== '?') ? (
          <p className="pk-hint">
            {loops.some((l) => l.type === 'R') ? `${t('loops.type.R')}: ${t('loops.type.R.explain')} ` : ''}
            {loops.some((l) => l.type === 'B') ? `${t('loops.type.B')}: ${t('loops.type.B.explain')}` : ''}
          </p>
        ) : null}
        {truncated ? <p className="pk-hint">{t('loops.truncated')}</p> : null}
      </div>
    </section>
  );
}
