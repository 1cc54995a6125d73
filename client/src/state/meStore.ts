/**
 * Who I am in this page: the one owner of my name, organisation, colour and author key. Everything
 * that writes in my name (answers, votes, presence, the cursor) reads it from here at the moment
 * it writes, so a change in the profile dialog applies to the very next write, without a reload.
 * A copy held in component state or a context is exactly how answers once went out under the
 * default name of a first-time partner.
 */
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { authorKey, ballotKey } from '@patroonkaart/protocol';
import { create } from 'zustand';
import { colourForOrganisation, type LocalUser, localUser, saveLocalUser } from './localUser.ts';

export interface MeState {
  user: LocalUser;
  /** My organisation's colour (see colourForOrganisation). */
  colour: string;
  /** My author key, derived from my secret; null until derived (a hash, so asynchronous). */
  author: string | null;
  /** My ballot key per room, for anonymous votes (protocol, ballotKey); derived on first need. */
  ballots: Readonly<Record<string, string>>;
  /** Derives my ballot key for a room, once. */
  deriveBallot(roomId: string): void;
  /** Saves what I typed in the profile dialog; it holds for everything written from now on. */
  setProfile(name: string, organisation: string): void;
  /**
   * A facilitator who has not yet said their name is shown as this (e.g. "Gespreksleider"),
   * never as a partner's default name; nothing is saved until they confirm.
   */
  suggestName(name: string): void;
}

/** The fields written beside my answers and votes. */
export interface Signature {
  name: string;
  organisation: string;
}

function derived(user: LocalUser) {
  return { user, colour: colourForOrganisation(user) };
}

export const useMe = create<MeState>((set, get) => {
  const user = localUser();
  void authorKey(user.secret).then((author) => set({ author }));
  return {
    ...derived(user),
    author: null,
    ballots: {},
    deriveBallot(roomId) {
      if (get().ballots[roomId]) return;
      void ballotKey(get().user.secret, roomId).then((key) =>
        set((s) => ({ ballots: { ...s.ballots, [roomId]: key } })),
      );
    },
    setProfile(name, organisation) {
      const current = get().user;
      const next: LocalUser = {
        ...current,
        name: name.trim().slice(0, MAX_NAME_CHARS) || current.name,
        organisation: organisation.trim().slice(0, MAX_ORGANISATION_CHARS),
        confirmed: true,
      };
      saveLocalUser(next);
      set(derived(next));
    },
    suggestName(name) {
      const current = get().user;
      if (current.confirmed) return;
      set(derived({ ...current, name }));
    },
  };
});

/** My name and organisation as they are now, for a record written now. */
export function signature(): Signature {
  const { user } = useMe.getState();
  return { name: user.name, organisation: user.organisation };
}

/** What my presence carries to the others. */
export function presenceOf(state: Pick<MeState, 'user' | 'colour'>) {
  return { name: state.user.name, colour: state.colour, organisation: state.user.organisation };
}
