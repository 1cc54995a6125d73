/**
 * /r/<roomId>: checks the link, opens the connection, and shows the canvas as soon as there is
 * something to show (the local copy or the server's document). Every dead end is explained.
 */

import type { RuntimeConfig } from '@patroonkaart/protocol';
import { useEffect, useMemo, useState } from 'react';
import { closeMessage, type MessageKey, translate, useLocale, useT } from '../i18n/i18n.ts';
import { watchConversation } from '../state/conversationStore.ts';
import { presenceOf, useMe } from '../state/meStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { RoomConnection } from '../sync/RoomConnection.ts';
import { RoomSync } from '../sync/RoomSync.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { RoomContext } from '../sync/roomContext.ts';
import { takeConfig, takeRole, takeSync } from '../sync/roomStart.ts';
import { Notice } from '../ui/Notice.tsx';
import { RoomCanvas } from './RoomCanvas.tsx';

export function RoomPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [address] = useState(() => readRoomAddress());
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const ready = useRoomStore((s) => s.ready);
  const fatalCloseCode = useRoomStore((s) => s.fatalCloseCode);
  const context = useMemo(() => (connection ? { connection } : null), [connection]);

  useEffect(() => {
    takeConfig()
      .then(setConfig)
      .catch(() => setConfig({ licenseKey: null, creationCodeRequired: false, production: false }));
  }, []);

  useEffect(() => {
    if (!address) return setProblem('room.badAddress');
    if (!address.token) return setProblem('room.noToken');
    const { roomId, token } = address;
    let conn: RoomConnection | null = null;
    let stopFollowingMe = () => {};
    let stopConversation = () => {};
    let cancelled = false;
    takeRole(roomId, token).then((result) => {
      if (cancelled) return;
      if ('error' in result) {
        setProblem(
          result.error === 'roomNotFound'
            ? 'room.notFound'
            : result.error === 'unauthorized'
              ? 'room.unauthorized'
              : 'room.unreachable',
        );
        return;
      }
      // The document side, opened while tldraw was on its way, or now; either starts the room store
      // afresh, so the role goes in after it.
      const sync =
        takeSync(roomId, token) ??
        new RoomSync({ roomId, token, partnerSecret: useMe.getState().user.secret });
      useRoomStore.getState().patch({ role: result.role });
      if (result.role === 'facilitator')
        useMe.getState().suggestName(translate(useLocale.getState().locale, 'profile.facilitatorName'));
      const opened = new RoomConnection({ sync, user: presenceOf(useMe.getState()) });
      // My presence follows every change of my profile, at once.
      stopFollowingMe = useMe.subscribe((next, previous) => {
        if (next.user !== previous.user) opened.setUser(presenceOf(next));
      });
      // The conversation's store follows this room's document until the page leaves it.
      stopConversation = watchConversation(opened.doc);
      conn = opened;
      setConnection(opened);
    });
    return () => {
      cancelled = true;
      stopFollowingMe();
      stopConversation();
      conn?.dispose();
    };
  }, [address]);

  if (problem) return <Notice title={t('app.name')} message={t(problem)} />;
  if (fatalCloseCode)
    return (
      <Notice title={t('app.name')} message={closeMessage(locale, fatalCloseCode) ?? t('error.generic')} />
    );
  // tldraw hides its editor only in a production build served over https on a non-local host.
  const licenceMissing =
    config?.production && !config.licenseKey && location.protocol === 'https:' && !isLocalHost();
  if (licenceMissing) return <Notice title={t('licence.title')} message={t('licence.body')} />;
  if (!context || !ready || !config) {
    return (
      <div className="pk-loading" role="status" data-testid="room-loading">
        <div className="pk-spinner" aria-hidden="true" />
        {t('room.loading')}
      </div>
    );
  }
  return (
    // Everything in the room gets the connection from this context (useRoomContext), never as a prop.
    <RoomContext.Provider value={context}>
      <div className="pk-room">
        <RoomCanvas
          licenseKey={config.licenseKey ?? undefined}
          exposeTestHandle={config.testHooks === true}
        />
      </div>
    </RoomContext.Provider>
  );
}

function isLocalHost(): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
}
