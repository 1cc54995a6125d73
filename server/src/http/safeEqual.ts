/**
 * Compares a secret the client sent with ours in constant time. Both are hashed first, so
 * timingSafeEqual always sees 32 bytes and the time taken says nothing about either length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function safeEqual(given: string, secret: string): boolean {
  return timingSafeEqual(digest(given), digest(secret));
}
