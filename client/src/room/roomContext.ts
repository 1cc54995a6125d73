import { createContext, useContext } from 'react';
import type { RoomConnection } from '../sync/RoomConnection.ts';
import type { LocalUser } from './localUser.ts';

/** The room's connection and the local partner, for components tldraw renders inside its UI. */
export const RoomContext = createContext<{ connection: RoomConnection; user: LocalUser } | null>(null);

export function useRoomContext() {
  const value = useContext(RoomContext);
  if (!value) throw new Error('RoomContext missing');
  return value;
}
