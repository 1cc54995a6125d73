/**
 * On the landing page: a workshop of 1-12 tables, each from a template of the facilitator's
 * choice (a seed loop, or a saved template of the library). The number is taken as typed (a cleared field is empty, not 1), a number outside 1-12
 * is explained, and what will be created is shown and confirmed before anything is created.
 */
import { BLANK_TEMPLATE_ID, TEMPLATES } from '@patroonkaart/model';
import { type LibraryTemplate, MAX_WORKSHOP_TABLES } from '@patroonkaart/protocol';
import { useState } from 'react';
import { useLocale, useT } from '../i18n/i18n.ts';
import { ApiFailure, apiFailureMessage, createWorkshop } from '../sync/api.ts';
import { ConfirmButtons } from '../ui/ConfirmButtons.tsx';
import { must } from '../ui/must.ts';

export function WorkshopForm({
  creationCode,
  saved,
  onError,
}: {
  creationCode: string | null;
  /** The template library's templates, offered after the seed loops. */
  saved: readonly LibraryTemplate[];
  onError(message: string): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [countText, setCountText] = useState('3');
  const [confirming, setConfirming] = useState(false);
  const parsed = /^\s*\d{1,3}\s*$/.test(countText) ? Number(countText) : Number.NaN;
  const countValid = Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_WORKSHOP_TABLES;
  const count = countValid ? parsed : 0;
  const [templates, setTemplates] = useState<string[]>(() =>
    Array.from({ length: MAX_WORKSHOP_TABLES }, () => must(TEMPLATES[0], 'a seed loop').id),
  );
  const [busy, setBusy] = useState(false);
  const seeds = [
    ...TEMPLATES.map((tpl) => ({ id: tpl.id, title: tpl.title })),
    { id: BLANK_TEMPLATE_ID, title: t('landing.blank') },
  ];
  const savedOptions = saved.map((tpl) => ({ id: tpl.id, title: tpl.name }));
  const options = [...seeds, ...savedOptions];
  const optionList = (list: typeof options) =>
    list.map((o) => (
      <option key={o.id} value={o.id}>
        {o.title}
      </option>
    ));
  const create = async () => {
    setBusy(true);
    try {
      const workshop = await createWorkshop({
        tables: templates.slice(0, count).map((template) => ({ template })),
        ...(creationCode !== null ? { creationCode } : {}),
      });
      location.assign(workshop.facilitatorUrl);
    } catch (failure) {
      onError(
        failure instanceof ApiFailure && failure.status !== null
          ? t('landing.error', { message: apiFailureMessage(locale, failure) })
          : t('landing.offline'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="pk-workshop-form" aria-labelledby="workshop-form-title">
      <h2 id="workshop-form-title">{t('workshop.create.title')}</h2>
      <p>{t('workshop.create.intro')}</p>
      <label className="pk-field">
        <span>{t('workshop.create.tables')}</span>
        <input
          type="number"
          min={1}
          max={MAX_WORKSHOP_TABLES}
          value={countText}
          aria-invalid={!countValid}
          aria-describedby="workshop-count-problem"
          data-testid="workshop-tables"
          onChange={(e) => {
            setCountText(e.target.value);
            setConfirming(false);
          }}
        />
      </label>
      <p id="workshop-count-problem" className="pk-error" role="alert" data-testid="workshop-count-problem">
        {countValid ? '' : t('workshop.create.count.invalid', { max: MAX_WORKSHOP_TABLES })}
      </p>
      <div className="pk-workshop-form__tables">
        {templates.slice(0, count).map((template, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table is its position
          <label key={i} className="pk-field">
            <span>{t('workshop.create.tableTemplate', { n: i + 1 })}</span>
            <select
              value={template}
              onChange={(e) => setTemplates(templates.map((x, j) => (j === i ? e.target.value : x)))}
            >
              {savedOptions.length === 0 ? (
                optionList(seeds)
              ) : (
                <>
                  <optgroup label={t('library.group.seeds')}>{optionList(seeds)}</optgroup>
                  <optgroup label={t('library.group.saved')}>{optionList(savedOptions)}</optgroup>
                </>
              )}
            </select>
          </label>
        ))}
      </div>
      {confirming && countValid ? (
        <div className="pk-workshop-form__preview" data-testid="workshop-preview">
          <p>{t('workshop.create.preview')}</p>
          <ol>
            {templates.slice(0, count).map((template, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a table is its position
              <li key={i}>
                {t('workshop.create.previewTable', {
                  n: i + 1,
                  template: options.find((o) => o.id === template)?.title ?? template,
                })}
              </li>
            ))}
          </ol>
          <ConfirmButtons
            backLabel={t('workshop.create.back')}
            onBack={() => setConfirming(false)}
            confirmLabel={busy ? t('landing.creating') : t('workshop.create.confirm', { count })}
            disabled={busy}
            testId="confirm-workshop"
            onConfirm={() => void create()}
          />
        </div>
      ) : (
        <button
          type="button"
          className="pk-button pk-button--primary"
          disabled={!countValid}
          data-testid="create-workshop"
          onClick={() => setConfirming(true)}
        >
          {t('workshop.create.button')}
        </button>
      )}
    </section>
  );
}
