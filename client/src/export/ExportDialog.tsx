/**
 * "Exporteren": the map as PNG, SVG or a .patroonkaart.json file; and importing such a file as a
 * copy beside what is there. Everything happens in the browser, so it works for every role and
 * while offline.
 */
import { exportFileName, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { FIRST_STEP } from '@patroonkaart/schema';
import { useState } from 'react';
import { useEditor } from 'tldraw';
import { type MessageKey, useLocale, useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { presentPeople } from '../sync/presentPeople.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { MapFileButton } from '../ui/MapFileButton.tsx';
import { exportImage, exportShapeIds, type ImageExportOptions } from './exportMap.ts';
import { buildMapFile, MapFileProblem, parseMapFile, placeMapRecords } from './mapFile.ts';
import { download } from './rasterize.ts';
import { summariseSelection } from './selectionSummary.ts';

type Format = ImageExportOptions['format'] | 'json';

export function ExportDialog({ onClose }: { onClose(): void }) {
  const editor = useEditor();
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const canEdit = useRoomStore((s) => s.role !== 'view');
  const hasSelection = editor.getSelectedShapeIds().length > 0;
  const [format, setFormat] = useState<Format>('png');
  const [scope, setScope] = useState<'all' | 'selection'>('all');
  const [background, setBackground] = useState<'white' | 'transparent'>('white');
  const [scale, setScale] = useState<1 | 2 | 3>(2);
  const [legend, setLegend] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const { connection } = useRoomContext();
  // The legend names every organisation that took part, not only who is online now: those
  // present, and those who voted, answered or took on a first step (steps' chips come from the map).
  const partnerOrganisations = () => {
    const { votes, answers } = useConversationStore.getState();
    const present = presentPeople(connection.provider.awareness.getStates()).map((p) => p.organisation);
    const owners = editor
      .getCurrentPageShapes()
      .filter((s) => s.type === FIRST_STEP)
      .map((s) => (s.props as { who?: unknown }).who);
    const seen = new Map<string, string>();
    for (const o of [
      ...present,
      ...votes.map((v) => v.organisation),
      ...answers.map((a) => a.organisation),
      ...owners,
    ])
      if (typeof o === 'string' && o.trim()) {
        const name = o.trim().slice(0, MAX_ORGANISATION_CHARS);
        if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
      }
    return [...seen.values()];
  };

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      if (format === 'json') {
        const ids = exportShapeIds(editor, scope);
        const title = summariseSelection(editor, new Set(ids)).title || 'patroonkaart';
        const file = buildMapFile(editor, ids, title);
        download(
          new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }),
          exportFileName(title, new Date(), 'json').replace(/\.json$/, '.patroonkaart.json'),
        );
      } else {
        const file = await exportImage(
          editor,
          { format, scope, background, scale, includeTitleAndLegend: legend },
          locale,
          partnerOrganisations(),
        );
        download(file.blob, file.fileName);
      }
      onClose();
    } catch (error) {
      console.error('Patroonkaart: export failed', error);
      setMessage(
        t(error instanceof Error && error.message === 'empty' ? 'export.error.empty' : 'export.error.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    try {
      const records = parseMapFile(await file.text());
      const ids = placeMapRecords(editor, records);
      editor.select(...ids);
      editor.zoomToSelection({ animation: { duration: 300 } });
      onClose();
    } catch (error) {
      const code = error instanceof MapFileProblem ? error.code : 'not-a-map';
      setMessage(t(`import.error.${code}` as MessageKey));
    }
  };

  const radio = <V extends string | number>(
    name: string,
    value: V,
    current: V,
    set: (v: V) => void,
    label: string,
    disabled = false,
  ) => (
    <label className="pk-choice">
      <input
        type="radio"
        name={name}
        checked={current === value}
        disabled={disabled}
        onChange={() => set(value)}
      />
      {label}
    </label>
  );

  return (
    <Dialog titleId="export-title" onClose={onClose} testId="export-dialog">
      <h2 id="export-title">{t('export.title')}</h2>
      <fieldset>
        <legend>{t('export.format')}</legend>
        {radio('format', 'png', format, setFormat, 'PNG')}
        {radio('format', 'svg', format, setFormat, 'SVG')}
        {radio('format', 'json', format, setFormat, t('export.json'))}
      </fieldset>
      <fieldset>
        <legend>{t('export.scope')}</legend>
        {radio('scope', 'all', scope, setScope, t('export.scope.all'))}
        {radio('scope', 'selection', scope, setScope, t('export.scope.selection'), !hasSelection)}
      </fieldset>
      {format !== 'json' ? (
        <>
          <fieldset>
            <legend>{t('export.background')}</legend>
            {radio('background', 'white', background, setBackground, t('export.background.white'))}
            {radio(
              'background',
              'transparent',
              background,
              setBackground,
              t('export.background.transparent'),
            )}
          </fieldset>
          {format === 'png' ? (
            <fieldset>
              <legend>{t('export.scale')}</legend>
              {radio('scale', 1, scale, setScale, '1x')}
              {radio('scale', 2, scale, setScale, '2x')}
              {radio('scale', 3, scale, setScale, '3x')}
            </fieldset>
          ) : null}
          <label className="pk-choice">
            <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} />
            {t('export.legend')}
          </label>
        </>
      ) : null}
      {message ? (
        <p className="pk-error" role="alert" data-testid="export-message">
          {message}
        </p>
      ) : null}
      <div className="pk-dialog-actions">
        {canEdit ? (
          <MapFileButton label={t('import.button')} testId="import-file" onFile={(f) => void importFile(f)} />
        ) : (
          <span />
        )}
        <span className="pk-dialog-actions__right">
          <button type="button" className="pk-button" onClick={onClose}>
            {t('share.close')}
          </button>
          <button
            type="button"
            className="pk-button pk-button--primary"
            disabled={busy}
            onClick={run}
            data-testid="export-run"
          >
            {busy ? t('export.busy') : t('export.run')}
          </button>
        </span>
      </div>
    </Dialog>
  );
}
