/**
 * "Geschiedenis" (facilitator only): the room's restore points, a preview of the map at each, and
 * "Zet de kaart terug naar dit moment". Restoring is a new change on the server, so every screen
 * follows live, and it can be undone (a point is taken just before it). Its footer leads to "Bewaar
 * als sjabloon" (a dialog of the room's page), the other way to keep the map.
 */
import { MAX_RESTORE_LABEL_CHARS, type RestorePointSummary } from '@patroonkaart/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type MessageKey, useLocale, useT } from '../i18n/i18n.ts';
import {
  apiFailureMessage,
  getRestorePoint,
  listRestorePoints,
  type RoomKey,
  saveRestorePoint,
} from '../sync/api.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { ConfirmButtons } from '../ui/ConfirmButtons.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import { restorePoint } from './restorePoint.ts';

export function HistoryDialog({
  onClose,
  onSaveAsTemplate,
}: {
  onClose(): void;
  /** "Bewaar als sjabloon": the room's page opens its dialog (this one closes). */
  onSaveAsTemplate?(): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const address = readRoomAddress();
  // Only a facilitator opens this dialog, and only from a room opened with its token.
  const roomId = address?.roomId ?? '';
  const token = address?.token ?? '';
  const key: RoomKey = useMemo(() => ({ roomId, token }), [roomId, token]);
  const [points, setPoints] = useState<RestorePointSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [preview, setPreview] = useState<Record<string, unknown>[] | null>(null);
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { connection } = useRoomContext();
  const chosen = points?.find((p) => p.id === selected) ?? null;
  const fail = useCallback((e: unknown) => setMessage(apiFailureMessage(locale, e)), [locale]);
  const refresh = useCallback(
    () =>
      listRestorePoints(key)
        .then((b) => setPoints(b.points))
        .catch(fail),
    [key, fail],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    setConfirming(false);
    if (selected === null) return setPreview(null);
    getRestorePoint(key, selected)
      .then((b) => setPreview(b.records))
      .catch(fail);
  }, [key, fail, selected]);
  const time = (ms: number) =>
    new Date(ms).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
  return (
    <Dialog titleId="history-title" onClose={onClose} className="pk-history" testId="history-dialog">
      <h2 id="history-title">{t('history.title')}</h2>
      <p className="pk-hint">{t('history.intro')}</p>
      {message ? (
        <p className="pk-error" role="alert">
          {message}
        </p>
      ) : null}
      <form
        className="pk-history__save"
        onSubmit={(e) => {
          e.preventDefault();
          saveRestorePoint(key, { label })
            .then(() => {
              setLabel('');
              return refresh();
            })
            .catch(fail);
        }}
      >
        <label className="pk-field">
          <span>{t('history.label')}</span>
          <input
            value={label}
            maxLength={MAX_RESTORE_LABEL_CHARS}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <button type="submit" className="pk-button" data-testid="history-save">
          {t('history.save')}
        </button>
      </form>
      <div className="pk-history__body">
        <ul className="pk-history__list" aria-label={t('history.points')}>
          {points?.length === 0 ? <li className="pk-hint">{t('history.none')}</li> : null}
          {points?.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="pk-history__point"
                aria-pressed={selected === p.id}
                data-testid="history-point"
                data-reason={p.reason}
                onClick={() => setSelected(p.id)}
              >
                <strong>{time(p.createdAt)}</strong> {t(`history.reason.${p.reason}` as MessageKey)}
                {p.label ? ` · ${p.label}` : ''}
                <span className="pk-hint">
                  {' '}
                  · {t('history.shapes', { count: p.shapeCount })}
                  {p.people.length ? ` · ${p.people.map((x) => x.name).join(', ')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="pk-history__preview">
          {preview ? (
            <>
              <MapThumbnail records={preview} label={t('history.preview')} width={420} height={280} />
              {confirming && chosen ? (
                <div className="pk-history__confirm" role="alertdialog" aria-labelledby="restore-question">
                  <p id="restore-question">{t('history.confirm', { time: time(chosen.createdAt) })}</p>
                  <ConfirmButtons
                    backLabel={t('talk.cancel')}
                    onBack={() => setConfirming(false)}
                    confirmLabel={t('history.confirmRestore', { time: time(chosen.createdAt) })}
                    danger
                    testId="history-restore-confirm"
                    onConfirm={() => {
                      restorePoint(connection.doc, chosen.id, chosen.createdAt, locale)
                        .then(() => {
                          setMessage(null);
                          onClose();
                        })
                        .catch((err: unknown) =>
                          setMessage(err instanceof Error ? err.message : String(err)),
                        );
                    }}
                  />
                </div>
              ) : (
                <button
                  type="button"
                  className="pk-button pk-button--primary"
                  data-testid="history-restore"
                  onClick={() => setConfirming(true)}
                >
                  {t('history.restore')}
                </button>
              )}
            </>
          ) : (
            <p className="pk-hint">{t('history.choose')}</p>
          )}
        </div>
      </div>
      <div className="pk-dialog-actions">
        {onSaveAsTemplate ? (
          <button
            type="button"
            className="pk-button"
            onClick={onSaveAsTemplate}
            data-testid="save-template-button"
          >
            {t('library.save.button')}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="pk-button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </Dialog>
  );
}
