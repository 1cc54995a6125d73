/** On the landing page: a workshop of 1-12 tables, each from a template of the facilitator's choice. */
import { BLANK_TEMPLATE_ID, TEMPLATES } from '@patroonkaart/model';
import { type ApiError, MAX_WORKSHOP_TABLES, type WorkshopResponse } from '@patroonkaart/protocol';
import { useState } from 'react';
import { apiErrorMessage } from '../i18n/apiError.ts';
import { useLocale, useT } from '../i18n/i18n.ts';

export function WorkshopForm({
  creationCode,
  onError,
}: {
  creationCode: string | null;
  onError(message: string): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [count, setCount] = useState(3);
  const [templates, setTemplates] = useState<string[]>(() =>
    Array.from({ length: MAX_WORKSHOP_TABLES }, () => TEMPLATES[0]!.id),
  );
  const [busy, setBusy] = useState(false);
  const options = [
    ...TEMPLATES.map((tpl) => ({ id: tpl.id, title: tpl.title })),
    { id: BLANK_TEMPLATE_ID, title: t('landing.blank') },
  ];
  const create = async () => {
    setBusy(true);
    try {
      const res = await fetch('/api/workshops', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          tables: templates.slice(0, count).map((template) => ({ template })),
          ...(creationCode !== null ? { creationCode } : {}),
        }),
      });
      const body = (await res.json()) as WorkshopResponse | ApiError;
      if (!res.ok || !('workshopId' in body)) {
        onError(t('landing.error', { message: apiErrorMessage(locale, body, res.status) }));
        return;
      }
      location.assign(body.facilitatorUrl);
    } catch {
      onError(t('landing.offline'));
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
          value={count}
          data-testid="workshop-tables"
          onChange={(e) => setCount(Math.min(MAX_WORKSHOP_TABLES, Math.max(1, Number(e.target.value) || 1)))}
        />
      </label>
      <div className="pk-workshop-form__tables">
        {templates.slice(0, count).map((template, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table is its position
          <label key={i} className="pk-field">
            <span>{t('workshop.create.tableTemplate', { n: i + 1 })}</span>
            <select
              value={template}
              onChange={(e) => setTemplates(templates.map((x, j) => (j === i ? e.target.value : x)))}
            >
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button
        type="button"
        className="pk-button pk-button--primary"
        disabled={busy}
        data-testid="create-workshop"
        onClick={() => void create()}
      >
        {busy ? t('landing.creating') : t('workshop.create.button')}
      </button>
    </section>
  );
}
