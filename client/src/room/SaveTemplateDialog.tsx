/**
 * "Bewaar als sjabloon" (facilitator only, from "Geschiedenis"): the room's map as it is now, saved on the server as a
 * template of the installation with a name and a line of description. The server takes the map
 * from the room itself (the loop map alone, never the conversation); this dialog only names it.
 * Afterwards it says where the template is offered, with a link to the landing page.
 */
import { readLoopMap } from '@patroonkaart/model';
import {
  type LibraryTemplate,
  MAX_TEMPLATE_DESCRIPTION_CHARS,
  MAX_TEMPLATE_NAME_CHARS,
} from '@patroonkaart/protocol';
import { useState } from 'react';
import { useEditor } from 'tldraw';
import { pageRecords } from '../canvas/stepGraph.ts';
import { useLocale, useT } from '../i18n/i18n.ts';
import { apiFailureMessage, saveRoomAsTemplate } from '../sync/api.ts';
import { addedToLibrary } from '../sync/library.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { Dialog } from '../ui/Dialog.tsx';

export function SaveTemplateDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const editor = useEditor();
  // The pattern's title on the map is the likeliest name; the facilitator changes it at will.
  const [name, setName] = useState(() =>
    readLoopMap(pageRecords(editor)).title.trim().slice(0, MAX_TEMPLATE_NAME_CHARS),
  );
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<LibraryTemplate | null>(null);

  const save = async () => {
    if (busy) return;
    const address = readRoomAddress();
    if (!name.trim()) {
      setProblem(t('library.save.nameMissing'));
      return;
    }
    if (!address?.token) return;
    setBusy(true);
    setProblem(null);
    try {
      const template = await saveRoomAsTemplate(
        { roomId: address.roomId, token: address.token },
        { name: name.trim(), description: description.trim() },
      );
      addedToLibrary(template);
      setSaved(template);
    } catch (failure) {
      setProblem(t('library.save.failed', { message: apiFailureMessage(locale, failure) }));
    } finally {
      setBusy(false);
    }
  };

  if (saved)
    return (
      <Dialog titleId="save-template-title" onClose={onClose} testId="save-template-dialog">
        <h2 id="save-template-title">{t('library.save.title')}</h2>
        <p role="status" data-testid="save-template-done">
          {t('library.save.done', { name: saved.name, count: saved.stepCount })}
        </p>
        <p className="pk-hint">{t('library.save.where')}</p>
        <div className="pk-dialog-actions">
          <a
            className="pk-button"
            href="/"
            target="_blank"
            rel="noreferrer"
            data-testid="save-template-landing"
          >
            {t('library.save.toLanding')}
          </a>
          <button type="button" className="pk-button pk-button--primary" onClick={onClose}>
            {t('library.save.close')}
          </button>
        </div>
      </Dialog>
    );

  return (
    <Dialog
      titleId="save-template-title"
      onClose={onClose}
      testId="save-template-dialog"
      className="pk-save-template"
      as="form"
      onSubmit={() => void save()}
    >
      <h2 id="save-template-title">{t('library.save.title')}</h2>
      <p className="pk-hint">{t('library.save.intro')}</p>
      <label className="pk-field">
        <span>{t('library.save.name', { max: MAX_TEMPLATE_NAME_CHARS })}</span>
        <input
          value={name}
          maxLength={MAX_TEMPLATE_NAME_CHARS}
          aria-required="true"
          aria-invalid={problem !== null && !name.trim()}
          data-testid="save-template-name"
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
        />
      </label>
      <label className="pk-field">
        <span>{t('library.save.description', { max: MAX_TEMPLATE_DESCRIPTION_CHARS })}</span>
        <input
          value={description}
          maxLength={MAX_TEMPLATE_DESCRIPTION_CHARS}
          data-testid="save-template-description"
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {problem ? (
        <p className="pk-error" role="alert" data-testid="save-template-problem">
          {problem}
        </p>
      ) : null}
      <div className="pk-dialog-actions">
        <button type="button" className="pk-button" onClick={onClose}>
          {t('library.save.cancel')}
        </button>
        <button
          type="submit"
          className="pk-button pk-button--primary"
          disabled={busy}
          data-testid="save-template-submit"
        >
          {busy ? t('library.save.busy') : t('library.save.submit')}
        </button>
      </div>
    </Dialog>
  );
}
