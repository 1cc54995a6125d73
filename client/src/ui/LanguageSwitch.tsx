import { useLocale, useT } from '../i18n/i18n.ts';

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <button
      type="button"
      className="pk-button pk-lang"
      aria-label={t('lang.label')}
      onClick={() => setLocale(locale === 'nl' ? 'en' : 'nl')}
    >
      {t('lang.switch')}
    </button>
  );
}
