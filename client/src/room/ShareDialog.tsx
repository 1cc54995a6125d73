/** "Delen": the facilitator's links for partners, viewers and co-facilitators, with copy buttons. */
import type { CreateRoomResponse } from '@patroonkaart/protocol';
import { useEffect, useState } from 'react';
import { type MessageKey, useLocale, useT } from '../i18n/i18n.ts';
import { apiFailureMessage, deleteRoom, getShareLinks } from '../sync/api.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { Dialog } from '../ui/Dialog.tsx';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [links, setLinks] = useState<CreateRoomResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  // Deleting asks once more, in the dialog itself (window.confirm is not screen-reader friendly).
  const [confirming, setConfirming] = useState(false);
  const address = readRoomAddress();

  useEffect(() => {
    if (!address?.token) return;
    getShareLinks({ roomId: address.roomId, token: address.token })
      .then(setLinks)
      .catch((e: unknown) => setError(apiFailureMessage(locale, e)));
  }, [address?.roomId, address?.token, locale]);

  const rows: [MessageKey, keyof CreateRoomResponse][] = [
    ['share.edit', 'editUrl'],
    ['share.view', 'viewUrl'],
    ['share.facilitator', 'facilitatorUrl'],
  ];

  const deleteThisRoom = async () => {
    if (!address?.token) return;
    try {
      await deleteRoom({ roomId: address.roomId, token: address.token });
    } catch {
      // As before: a room that could not be deleted stays, and so does the dialog.
      return;
    }
    location.assign('/');
  };

  return (
    <Dialog titleId="share-title" onClose={onClose}>
      <h2 id="share-title">{t('share.title')}</h2>
      {error ? <p className="pk-error">{error}</p> : null}
      {rows.map(([label, key]) => {
        const url = links ? `${location.origin}${links[key]}` : '';
        return (
          <label key={key} className="pk-share-row">
            <span>{t(label)}</span>
            <span className="pk-share-input">
              <input readOnly value={url} data-testid={`share-${key}`} onFocus={(e) => e.target.select()} />
              <button
                type="button"
                className="pk-button"
                disabled={!links}
                onClick={() => {
                  void navigator.clipboard?.writeText(url);
                  setCopied(key);
                }}
              >
                {copied === key ? t('share.copied') : t('share.copy')}
              </button>
            </span>
          </label>
        );
      })}
      <p className="pk-hint">{t('share.warning')}</p>
      {confirming ? (
        <p className="pk-error" role="alert">
          {t('share.deleteConfirm')}
        </p>
      ) : null}
      <div className="pk-dialog-actions">
        {confirming ? (
          <button
            type="button"
            className="pk-button pk-button--danger"
            onClick={deleteThisRoom}
            data-testid="delete-room-confirm"
          >
            {t('share.deleteYes')}
          </button>
        ) : (
          <button
            type="button"
            className="pk-button pk-button--danger"
            onClick={() => setConfirming(true)}
            data-testid="delete-room"
          >
            {t('share.delete')}
          </button>
        )}
        <button type="button" className="pk-button pk-button--primary" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </Dialog>
  );
}
