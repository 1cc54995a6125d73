/**
 * A room's start, while tldraw is still on its way: main.tsx calls `startRoomRequests` on a room's
 * address, which asks the server for the runtime config and the role the link grants and, once the
 * role is known, opens the room's document side (RoomSync: local copy and socket). The room page
 * takes each of them once, when it mounts, instead of starting them then; a later mount (or one
 * that comes first) starts its own.
 */
import type { RuntimeConfig } from '@patroonkaart/protocol';
import { useMe } from '../state/meStore.ts';
import { getConfig } from './api.ts';
import type { RoomSync } from './RoomSync.ts';
import { fetchRole, type RoleResult, readRoomAddress } from './roomAccess.ts';

interface EarlyRoom {
  key: string;
  role: Promise<RoleResult>;
  /** Set once the role is known and the sync module has arrived, unless the page took the room first. */
  sync: RoomSync | null;
}

let config: Promise<RuntimeConfig> | null = null;
let early: EarlyRoom | null = null;

const keyOf = (roomId: string, token: string) => `${roomId}#${token}`;

/** Called by the app's entry on a room's address. */
export function startRoomRequests(): void {
  const address = readRoomAddress();
  if (!address?.token) return;
  const { roomId, token } = address;
  config = getConfig();
  // Handled here too, so an early failure is never "unhandled"; the page reads it from the promise.
  config.catch(() => {});
  const room: EarlyRoom = { key: keyOf(roomId, token), role: fetchRole(roomId, token), sync: null };
  early = room;
  Promise.all([room.role, import('./RoomSync.ts')])
    .then(([role, { RoomSync }]) => {
      // A room the page already took (or a refused link) gets no socket from here.
      if (early !== room || 'error' in role) return;
      room.sync = new RoomSync({ roomId, token, partnerSecret: useMe.getState().user.secret });
    })
    .catch(() => {});
}

/** The config: the one asked at the start, or a new question. */
export function takeConfig(): Promise<RuntimeConfig> {
  const asked = config;
  config = null;
  return asked ?? getConfig();
}

/** The role of this room's link: the one asked at the start for the same link, or a new question. */
export function takeRole(roomId: string, token: string): Promise<RoleResult> {
  return early?.key === keyOf(roomId, token) ? early.role : fetchRole(roomId, token);
}

/**
 * The document side started for this link, if it is already open; after this call nothing more
 * is started here, so a page that finds none opens its own and there are never two sockets.
 */
export function takeSync(roomId: string, token: string): RoomSync | null {
  const room = early;
  early = null;
  return room?.key === keyOf(roomId, token) ? room.sync : null;
}
