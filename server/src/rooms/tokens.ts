/** Room ids and role tokens: random, URL-safe, and only ever stored as hashes. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@patroonkaart/protocol';
import type { RoomRecord } from '../storage/Storage.ts';

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

export function roleForToken(room: RoomRecord, token: string | null | undefined): Role | null {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  if (sameHash(hash, room.facilitatorTokenHash)) return 'facilitator';
  if (sameHash(hash, room.editTokenHash)) return 'edit';
  if (sameHash(hash, room.viewTokenHash)) return 'view';
  return null;
}
