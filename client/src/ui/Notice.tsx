/** A full-page explanation for a dead end: never a blank screen. */
import { useT } from '../i18n/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Notice({ title, message }: { title: string; message: string }) {
  const t = useT();
  return (
    <main className="pk-notice" role="alert" data-testid="notice">
      <div className="pk-notice__card">
        <h1>{title}</h1>
        <p>{message}</p>
        <p className="pk-notice__actions">
          <button type="button" className="pk-button" onClick={() => location.reload()}>
            {t('room.reload')}
          </button>
          <a className="pk-button" href="/">
            {t('room.home')}
          </a>
          <LanguageSwitch />
        </p>
      </div>
    </main>
  );
}
