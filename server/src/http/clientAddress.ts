/**
 * The address a request comes from, for rate limits. Behind reverse proxies the socket's peer is
 * the nearest proxy, so every user would share one bucket; each proxy appends the address it saw
 * to X-Forwarded-For. With `trustProxy` = N proxies, the N-th entry from the right is the one the
 * outermost proxy wrote: entries further left come from the client and can be forged. That is
 * also why N must stay 0 when clients reach the server directly.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy <= 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  // Several X-Forwarded-For headers count as one list, in order (RFC 9110 field combination).
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const hops = raw
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  return hops[hops.length - trustProxy] ?? socketAddress;
}
