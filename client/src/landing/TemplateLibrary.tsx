/**
 * The template library on the landing page: the saved templates as cards beside the seed loops
 * (name, description, steps, a small picture of the map), chosen as a seed is; and "Beheer
 * sjablonen": export a template as a .patroonkaart.json file, import such a file as a template, and
 * remove one (asked first). Importing and removing take the landing page's creation code where the
 * server asks for one.
 */
import { slugify } from '@patroonkaart/model';
import type { LibraryTemplate } from '@patroonkaart/protocol';
import { useState } from 'react';
import { MapFileProblem, parseMapFile } from '../export/mapFile.ts';
import { download } from '../export/rasterize.ts';
import { type MessageKey, useLocale, useT } from '../i18n/i18n.ts';
import {
  ApiFailure,
  apiFailureMessage,
  deleteLibraryTemplate,
  getLibraryFile,
  importLibraryFile,
} from '../sync/api.ts';
import { addedToLibrary, removedFromLibrary, useLibraryRecords } from '../sync/library.ts';
import { ConfirmButtons } from '../ui/ConfirmButtons.tsx';
import { MapFileButton } from '../ui/MapFileButton.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';

/** The saved templates as cards to start a session from, like the seed loops above them. */
export function SavedTemplateCards({
  templates,
  busy,
  onChoose,
}: {
  templates: readonly LibraryTemplate[];
  /** The template a session is being created from, if any: every card waits meanwhile. */
  busy: string | null;
  onChoose(templateId: string): void;
}) {
  const t = useT();
  if (templates.length === 0) return null;
  return (
    <section className="pk-library" aria-labelledby="library-title">
      <h3 id="library-title">{t('library.heading')}</h3>
      <p className="pk-hint">{t('library.intro')}</p>
      <ul className="pk-templates" data-testid="saved-templates">
        {templates.map((tpl) => (
          <li key={tpl.id}>
            <button
              type="button"
              className="pk-template pk-template--saved"
              data-template={tpl.id}
              data-testid="saved-template"
              disabled={busy !== null}
              onClick={() => onChoose(tpl.id)}
            >
              <TemplatePicture template={tpl} />
              <span className="pk-template__title">{tpl.name}</span>
              {tpl.description ? <span className="pk-template__hint">{tpl.description}</span> : null}
              <span className="pk-template__meta">
                {busy === tpl.id ? t('landing.creating') : t('landing.steps', { count: tpl.stepCount })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The map of a saved template, small; the card's words say the same, so it is not read out. */
function TemplatePicture({ template }: { template: LibraryTemplate }) {
  const t = useT();
  const records = useLibraryRecords(template.id);
  return (
    <span className="pk-template__picture" aria-hidden="true">
      {records ? (
        <MapThumbnail
          records={records}
          label={t('library.thumb', { name: template.name })}
          width={240}
          height={120}
        />
      ) : null}
    </span>
  );
}

/** "Beheer sjablonen": export, import and remove. */
export function ManageTemplates({
  templates,
  failed,
  creationCode,
  onCodeUsed,
}: {
  templates: readonly LibraryTemplate[];
  /** The list could not be read. */
  failed: boolean;
  /** The code to send, where the server asks for one (null: it does not). */
  creationCode: string | null;
  /** A request with the code went through: the landing page remembers the code. */
  onCodeUsed(): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const date = (ms: number) =>
    new Date(ms).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' });

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setDone(null);
    setProblem(null);
    try {
      setDone(await work());
    } catch (failure) {
      setProblem(
        failure instanceof MapFileProblem
          ? t(`import.error.${failure.code}` as MessageKey)
          : t('library.manage.failed', { message: apiFailureMessage(locale, failure) }),
      );
    } finally {
      setBusy(false);
    }
  };

  const exportFile = (tpl: LibraryTemplate) =>
    act(async () => {
      const file = await getLibraryFile(tpl.id);
      download(
        new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }),
        `${slugify(tpl.name)}.patroonkaart.json`,
      );
      return t('library.manage.exported', { name: tpl.name });
    });

  /** Checked here first with the map import's own rules, so a wrong file is explained the same way. */
  const importFile = (file: File) =>
    act(async () => {
      const text = await file.text();
      parseMapFile(text);
      const template = await importLibraryFile(JSON.parse(text) as unknown, creationCode);
      if (creationCode !== null) onCodeUsed();
      addedToLibrary(template);
      return t('library.manage.imported', { name: template.name });
    });

  const remove = (tpl: LibraryTemplate) =>
    act(async () => {
      try {
        await deleteLibraryTemplate(tpl.id, creationCode);
      } catch (failure) {
        // Removed meanwhile from another page: gone here too, and said so.
        if (failure instanceof ApiFailure && failure.code === 'template-not-found') {
          setConfirming(null);
          removedFromLibrary(tpl.id);
        }
        throw failure;
      }
      if (creationCode !== null) onCodeUsed();
      setConfirming(null);
      removedFromLibrary(tpl.id);
      return t('library.manage.removed', { name: tpl.name });
    });

  return (
    <section
      className="pk-library-manage"
      aria-labelledby="library-manage-title"
      data-testid="library-manage"
    >
      <h2 id="library-manage-title">{t('library.manage.title')}</h2>
      <p>{t('library.manage.intro')}</p>
      {creationCode !== null ? <p className="pk-hint">{t('library.manage.codeNeeded')}</p> : null}
      <p>
        <MapFileButton
          label={t('library.manage.import')}
          testId="library-import"
          onFile={(f) => void importFile(f)}
        />
      </p>
      <p role="status" data-testid="library-done">
        {done}
      </p>
      {problem ? (
        <p className="pk-error" role="alert" data-testid="library-problem">
          {problem}
        </p>
      ) : null}
      {failed ? <p className="pk-error">{t('library.loadFailed')}</p> : null}
      {templates.length === 0 && !failed ? <p className="pk-hint">{t('library.manage.none')}</p> : null}
      <ul className="pk-library-manage__list">
        {templates.map((tpl) => (
          <li key={tpl.id} data-testid="library-entry" data-template={tpl.id}>
            <div className="pk-library-manage__row">
              <span className="pk-library-manage__name">
                <strong>{tpl.name}</strong>
                <span className="pk-hint">
                  {' · '}
                  {t('landing.steps', { count: tpl.stepCount })}
                  {' · '}
                  {t('library.manage.savedOn', { date: date(tpl.createdAt) })}
                </span>
              </span>
              <button
                type="button"
                className="pk-button"
                aria-label={t('library.manage.exportLabel', { name: tpl.name })}
                disabled={busy}
                data-testid="library-export"
                onClick={() => void exportFile(tpl)}
              >
                {t('library.manage.export')}
              </button>
              <button
                type="button"
                className="pk-button pk-button--danger"
                aria-label={t('library.manage.removeLabel', { name: tpl.name })}
                aria-expanded={confirming === tpl.id}
                disabled={busy}
                data-testid="library-remove"
                onClick={() => {
                  setDone(null);
                  setProblem(null);
                  setConfirming(confirming === tpl.id ? null : tpl.id);
                }}
              >
                {t('library.manage.remove')}
              </button>
            </div>
            {confirming === tpl.id ? (
              <div className="pk-library-manage__confirm" data-testid="library-remove-question">
                <p role="alert">{t('library.manage.confirm', { name: tpl.name })}</p>
                <ConfirmButtons
                  backLabel={t('library.manage.keep')}
                  onBack={() => setConfirming(null)}
                  confirmLabel={t('library.manage.confirmYes')}
                  onConfirm={() => void remove(tpl)}
                  danger
                  disabled={busy}
                  testId="library-remove-confirm"
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
