/**
 * What a state-changing API request must show before it is read: it comes from our own pages and
 * says it is JSON. A form or `fetch(…, {mode: 'no-cors'})` on a foreign page can send a POST with
 * `text/plain` and no preflight, spending a visitor's room creations from their own address;
 * neither can set `application/json` without a preflight we never answer, and a browser always
 * names the page's origin (`Origin`, `Sec-Fetch-Site`).
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Throws 403 for a cross-site state-changing request, 415 for a POST that is not JSON. */
export function checkStateChange(req: IncomingMessage): void {
  const method = req.method ?? 'GET';
  if (SAFE_METHODS.has(method)) return;
  if (isCrossSite(req)) throw new HttpError('cross-site');
  if (method === 'POST' && !isJson(req.headers['content-type'])) throw new HttpError('json-required');
}

/**
 * Tools without a browser (curl, our tests) send neither header and are let through: they hold
 * the link themselves, which is what a cross-site page cannot.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const host = req.headers.host;
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    // `Origin: null` (a sandboxed frame, a file) or junk: not one of our pages.
    return true;
  }
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}
