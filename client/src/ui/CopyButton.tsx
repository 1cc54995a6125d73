/** "Kopieer" beside a link: puts it on the clipboard and says so, in place, for a few seconds. */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="pk-button pk-button--small"
      aria-label={`${t('copy.button')}: ${label}`}
      data-testid={testId}
      onClick={() =>
        navigator.clipboard
          .writeText(text)
          .then(() => setState('copied'))
          .catch(() => setState('failed'))
      }
    >
      <span aria-live="polite">
        {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : t('copy.button')}
      </span>
    </button>
  );
}
