/** Serves the built client. Unknown app paths get index.html, so /r/<roomId> deep links work. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { badRequest } from './requestPath.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Everything the page loads comes from this server: no CDN, no third-party font or script.
 * The policy makes the browser refuse any other host, as a second line behind the bundle.
 * `connect-src 'self'` covers our own ws:/wss: too (CSP3; `ws: wss:` allowed every host), and
 * `frame-ancestors 'none'` stops other sites from framing the board to trick clicks.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

/**
 * Sent with every page (index.html). X-Frame-Options repeats frame-ancestors for browsers without
 * CSP level 2; nosniff keeps a JSON or text answer from being run as a script; no-referrer keeps
 * room paths out of other sites' logs.
 */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Sent with everything else (app.ts sets them first): scripts, styles, images, fonts, JSON. A
 * policy governs only what renders as a document, so these carry the shortest one that runs
 * nothing and frames nothing, should one be opened on its own (an SVG, a JSON answer). The page's
 * full policy on each of them cost a partner's first load some 11 KiB of headers on a slow link.
 */
export const RESOURCE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function serveStatic(
  clientDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('De app is nog niet gebouwd. Start de server met "npm start" (dat bouwt de app eerst).\n');
    return;
  }
  let file = normalize(join(clientDir, decodePath(pathname)));
  if (!file.startsWith(clientDir + sep) && file !== clientDir) file = indexFile;
  let isAsset = existsSync(file) && statSync(file).isFile();
  if (!isAsset) {
    if (pathname.startsWith('/assets/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Niet gevonden.\n');
      return;
    }
    file = indexFile;
    isAsset = true;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = pathname.startsWith('/assets/');
  const stat = statSync(file);
  // A validator for everything, so a reload of index.html costs a 304, not the page again.
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    vary: 'accept-encoding',
  };
  if (type.startsWith('text/html'))
    for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // The build leaves brotli and gzip copies beside text assets (client/scripts/precompress.ts).
  const encoding = pickEncoding(file, String(req.headers['accept-encoding'] ?? ''));
  if (encoding) headers['content-encoding'] = encoding.name;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A read error after the headers went out (the file vanished, a disk error) can only cut the
  // answer short; unhandled, the stream's 'error' event would end the whole process.
  createReadStream(encoding?.file ?? file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** The best precompressed copy the browser accepts: brotli, then gzip, else none. */
function pickEncoding(file: string, accepted: string): { name: string; file: string } | null {
  const accepts = (name: string) =>
    accepted
      .split(',')
      .map((part) => part.trim().split(';'))
      .some(([coding, q]) => coding === name && q?.trim() !== 'q=0');
  if (accepts('br') && existsSync(`${file}.br`)) return { name: 'br', file: `${file}.br` };
  if (accepts('gzip') && existsSync(`${file}.gz`)) return { name: 'gzip', file: `${file}.gz` };
  return null;
}

/** app.ts refuses undecodable paths first (requestPath); this keeps serveStatic safe on its own. */
function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw badRequest();
  }
}
