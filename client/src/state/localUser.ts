import { colourForId } from '@patroonkaart/model';

/** Who I am on this device: a stable id, and the name and organisation I gave (or a default). */
export interface LocalUser {
  id: string;
  name: string;
  organisation: string;
  /** Proves authorship of my answers and votes (see protocol, authorKey); never shown. */
  secret: string;
  /** Whether I have confirmed my name and organisation (joining asks once). */
  confirmed?: boolean;
}

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const KEY = 'patroonkaart.user';

/**
 * An organisation's colour: the same on every screen for everyone of that organisation (cursors,
 * labels, votes); a partner who gave none keeps a colour of their own.
 */
export function colourForOrganisation(user: { id: string; organisation: string }): string {
  const org = user.organisation.trim().toLowerCase();
  return colourForId(org ? `org:${org}` : user.id);
}

export function localUser(): LocalUser {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as LocalUser | null;
    if (stored?.id) {
      if (typeof stored.secret === 'string' && stored.secret.length >= 22) return stored;
      const upgraded = { ...stored, secret: newSecret() };
      localStorage.setItem(KEY, JSON.stringify(upgraded));
      return upgraded;
    }
  } catch {
    // Fall through to a fresh identity.
  }
  const id = crypto.randomUUID();
  const user = { id, name: `Partner ${id.slice(0, 4).toUpperCase()}`, organisation: '', secret: newSecret() };
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Private mode: a new identity per page load is acceptable.
  }
  return user;
}

export function saveLocalUser(user: LocalUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Private mode or a full quota: the profile holds for this page load only.
  }
}
