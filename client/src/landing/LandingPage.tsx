/** `/`: choose a template loop, start a session, and land in it as its facilitator. */
import { BLANK_TEMPLATE_ID, DEFAULT_BLANK_STEPS, EMPTY_TEMPLATE_ID, TEMPLATES } from '@patroonkaart/model';
import type { RuntimeConfig } from '@patroonkaart/protocol';
import { useEffect, useState } from 'react';
import { MapFileProblem, parseMapFile } from '../export/mapFile.ts';
import { pendingImportKey } from '../export/pendingImport.ts';
import { type MessageKey, translate, useLocale, useT } from '../i18n/i18n.ts';
import { ApiFailure, apiFailureMessage, createRoom, getConfig } from '../sync/api.ts';
import { useLibrary } from '../sync/library.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { MapFileButton } from '../ui/MapFileButton.tsx';
import { ManageTemplates, SavedTemplateCards } from './TemplateLibrary.tsx';
import { WorkshopForm } from './WorkshopForm.tsx';

const CODE_KEY = 'patroonkaart.creationCode';

export function LandingPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  const [code, setCode] = useState(() => localStorage.getItem(CODE_KEY) ?? '');
  const library = useLibrary();
  const saved = library.templates ?? [];
  const creationCode = config?.creationCodeRequired ? code : null;

  useEffect(() => {
    getConfig()
      .then(setConfig)
      .catch(() => setError(translate(useLocale.getState().locale, 'landing.offline')));
  }, []);

  /** Checks a .patroonkaart.json file here first, so a bad file never creates an empty room. */
  const importMap = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const text = await file.text();
      parseMapFile(text);
      await start(EMPTY_TEMPLATE_ID, text);
    } catch (problem) {
      const code = problem instanceof MapFileProblem ? problem.code : 'not-a-map';
      setError(t(`import.error.${code}` as MessageKey));
    }
  };

  const start = async (template: string, importText?: string) => {
    setBusy(template);
    setError(null);
    try {
      const created = await createRoom({
        template,
        ...(config?.creationCodeRequired ? { creationCode: code } : {}),
      });
      if (config?.creationCodeRequired) localStorage.setItem(CODE_KEY, code);
      if (importText) sessionStorage.setItem(pendingImportKey(created.roomId), importText);
      location.assign(created.facilitatorUrl);
    } catch (failure) {
      setError(
        failure instanceof ApiFailure && failure.status !== null
          ? t('landing.error', { message: apiFailureMessage(locale, failure) })
          : t('landing.offline'),
      );
    } finally {
      setBusy(null);
    }
  };

  const cards = [
    ...TEMPLATES.map((tpl) => ({
      id: tpl.id,
      title: tpl.title,
      hint: tpl.steps[0] ?? '',
      steps: tpl.steps.length,
    })),
    {
      id: BLANK_TEMPLATE_ID,
      title: t('landing.blank'),
      hint: t('landing.blankHint'),
      steps: DEFAULT_BLANK_STEPS,
    },
  ];

  return (
    <main className="pk-landing">
      <header className="pk-landing__header">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <p className="pk-landing__tagline">{t('app.tagline')}</p>
      <p className="pk-landing__intro">{t('landing.intro')}</p>
      {config?.creationCodeRequired ? (
        <label className="pk-field">
          <span>{t('landing.creationCode')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          <small>{t('landing.creationCodeHint')}</small>
        </label>
      ) : null}
      <h2>{t('landing.chooseTemplate')}</h2>
      {error ? (
        <p className="pk-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="pk-templates">
        {cards.map((card) => (
          <li key={card.id}>
            <button
              type="button"
              className="pk-template"
              data-template={card.id}
              disabled={busy !== null}
              onClick={() => start(card.id)}
            >
              <span className="pk-template__title">{card.title}</span>
              <span className="pk-template__hint">{card.hint}</span>
              <span className="pk-template__meta">
                {busy === card.id ? t('landing.creating') : t('landing.steps', { count: card.steps })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <SavedTemplateCards templates={saved} busy={busy} onChoose={(id) => void start(id)} />
      <p>
        <MapFileButton
          label={t('landing.import')}
          testId="landing-import"
          onFile={(f) => void importMap(f)}
        />
      </p>
      <WorkshopForm creationCode={creationCode} saved={saved} onError={setError} />
      <ManageTemplates
        templates={saved}
        failed={library.status === 'failed'}
        creationCode={creationCode}
        onCodeUsed={() => localStorage.setItem(CODE_KEY, code)}
      />
      <footer className="pk-landing__footer">
        <a href="/toegankelijkheid">{t('a11y.link')}</a>
      </footer>
    </main>
  );
}
