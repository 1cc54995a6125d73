/**
 * Reads the room id and token from the address (`/r/<roomId>#k=<token>`) and asks the server
 * which role the token grants. The last known role is remembered per room, so a reload while
 * offline still opens the local copy.
 */
import { isValidRoomId, LINK_TOKEN_PARAM, type Role } from '@patroonkaart/protocol';
import { ApiFailure, getRole } from './api.ts';

export interface RoomAddress {
  roomId: string;
  token: string | null;
}

export function readRoomAddress(loc: Pick<Location, 'pathname' | 'hash'> = location): RoomAddress | null {
  const roomId = /^\/r\/([^/]+)\/?$/.exec(loc.pathname)?.[1];
  if (roomId === undefined || !isValidRoomId(roomId)) return null;
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  return { roomId, token: params.get(LINK_TOKEN_PARAM) };
}

export type RoleResult =
  | { role: Role; offline: boolean }
  | { error: 'roomNotFound' | 'unauthorized' | 'offline' };

const roleKey = (roomId: string) => `patroonkaart.role.${roomId}`;

export async function fetchRole(roomId: string, token: string): Promise<RoleResult> {
  try {
    const { role } = await getRole({ roomId, token });
    localStorage.setItem(roleKey(roomId), role);
    return { role, offline: false };
  } catch (failure) {
    const status = failure instanceof ApiFailure ? failure.status : null;
    if (status === 404) return { error: 'roomNotFound' };
    if (status === 401 || status === 403) return { error: 'unauthorized' };
    const remembered = localStorage.getItem(roleKey(roomId)) as Role | null;
    return remembered ? { role: remembered, offline: true } : { error: 'offline' };
  }
}
