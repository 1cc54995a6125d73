/** The − / + in a side panel's header: folds the panel to its header, remembered on this device. */
import { useT } from '../i18n/i18n.ts';
import { usePanelMode } from './compactLayout.ts';
import { type FoldablePanel, usePanelFolds } from './panelFolds.ts';

/** Whether the panel shows only its header now (never on phones and tablets, where it is a sheet). */
export function useFolded(panel: FoldablePanel): boolean {
  const folded = usePanelFolds((s) => s.folded.has(panel));
  const mode = usePanelMode(panel);
  return folded && mode === 'panel';
}

export function FoldButton({
  panel,
  name,
  controls,
}: {
  panel: FoldablePanel;
  name: string;
  controls: string;
}) {
  const t = useT();
  const folded = useFolded(panel);
  const toggle = usePanelFolds((s) => s.toggle);
  const mode = usePanelMode(panel);
  if (mode !== 'panel') return null;
  const label = t(folded ? 'panel.expand' : 'panel.collapse', { name });
  return (
    <button
      type="button"
      className="pk-button pk-button--small pk-fold"
      aria-expanded={!folded}
      aria-controls={controls}
      aria-label={label}
      title={label}
      data-testid={`fold-${panel}`}
      onClick={() => toggle(panel)}
    >
      {folded ? '+' : '−'}
    </button>
  );
}
