/**
 * Who is present, from a room's awareness states: each state that names a person, read with the
 * protocol's readPresence (whatever a peer sent), names cut to the model's limits for display.
 */
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { readPresence } from '@patroonkaart/protocol';

export interface PresentPerson {
  clientId: number;
  name: string;
  organisation: string;
  /** `#rrggbb` (PRESENCE_DEFAULT_COLOUR when their state has none we can use). */
  colour: string;
  /** tldraw's user id in their presence record (for following), when they have a cursor. */
  userId: string | null;
}

export function presentPeople(states: ReadonlyMap<number, unknown>): PresentPerson[] {
  const people: PresentPerson[] = [];
  for (const [clientId, state] of states) {
    const read = readPresence(state);
    if (!read) continue;
    people.push({
      clientId,
      name: read.user.name.slice(0, MAX_NAME_CHARS),
      organisation: read.user.organisation.slice(0, MAX_ORGANISATION_CHARS),
      colour: read.user.colour,
      userId: read.userId,
    });
  }
  return people;
}
