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

/**
 * The sync socket's path: `/sync/<roomId>`. A y-websocket client is given `<ws origin>/sync` and the
 * room id, and joins them with a slash itself; the server answers upgrades under `/sync/`.
 */
export const SYNC_PATH = '/sync';

export function roomPath(roomId: string, token?: string): string {
  return token ? `/r/${roomId}#${LINK_TOKEN_PARAM}=${token}` : `/r/${roomId}`;
}

/**
 * A partner's secret: made once by their browser and kept on the device, offered as a third
 * subprotocol (PARTNER_PREFIX + secret). It never appears in the document: answers and votes carry
 * the author key derived from it, which the server derives too, so only the holder of the secret
 * can write under that key.
 */
export const PARTNER_PREFIX = 'partner.';
export const PARTNER_SECRET_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** The author key of a secret: the first 24 hex digits of its SHA-256 (WebCrypto, so browsers too). */
export async function authorKey(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)]
    .slice(0, 12)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/**
 * A partner's ballot key in one room, for anonymous votes: the first 24 hex digits of the SHA-256
 * of the room id and the secret. The partner's browser and the server (which sees the secret on
 * connecting) can compute it; nobody else can, nor tie it to the partner's author key.
 */
export async function ballotKey(secret: string, roomId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ballotInput(secret, roomId)));
  return [...new Uint8Array(digest)]
    .slice(0, 12)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/** What a ballot key hashes (the server hashes the same bytes synchronously). */
export function ballotInput(secret: string, roomId: string): string {
  return `ballot\u0000${roomId}\u0000${secret}`;
}

/** A workshop's overview: like a room's link, the token in the fragment. */
export function workshopPath(workshopId: string, token?: string): string {
  return token ? `/w/${workshopId}#${LINK_TOKEN_PARAM}=${token}` : `/w/${workshopId}`;
}
