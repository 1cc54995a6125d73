/**
 * When the facilitator ends the conversation, every screen shows the table's outcome: the same
 * content as the workshop summary (TableOutcome over summariseTable), read from this room's own
 * records. Each screen can go back to the map and open the outcome again from the panel.
 */
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { TableOutcome } from './TableOutcome.tsx';
import { summariseTable } from './tableSummary.ts';

function useRecords(): Record<string, unknown>[] {
  const { connection } = useRoomContext();
  const index = recordIndex(connection.doc);
  const [version, setVersion] = useState(0);
  useEffect(() => index.onChange(() => setVersion((v) => v + 1)), [index]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the index's change counter
  return useMemo(
    () => index.ids().flatMap((id) => (index.get(id) ? [index.get(id) as Record<string, unknown>] : [])),
    [index, version],
  );
}

export function OutcomeView({ onClose }: { onClose(): void }) {
  const t = useT();
  const records = useRecords();
  const summary = summariseTable(records, {
    pattern: t('vote.pattern'),
    loop: t('vote.loop', { n: '' }).trim(),
  });
  return (
    <Dialog titleId="outcome-title" onClose={onClose} className="pk-outcome" testId="outcome-view">
      <h2 id="outcome-title">
        {t('outcome.title')}
        {summary.title ? `: ${summary.title}` : ''}
      </h2>
      <TableOutcome summary={summary} />
      <div className="pk-dialog-actions">
        <span />
        <button type="button" className="pk-button pk-button--primary" onClick={onClose}>
          {t('outcome.close')}
        </button>
      </div>
    </Dialog>
  );
}
