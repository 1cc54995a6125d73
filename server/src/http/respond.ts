import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { type ApiError, HTTP_ERRORS, type HttpErrorCode } from '@patroonkaart/protocol';

type ExtraHeaders = Record<string, string | number>;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: ExtraHeaders = {},
): void {
  const data = JSON.stringify(body);
  res.writeHead(status, jsonHeaders(headers, Buffer.byteLength(data)));
  res.end(data);
}

/**
 * An answer already written as UTF-8 JSON (off the event loop, say), in parts sent one after the
 * other: a big answer is never joined into one string or buffer here.
 */
export function sendJsonBytes(
  res: ServerResponse,
  status: number,
  parts: readonly Uint8Array[],
  headers: ExtraHeaders = {},
): void {
  res.writeHead(
    status,
    jsonHeaders(
      headers,
      parts.reduce((n, part) => n + part.byteLength, 0),
    ),
  );
  for (const part of parts) res.write(part);
  res.end();
}

function jsonHeaders(headers: ExtraHeaders, bytes: number): ExtraHeaders {
  return {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes,
    'cache-control': 'no-store',
  };
}

/**
 * The one place an error answer is made: `{"error": <code>, "message": <reason phrase>}` with the
 * code's status from HTTP_ERRORS. The words a partner reads are the client's (its i18n), in their
 * language; `message` is only the status's standard phrase (`Not Found`), for tools and logs.
 */
export function sendError(res: ServerResponse, code: HttpErrorCode, headers: ExtraHeaders = {}): void {
  const { status } = HTTP_ERRORS[code];
  const body: ApiError = { error: code, message: STATUS_CODES[status] ?? 'Error' };
  sendJson(res, status, body, headers);
}

/**
 * Answers a failed request. Only an HttpError's own code reaches the client; anything else is a
 * bug and gets `internal`, never the error's message or stack.
 */
export function sendFailure(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) sendError(res, error.code, error.headers);
  else sendError(res, 'internal');
}

/** Bytes of a refused body still read (and dropped) after the answer, so the client can read it. */
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes; rejects with an HttpError (`too-large`, `bad-json`).
 * A body over the limit (declared, or found while reading) is answered `413` at once and nothing
 * more of it is kept; the rest is read and dropped, so the client, still sending, can read the
 * answer (a cut connection would leave it with a broken pipe and no reason), up to DRAIN_BYTES
 * more, after which the connection is cut.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    const tooLarge = () => {
      over = true;
      chunks.length = 0;
      reject(new HttpError('too-large'));
    };
    if (Number(req.headers['content-length']) > limit) tooLarge();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > limit + DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError('bad-json'));
      }
    });
    req.on('error', reject);
  });
}

/** A refused request, thrown by a route and answered by sendFailure; its status comes from HTTP_ERRORS. */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  /** Extra response headers, such as Retry-After on a 429. */
  readonly headers: ExtraHeaders;
  constructor(code: HttpErrorCode, headers: ExtraHeaders = {}) {
    super(code);
    this.name = 'HttpError';
    this.code = code;
    this.headers = headers;
  }

  get status(): number {
    return HTTP_ERRORS[this.code].status;
  }
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice('Bearer '.length).trim() || null;
}
