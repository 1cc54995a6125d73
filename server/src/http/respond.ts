import type { IncomingMessage, ServerResponse } from 'node:http';

type ExtraHeaders = Record<string, string | number>;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: ExtraHeaders = {},
): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
  });
  res.end(data);
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  headers: ExtraHeaders = {},
): void {
  sendJson(res, status, { error, message }, headers);
}

/**
 * Answers a failed request. Only an HttpError's own status and Dutch message reach the client;
 * anything else is a bug and gets a fixed 500 text, never the error's message or stack.
 */
export function sendFailure(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) sendError(res, error.status, error.code, error.message, error.headers);
  else sendError(res, 500, 'internal', 'Er ging iets mis op de server. Probeer het opnieuw.');
}

/** Reads a JSON body of at most `limit` bytes; rejects with a status and Dutch message. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, 'too-large', 'Het verzoek is te groot.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'bad-json', 'Het verzoek is geen geldige JSON.'));
      }
    });
    req.on('error', reject);
  });
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra response headers, such as Retry-After on a 429. */
  readonly headers: ExtraHeaders;
  constructor(status: number, code: string, message: string, headers: ExtraHeaders = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice('Bearer '.length).trim() || null;
}
