/** A question with one text answer, as a real dialog (window.prompt is not keyboard- or screen-reader-friendly). */
import { useId, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from './Dialog.tsx';

export function TextPrompt({
  title,
  label,
  initial = '',
  maxLength,
  onDone,
}: {
  title: string;
  label: string;
  initial?: string;
  maxLength: number;
  /** The answer, or null when cancelled. */
  onDone(value: string | null): void;
}) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState(initial);
  return (
    <Dialog
      titleId={`${id}-title`}
      onClose={() => onDone(null)}
      as="form"
      onSubmit={() => onDone(value)}
      testId="text-prompt"
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <label className="pk-field">
        <span>{label}</span>
        <input
          value={value}
          maxLength={maxLength}
          onChange={(e) => setValue(e.target.value)}
          data-testid="text-prompt-input"
        />
      </label>
      <div className="pk-dialog-actions">
        <button type="button" className="pk-button" onClick={() => onDone(null)}>
          {t('prompt.cancel')}
        </button>
        <button type="submit" className="pk-button pk-button--primary" data-testid="text-prompt-ok">
          {t('prompt.ok')}
        </button>
      </div>
    </Dialog>
  );
}
