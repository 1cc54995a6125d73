/**
 * /toegankelijkheid: the toegankelijkheidsverklaring Dutch public bodies must publish for what
 * they use (Besluit digitale toegankelijkheid overheid): the standard, the status, what is known
 * not to work yet, how it is tested, and whom to tell.
 */
import { useT } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

const LIMITS: MessageKey[] = ['a11y.limit.canvas', 'a11y.limit.tldraw', 'a11y.limit.touch'];

export function AccessibilityStatement() {
  const t = useT();
  return (
    <main className="pk-landing" data-testid="accessibility-statement">
      <header className="pk-landing__header">
        <h1>{t('a11y.title')}</h1>
        <LanguageSwitch />
      </header>
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.status.title')}</h2>
      <p>{t('a11y.status')}</p>
      <h2>{t('a11y.tested.title')}</h2>
      <p>{t('a11y.tested')}</p>
      <h2>{t('a11y.limits.title')}</h2>
      <ul>
        {LIMITS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <h2>{t('a11y.contact.title')}</h2>
      <p>{t('a11y.contact')}</p>
      <p>
        <a href="/">{t('a11y.back')}</a>
      </p>
    </main>
  );
}
