/**
 * Who is in the room now, from presence (awareness): each person's name, organisation and colour,
 * and the tldraw user id that following needs. Re-renders when anyone joins, leaves or renames.
 */
import { useEffect, useState } from 'react';
import { type PresentPerson, presentPeople } from './presentPeople.ts';
import type { RoomConnection } from './RoomConnection.ts';
import { useRoomContext } from './roomContext.ts';

export interface Person extends PresentPerson {
  isMe: boolean;
}

function readPeople(connection: RoomConnection): Person[] {
  const awareness = connection.provider.awareness;
  const people = presentPeople(awareness.getStates()).map((p) => ({
    ...p,
    isMe: p.clientId === awareness.clientID,
  }));
  return people.sort(
    (a, b) => a.organisation.localeCompare(b.organisation, 'nl') || a.name.localeCompare(b.name, 'nl'),
  );
}

/** The people of the room this component is in (RoomContext). */
export function usePeople(): Person[] {
  const { connection } = useRoomContext();
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
