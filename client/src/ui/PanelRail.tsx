/** On phones and tablets: the toggles of our panels, in a narrow column at the left of the canvas. */
import { useT } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { type PanelKey, useCompactLayout, usePanels } from './compactLayout.ts';

export function PanelRail({ panels }: { panels: readonly PanelKey[] }) {
  const t = useT();
  const compact = useCompactLayout();
  const { open, toggle } = usePanels();
  if (!compact) return null;
  return (
    <nav className="pk-rail" aria-label={t('rail.label')} data-testid="panel-rail">
      {panels.map((key) => (
        <button
          key={key}
          type="button"
          className="pk-button pk-rail__button"
          aria-expanded={open === key}
          data-testid={`rail-${key}`}
          onClick={() => toggle(key)}
        >
          {t(`rail.${key}` as MessageKey)}
        </button>
      ))}
    </nav>
  );
}
