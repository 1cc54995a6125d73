/** Which address a rate limit sees, directly and behind reverse proxies. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress.ts';

const request = (forwardedFor?: string | string[], remoteAddress = '192.0.2.9') =>
  ({
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('with trustProxy 0 uses the socket address and ignores X-Forwarded-For (it can be forged)', () => {
    expect(clientAddress(request('203.0.113.5'), 0)).toBe('192.0.2.9');
    expect(clientAddress(request(), 0)).toBe('192.0.2.9');
  });

  it('behind one proxy takes the right-most entry, whatever the client put in front', () => {
    expect(clientAddress(request('203.0.113.5'), 1)).toBe('203.0.113.5');
    expect(clientAddress(request('10.6.6.6, 203.0.113.5'), 1)).toBe('203.0.113.5');
  });

  it('behind N proxies takes the N-th entry from the right', () => {
    expect(clientAddress(request('10.6.6.6,203.0.113.5, 198.51.100.1'), 2)).toBe('203.0.113.5');
  });

  it('reads several X-Forwarded-For headers as one list', () => {
    expect(clientAddress(request(['10.6.6.6', '203.0.113.5, 198.51.100.1']), 2)).toBe('203.0.113.5');
  });

  it('falls back to the socket address when the header has fewer entries than proxies', () => {
    expect(clientAddress(request(), 1)).toBe('192.0.2.9');
    expect(clientAddress(request(''), 1)).toBe('192.0.2.9');
    expect(clientAddress(request(' , '), 1)).toBe('192.0.2.9');
    expect(clientAddress(request('203.0.113.5'), 2)).toBe('192.0.2.9');
  });
});
