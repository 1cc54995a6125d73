/**
 * "Volledig scherm": the whole page on the whole screen (the Fullscreen API), for a page meant for
 * a projector. The same button leaves it again, as does Escape (the browser's own). Not shown
 * where the browser cannot (an iframe without permission, most phones).
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';

export function FullscreenButton({ testId }: { testId?: string }) {
  const t = useT();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const follow = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', follow);
    return () => document.removeEventListener('fullscreenchange', follow);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="pk-button"
      data-testid={testId}
      onClick={() => {
        // A refusal (no user gesture, a policy) leaves the page as it is: nothing to tell.
        const request = full ? document.exitFullscreen() : document.documentElement.requestFullscreen();
        request.catch(() => {});
      }}
    >
      {full ? t('fullscreen.exit') : t('fullscreen.enter')}
    </button>
  );
}
