/**
 * Why the room refuses a message: a typed close code and a short detail for the log. The code is
 * chosen where the problem is found, never by matching the text of a message.
 */
import type { CloseCodeName } from '@patroonkaart/protocol';
import { truncate } from '@patroonkaart/tldraw-yjs';

export interface Refusal {
  code: CloseCodeName;
  /** For the log only; never shown to partners. Bounded, so a hostile id cannot flood the log. */
  detail: string;
  /** Found only after applying: the room was rebuilt to undo it (the expensive kind, counted). */
  rolledBack?: true;
}

export const MAX_DETAIL_CHARS = 300;

export function refusal(code: CloseCodeName, detail: string): Refusal {
  return { code, detail: truncate(detail, MAX_DETAIL_CHARS) };
}
