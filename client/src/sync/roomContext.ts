import { createContext, useContext } from 'react';
import type { RoomConnection } from './RoomConnection.ts';

/**
 * The room's connection, for components tldraw renders inside its UI. Who I am is not here:
 * state/meStore.ts owns that, so no component can hold a stale copy.
 */
export const RoomContext = createContext<{ connection: RoomConnection } | null>(null);

export function useRoomContext() {
  const value = useContext(RoomContext);
  if (!value) throw new Error('RoomContext missing');
  return value;
}
