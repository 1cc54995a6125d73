/** "Jij": the name and organisation other partners see next to my cursor. */
import { colourForId } from '@patroonkaart/model';
import { useState } from 'react';
import { useEditor } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import type { RoomConnection } from '../sync/RoomConnection.ts';
import { type LocalUser, saveLocalUser } from './localUser.ts';

export function ProfileDialog({
  user,
  connection,
  onClose,
}: {
  user: LocalUser;
  connection: RoomConnection;
  onClose(saved: LocalUser): void;
}) {
  const t = useT();
  const editor = useEditor();
  const [name, setName] = useState(user.name);
  const [organisation, setOrganisation] = useState(user.organisation);
  const save = () => {
    const next = {
      ...user,
      name: name.trim().slice(0, 60) || user.name,
      organisation: organisation.trim().slice(0, 80),
    };
    saveLocalUser(next);
    editor.user.updateUserPreferences({ name: next.name });
    connection.setUser({ name: next.name, colour: colourForId(next.id), organisation: next.organisation });
    onClose(next);
  };
  return (
    <div className="pk-dialog-backdrop">
      <form
        className="pk-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="profile-title"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2 id="profile-title">{t('profile.title')}</h2>
        <label className="pk-field">
          <span>{t('room.yourName')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            data-testid="profile-name"
          />
        </label>
        <label className="pk-field">
          <span>{t('room.yourOrganisation')}</span>
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} maxLength={80} />
        </label>
        <div className="pk-dialog-actions">
          <span />
          <button type="submit" className="pk-button pk-button--primary">
            {t('profile.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
