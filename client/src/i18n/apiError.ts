/**
 * The server answers errors with a code (`{"error": "<code>", "message": …}`); what the partner
 * reads comes from here, in their language. The server's own `message` (Dutch) is only a fallback
 * for a code this client does not know yet.
 */
import { type Locale, translate } from './i18n.ts';
import type { MessageKey } from './nl.ts';

/** Every error code the server answers with (a test holds this against the server's sources). */
export const API_ERROR_CODES = [
  'bad-json',
  'bad-request',
  'invalid-room-id',
  'invalid-workshop-id',
  'table-count',
  'unknown-template',
  'unauthorized',
  'creation-code',
  'forbidden',
  'point-not-found',
  'room-not-found',
  'workshop-not-found',
  'method-not-allowed',
  'too-large',
  'rate-limited',
  'not-found',
  'internal',
  'json-required',
  'cross-site',
] as const;

export function apiErrorMessage(locale: Locale, body: unknown, status: number): string {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string' && (API_ERROR_CODES as readonly string[]).includes(error))
    return translate(locale, `api.error.${error}` as MessageKey);
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : translate(locale, 'api.error.unknown', { status });
}
