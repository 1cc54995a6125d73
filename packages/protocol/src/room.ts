/** Room ids are 128 random bits, base64url without padding: 22 characters. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isValidRoomId(id: string): boolean {
  return ROOM_ID_PATTERN.test(id);
}

export type Role = 'facilitator' | 'edit' | 'view';

/**
 * The socket carries its token as a WebSocket subprotocol, never in the URL, so it cannot land
 * in an access log: the client offers [SYNC_SUBPROTOCOL, TOKEN_PREFIX + token] and the server
 * answers with SYNC_SUBPROTOCOL.
 */
export const SYNC_SUBPROTOCOL = 'patroonkaart.v1';
export const TOKEN_PREFIX = 'token.';

/** Share links carry the token in the fragment (`#k=`), which browsers never send to a server. */
export const LINK_TOKEN_PARAM = 'k';

export function syncPath(roomId: string): string {
  return `/sync/${roomId}`;
}

export function roomPath(roomId: string, token?: string): string {
  return token ? `/r/${roomId}#${LINK_TOKEN_PARAM}=${token}` : `/r/${roomId}`;
}
