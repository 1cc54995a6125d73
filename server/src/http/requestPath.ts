/**
 * The path of a request as the routes see it: still percent-encoded, without query or fragment.
 * Returns null for a target no route can serve, so the caller answers 400 once for all routes:
 * bad percent-encoding (decodeURIComponent would throw later, in whichever route decodes) or a
 * target that is not a path. We do not resolve it against a base URL: `new URL('//', base)`
 * throws, and `//host/x` would quietly become the path `/x` of another host.
 */
import { HttpError } from './respond.ts';

export const badRequest = () => new HttpError('bad-request');

export function requestPath(target: string): string | null {
  let path = target.split(/[?#]/, 1)[0] ?? '';
  if (!path.startsWith('/')) {
    // The absolute form (`GET http://host/path`) that HTTP/1.1 servers must accept; `*` fails here.
    try {
      path = new URL(target).pathname;
    } catch {
      return null;
    }
    if (!path.startsWith('/')) return null;
  }
  try {
    decodeURIComponent(path);
  } catch {
    return null;
  }
  return path;
}
