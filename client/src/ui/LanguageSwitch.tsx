import { useLocale, useT } from '../i18n/i18n.ts';

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <button
      type="button"
      className="pk-button pk-lang"
      // The accessible name starts with the visible word (WCAG 2.5.3), then says what it does.
      aria-label={`${t('lang.switch')}: ${t('lang.label')}`}
      onClick={() => setLocale(locale === 'nl' ? 'en' : 'nl')}
    >
      {t('lang.switch')}
    </button>
  );
}
