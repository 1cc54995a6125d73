/** "Jij": the name and organisation other partners see next to my cursor. */
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useMe } from '../state/meStore.ts';
import { organisationsOf, usePeople } from '../sync/usePeople.ts';
import { Dialog } from '../ui/Dialog.tsx';

export function ProfileDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const user = useMe((s) => s.user);
  const [name, setName] = useState(user.name);
  const [organisation, setOrganisation] = useState(user.organisation);
  const suggestions = organisationsOf(usePeople().filter((p) => !p.isMe));
  const save = () => {
    // The store is the one owner: presence, the cursor and every later answer and vote follow it.
    useMe.getState().setProfile(name, organisation);
    onClose();
  };
  return (
    <Dialog titleId="profile-title" onClose={onClose} as="form" onSubmit={save}>
      <h2 id="profile-title">{t('profile.title')}</h2>
      <label className="pk-field">
        <span>{t('room.yourName')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={MAX_NAME_CHARS}
          data-testid="profile-name"
        />
      </label>
      <label className="pk-field">
        <span>{t('room.yourOrganisation')}</span>
        <input
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          maxLength={MAX_ORGANISATION_CHARS}
          list="profile-organisations"
          data-testid="profile-organisation"
        />
        <datalist id="profile-organisations">
          {suggestions.map((o) => (
            <option key={o.organisation} value={o.organisation} />
          ))}
        </datalist>
      </label>
      <p className="pk-hint">{t('profile.organisationHint')}</p>
      <div className="pk-dialog-actions">
        <span />
        <button type="submit" className="pk-button pk-button--primary">
          {t('profile.save')}
        </button>
      </div>
    </Dialog>
  );
}
