/**
 * The server answers errors with a code of HTTP_ERRORS (`{"error": "<code>", …}`); the API client
 * (sync/api.ts) reads that code from the body, and what the partner reads comes from here, in
 * their language. Every code has its text in nl.ts and en.ts: `textKey` does not compile while one
 * is missing. The body's `message` is only the status's reason phrase, for tools, and never shown.
 */
import { type HttpErrorCode, MAX_WORKSHOP_TABLES } from '@patroonkaart/protocol';
import { type Locale, translate } from './i18n.ts';
import type { MessageKey } from './nl.ts';

/** The message of a code: a compile error for a code of HTTP_ERRORS without a text. */
export function textKey(code: HttpErrorCode): MessageKey {
  return `api.error.${code}`;
}

/** The message of an error answer: its code's text, or "something went wrong (status)" without one. */
export function apiErrorMessage(locale: Locale, code: HttpErrorCode | null, status: number): string {
  return translate(locale, code ? textKey(code) : 'api.error.unknown', { status, max: MAX_WORKSHOP_TABLES });
}
