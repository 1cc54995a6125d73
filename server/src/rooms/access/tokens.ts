/** Room ids and role tokens: random, URL-safe, and only ever stored as hashes. */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { Role } from '@patroonkaart/protocol';
import type { RoomRecord } from '../../storage/Storage.ts';

/** 128 random bits as base64url: 22 characters. */
export function newRoomId(): string {
  return randomBytes(16).toString('base64url');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Whether `token` is the one whose hash is stored (constant time). */
export function matchesToken(token: string | null | undefined, hash: string): boolean {
  return !!token && token.length <= 200 && sameHash(hashToken(token), hash);
}

/**
 * A workshop table's facilitator token, derived from the workshop's key: the key opens every
 * table, a table's token only its own, and nothing leads back from a table's token to the key
 * or to another table's.
 */
export function tableToken(workshopKey: string, roomId: string): string {
  return createHmac('sha256', workshopKey)
    .update(`patroonkaart-table:${roomId}`)
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

export function roleForToken(room: RoomRecord, token: string | null | undefined): Role | null {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  if (sameHash(hash, room.facilitatorTokenHash)) return 'facilitator';
  if (sameHash(hash, room.editTokenHash)) return 'edit';
  if (sameHash(hash, room.viewTokenHash)) return 'view';
  if (sameHash(hashToken(tableToken(token, room.id)), room.facilitatorTokenHash)) return 'facilitator';
  return null;
}

/**
 * The room's own facilitator token that `token` stands for: itself, or, for a workshop's key, the
 * table's token derived from it (a table of a workshop made before tables had their own tokens
 * has the key itself). Null when `token` is not the room's facilitator.
 */
export function ownFacilitatorToken(room: RoomRecord, token: string | null | undefined): string | null {
  if (!token || roleForToken(room, token) !== 'facilitator') return null;
  return matchesToken(token, room.facilitatorTokenHash) ? token : tableToken(token, room.id);
}

/**
 * The partner and viewer tokens, sealed with a key derived from the facilitator's token: the
 * server can show the share links only to someone who presents that token, and a stolen database
 * yields no working link.
 */
export function sealLinks(facilitatorToken: string, links: { edit: string; view: string }): string {
  const key = createHash('sha256').update(`patroonkaart-links:${facilitatorToken}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(links), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

export function openLinks(facilitatorToken: string, sealed: string): { edit: string; view: string } | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const key = createHash('sha256').update(`patroonkaart-links:${facilitatorToken}`).digest();
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as { edit: string; view: string };
  } catch {
    return null;
  }
}
