import { createContext, useContext } from 'react';
import type { RoomConnection } from './RoomConnection.ts';

/**
 * The room's connection, handed down by room/RoomPage.tsx to everything in the room (tldraw's
 * UI included): components read it with useRoomContext(), never as a prop. Who I am is not here:
 * state/meStore.ts owns that, so no component can hold a stale copy.
 */
export const RoomContext = createContext<{ connection: RoomConnection } | null>(null);

export function useRoomContext() {
  const value = useContext(RoomContext);
  if (!value) throw new Error('RoomContext missing');
  return value;
}
