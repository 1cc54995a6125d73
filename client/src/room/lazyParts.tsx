/**
 * The room's dialogs that a partner does not need to see the map (list view, history, share, save
 * as template, the vote results and the table's outcome) load as chunks of their own, off the path
 * to a live canvas. Once the room is live they are fetched in the background (`prefetchDialogs`),
 * so they open at once, also offline later. Export comes with the room's tools (lazyTools.tsx),
 * which are fetched as soon as the canvas shows, online or not.
 * A chunk that cannot be fetched shows a plain message instead of breaking the room.
 */
import { type ComponentType, lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from '../ui/Dialog.tsx';

type DialogProps = { onClose(): void };

const loaders = {
  list: () => import('../listview/ListView.tsx').then((m) => m.ListView),
  history: () => import('../history/HistoryDialog.tsx').then((m) => m.HistoryDialog),
  share: () => import('./ShareDialog.tsx').then((m) => m.ShareDialog),
  saveTemplate: () => import('./SaveTemplateDialog.tsx').then((m) => m.SaveTemplateDialog),
  results: () => import('../conversation/ResultsView.tsx').then((m) => m.ResultsView),
  outcome: () => import('../conversation/OutcomeView.tsx').then((m) => m.OutcomeView),
};

function PartFailed({ onClose }: DialogProps) {
  const t = useT();
  return (
    <Dialog titleId="part-failed-title" onClose={onClose} testId="part-failed">
      <h2 id="part-failed-title">{t('room.partFailed.title')}</h2>
      <p>{t('room.partFailed.body')}</p>
      <button type="button" className="pk-button" onClick={onClose}>
        {t('share.close')}
      </button>
    </Dialog>
  );
}

/** A dialog from a chunk; if the chunk cannot be fetched, a dialog that says so in plain words. */
export function lazyDialog<P extends DialogProps>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazyPart(load, PartFailed);
}

/** A component from a chunk, with `Failed` in its place when the chunk cannot be fetched. */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Failed: ComponentType<P>,
): ComponentType<P> {
  // A failed fetch is not kept: the next time the part shows it is fetched again.
  const make = (): ComponentType<P> =>
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        () => {
          current = make();
          return { default: Failed };
        },
      ),
    );
  let current = make();
  return (props: P) => {
    const [Lazy] = useState(() => current);
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const ListView = lazyDialog(loaders.list);
export const HistoryDialog = lazyDialog(loaders.history);
export const ShareDialog = lazyDialog(loaders.share);
export const SaveTemplateDialog = lazyDialog(loaders.saveTemplate);
export const ResultsView = lazyDialog(loaders.results);
export const OutcomeView = lazyDialog(loaders.outcome);

/** Fetches every dialog's chunk in the background, once the canvas is live. */
export function prefetchDialogs(): void {
  const idle = (globalThis as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback;
  const run = () => {
    for (const load of Object.values(loaders)) load().catch(() => {});
  };
  if (idle) idle(run);
  else setTimeout(run, 1000);
}
