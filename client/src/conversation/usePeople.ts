/**
 * Who is in the room now, from presence (awareness): each person's name, organisation and colour,
 * and the tldraw user id that following needs. Re-renders when anyone joins, leaves or renames.
 */
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { useEffect, useState } from 'react';
import type { RoomConnection } from '../sync/RoomConnection.ts';

export interface Person {
  clientId: number;
  name: string;
  organisation: string;
  colour: string;
  /** tldraw's user id in their presence record (for following), when they have a cursor. */
  userId: string | null;
  isMe: boolean;
}

function readPeople(connection: RoomConnection): Person[] {
  const awareness = connection.provider.awareness;
  const people: Person[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Record<string, unknown> }).user;
    if (!user || typeof user.name !== 'string') continue;
    const presence = (state as { presence?: Record<string, unknown> | null }).presence;
    people.push({
      clientId,
      name: user.name.slice(0, MAX_NAME_CHARS),
      organisation:
        typeof user.organisation === 'string' ? user.organisation.slice(0, MAX_ORGANISATION_CHARS) : '',
      colour: typeof user.colour === 'string' ? user.colour : '#455A64',
      userId: typeof presence?.userId === 'string' ? presence.userId : null,
      isMe: clientId === awareness.clientID,
    });
  }
  return people.sort(
    (a, b) => a.organisation.localeCompare(b.organisation, 'nl') || a.name.localeCompare(b.name, 'nl'),
  );
}

export function usePeople(connection: RoomConnection): Person[] {
  const [people, setPeople] = useState(() => readPeople(connection));
  useEffect(() => {
    const awareness = connection.provider.awareness;
    const update = () => setPeople(readPeople(connection));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [connection]);
  return people;
}

/** The organisations present, each once, with its colour (for the legend and suggestions). */
export function organisationsOf(
  people: readonly Person[],
): { organisation: string; colour: string; count: number }[] {
  const byOrg = new Map<string, { organisation: string; colour: string; count: number }>();
  for (const p of people) {
    if (!p.organisation) continue;
    const key = p.organisation.toLowerCase();
    const entry = byOrg.get(key) ?? { organisation: p.organisation, colour: p.colour, count: 0 };
    entry.count++;
    byOrg.set(key, entry);
  }
  return [...byOrg.values()];
}
