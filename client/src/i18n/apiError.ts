/**
 * The server answers errors with a code of HTTP_ERRORS (`{"error": "<code>", …}`); what the
 * partner reads comes from here, in their language. Every code has its text in nl.ts and en.ts:
 * `textKey` does not compile while one is missing. The body's `message` is only the status's
 * reason phrase, for tools, and never shown.
 */
import { type HttpErrorCode, isHttpErrorCode, MAX_WORKSHOP_TABLES } from '@patroonkaart/protocol';
import { type Locale, translate } from './i18n.ts';
import type { MessageKey } from './nl.ts';

/** The message of a code: a compile error for a code of HTTP_ERRORS without a text. */
export function textKey(code: HttpErrorCode): MessageKey {
  return `api.error.${code}`;
}

export function apiErrorMessage(locale: Locale, body: unknown, status: number): string {
  const error = (body as { error?: unknown } | null)?.error;
  const key = isHttpErrorCode(error) ? textKey(error) : 'api.error.unknown';
  return translate(locale, key, { status, max: MAX_WORKSHOP_TABLES });
}
