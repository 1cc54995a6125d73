/** Who I am on this device: a stable id, and the name and organisation I gave (or a default). */
export interface LocalUser {
  id: string;
  name: string;
  organisation: string;
}

const KEY = 'patroonkaart.user';

export function localUser(): LocalUser {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as LocalUser | null;
    if (stored?.id) return stored;
  } catch {
    // Fall through to a fresh identity.
  }
  const id = crypto.randomUUID();
  const user = { id, name: `Partner ${id.slice(0, 4).toUpperCase()}`, organisation: '' };
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Private mode: a new identity per page load is acceptable.
  }
  return user;
}

export function saveLocalUser(user: LocalUser): void {
  localStorage.setItem(KEY, JSON.stringify(user));
}
