/**
 * Every error the HTTP API answers with: its code (the JSON body's `error`) and its status. One
 * table, as closeCodes.ts is for the sync socket, but without human text: the client says each
 * code in the partner's language (client/src/i18n/apiError.ts, type-checked against this table),
 * and the body's `message` is the status's standard reason phrase (`Not Found`), for tools.
 */
export interface HttpErrorEntry {
  status: number;
}

const table = {
  /** A request target no route can serve (bad percent-encoding, not a path). */
  'bad-request': { status: 400 },
  'bad-json': { status: 400 },
  'invalid-room-id': { status: 400 },
  'invalid-workshop-id': { status: 400 },
  /** A workshop of fewer than 1 or more than MAX_WORKSHOP_TABLES tables. */
  'table-count': { status: 400 },
  'unknown-template': { status: 400 },
  /** A template's name (1-80 characters) or description (at most 200) that is missing or too long. */
  'invalid-template': { status: 400 },
  /** JSON, but not a map file (`format`, `records`, `schema`). */
  'not-a-map': { status: 400 },
  /** A map file written by a newer version (its format version or schema). */
  'map-too-new': { status: 400 },
  /** A map with a record that is not valid (schema, entry rules, references): nothing is stored. */
  'invalid-map': { status: 400 },
  /** A map with no loop step: nothing to make a template of. */
  'empty-map': { status: 400 },
  /** No token, or a token that opens nothing here (also /metrics without METRICS_TOKEN). */
  unauthorized: { status: 401 },
  /** A valid token whose role may not do this (the facilitator's links, history, deleting). */
  forbidden: { status: 403 },
  /** The creation code is missing or wrong (ROOM_CREATION_CODE). */
  'creation-code': { status: 403 },
  /** A state-changing request from another site's page (Origin, Sec-Fetch-Site). */
  'cross-site': { status: 403 },
  /** No such API route. */
  'not-found': { status: 404 },
  'room-not-found': { status: 404 },
  'workshop-not-found': { status: 404 },
  /** A restore point that is not (or no longer) kept. */
  'point-not-found': { status: 404 },
  /** A saved template that does not exist (or no longer). */
  'template-not-found': { status: 404 },
  'method-not-allowed': { status: 405 },
  /** The template library holds MAX_LIBRARY_TEMPLATES already. */
  'library-full': { status: 409 },
  /** A JSON body over the route's limit, or a map over a template's (MAP_FILE_MAX_BYTES, ENTRY_LIMITS). */
  'too-large': { status: 413 },
  /** A POST whose Content-Type is not application/json. */
  'json-required': { status: 415 },
  /** Too many creations from one address, or too many wrong creation codes (with Retry-After). */
  'rate-limited': { status: 429 },
  /** Anything unexpected: the body never carries the error's own message or stack. */
  internal: { status: 500 },
  // A silent round (silentRound.ts): a partner's waiting answers and the facilitator's reveal.
  /** No partner secret (PARTNER_HEADER, 22-64 base64url characters): waiting answers are their author's. */
  'partner-secret': { status: 400 },
  /** A round that is not one of the method's (1-5). */
  'invalid-round': { status: 400 },
  /** An answer whose text (1-500 characters), name or organisation does not fit. */
  'invalid-answer': { status: 400 },
  /** The round is not silent (any more): the answer belongs in the document. */
  'round-not-silent': { status: 409 },
  /** No waiting answer of yours with that id (revealed, removed, or never yours). */
  'answer-not-found': { status: 404 },
  /** Too many answers waiting: MAX_WAITING_PER_AUTHOR for one partner, MAX_WAITING_PER_ROOM for the room. */
  'too-many-answers': { status: 409 },
} as const satisfies Record<string, HttpErrorEntry>;

export type HttpErrorCode = keyof typeof table;
export const HTTP_ERRORS: { readonly [K in HttpErrorCode]: HttpErrorEntry } = table;

export function isHttpErrorCode(code: unknown): code is HttpErrorCode {
  return typeof code === 'string' && Object.hasOwn(table, code);
}
