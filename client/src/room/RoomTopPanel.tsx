/** The bar above the canvas: connection status, pending changes, role, share, language. */
import { useEffect, useState } from 'react';
import { RestoreNotice } from '../history/RestoreNotice.tsx';
import { closeMessage, prefetchLocales, useLocale, useT } from '../i18n/i18n.ts';
import { useMe } from '../state/meStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { TOP_BAR_FULL_WIDTH, usePanels, useWidthAtMost } from '../ui/compactLayout.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { HistoryDialog, ListView, prefetchDialogs, SaveTemplateDialog, ShareDialog } from './lazyParts.tsx';
import { ExportDialog, VotePanel } from './lazyTools.tsx';
import { useListView } from './listViewStore.ts';
import { ProfileDialog } from './ProfileDialog.tsx';

export function RoomTopPanel() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { status, pendingChanges, role, transientCloseCode, invalidRecords, schemaOutdated, localCopyReset } =
    useRoomStore();
  const [sharing, setSharing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const user = useMe((s) => s.user);
  // Joining asks once for a name and an organisation (remembered on this device).
  const [showHistory, setShowHistory] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const listing = useListView((s) => s.open);
  const setListing = useListView((s) => s.setOpen);
  const [editingProfile, setEditingProfile] = useState(() => !useMe.getState().user.confirmed);
  useEffect(() => {
    if (status !== 'online') return;
    prefetchDialogs();
    prefetchLocales();
  }, [status]);
  const statusText =
    status === 'online'
      ? t('room.status.online')
      : status === 'connecting'
        ? t('room.status.connecting')
        : t('room.status.offline');
  // On phones and tablets the actions fold into one menu, so the bar never covers tldraw's UI.
  const compact = useWidthAtMost(TOP_BAR_FULL_WIDTH - 1);
  const menuOpen = usePanels((s) => s.open === 'menu');
  const actions = (
    <>
      {role ? <span className="pk-role">{t(`room.role.${role}`)}</span> : null}
      {role === 'facilitator' ? (
        <button type="button" className="pk-button pk-button--primary" onClick={() => setSharing(true)}>
          {t('share.button')}
        </button>
      ) : null}
      {role === 'facilitator' ? (
        <button
          type="button"
          className="pk-button"
          onClick={() => setShowHistory(true)}
          data-testid="history-button"
        >
          {t('history.button')}
        </button>
      ) : null}
      <button
        type="button"
        className="pk-button pk-me"
        title={t('profile.button', { name: user.name })}
        onClick={() => setEditingProfile(true)}
        data-testid="profile-button"
      >
        {t('profile.button', { name: user.name })}
      </button>
      <button
        type="button"
        className="pk-button"
        onClick={() => setListing(true)}
        data-testid="list-view-button"
      >
        {t('list.button')}
      </button>
      <button
        type="button"
        className="pk-button"
        onClick={() => setExporting(true)}
        data-testid="export-button"
      >
        {t('export.button')}
      </button>
      <LanguageSwitch />
    </>
  );
  return (
    <div className="pk-topbar" data-testid="topbar">
      <span
        className={`pk-status pk-status--${status}`}
        data-testid="connection-status"
        data-status={status}
        role="status"
      >
        <span className="pk-dot" aria-hidden="true" />
        <span className="pk-status__text">{statusText}</span>
        {pendingChanges > 0 ? (
          <span className="pk-pending" data-testid="pending-changes">
            {' · '}
            {t('room.status.pending', { count: pendingChanges })}
          </span>
        ) : null}
      </span>
      {compact ? (
        <button
          type="button"
          className="pk-button"
          aria-expanded={menuOpen}
          aria-controls="room-menu"
          data-testid="room-menu-button"
          onClick={() => usePanels.getState().toggle('menu')}
        >
          {t('rail.menu')}
        </button>
      ) : (
        actions
      )}
      {compact && menuOpen ? (
        <div
          id="room-menu"
          className="pk-topbar__menu"
          data-testid="room-menu"
          onClickCapture={(e) => {
            if ((e.target as HTMLElement).closest('button'))
              setTimeout(() => usePanels.getState().close(), 0);
          }}
        >
          {actions}
        </div>
      ) : null}
      {/* The bar says "Offline" in one word; what that means gets the notice row, not the bar. */}
      {status === 'offline' && !transientCloseCode ? (
        <div className="pk-banner" role="status" data-testid="offline-notice">
          {t('room.status.offline.explain')}
        </div>
      ) : null}
      {schemaOutdated ? (
        <div className="pk-banner pk-banner--error" role="alert">
          {closeMessage(locale, 4426)}{' '}
          <button type="button" className="pk-button" onClick={() => location.reload()}>
            {t('room.reload')}
          </button>
        </div>
      ) : null}
      {transientCloseCode && status !== 'online' ? (
        <div className="pk-banner" role="alert">
          {closeMessage(locale, transientCloseCode)}
        </div>
      ) : null}
      {invalidRecords > 0 ? (
        <div className="pk-banner" role="status" data-testid="invalid-records">
          {t('room.invalidRecords', { count: invalidRecords })}
        </div>
      ) : null}
      <RestoreNotice />
      {localCopyReset ? (
        <div className="pk-banner" role="status" data-testid="local-copy-reset">
          {t('room.localCopyReset')}{' '}
          <button
            type="button"
            className="pk-button"
            onClick={() => useRoomStore.getState().patch({ localCopyReset: false })}
          >
            {t('share.close')}
          </button>
        </div>
      ) : null}
      {sharing ? <ShareDialog onClose={() => setSharing(false)} /> : null}
      {listing ? (
        <ListView
          onClose={() => setListing(false)}
          votes={<VotePanel canVote={role !== null && role !== 'view'} />}
        />
      ) : null}
      {showHistory ? (
        <HistoryDialog
          onClose={() => setShowHistory(false)}
          onSaveAsTemplate={() => {
            // The bar has no room for one more button: saving the map as a template is in history.
            setShowHistory(false);
            setSavingTemplate(true);
          }}
        />
      ) : null}
      {savingTemplate ? <SaveTemplateDialog onClose={() => setSavingTemplate(false)} /> : null}
      {exporting ? <ExportDialog onClose={() => setExporting(false)} /> : null}
      {editingProfile ? <ProfileDialog onClose={() => setEditingProfile(false)} /> : null}
    </div>
  );
}
