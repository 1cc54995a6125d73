import { describe, expect, it } from 'vitest';
import { requestPath } from './requestPath.ts';

describe('requestPath', () => {
  it('keeps the path as sent, without query or fragment', () => {
    expect(requestPath('/r/abc?x=1')).toBe('/r/abc');
    expect(requestPath('/api/rooms#k=1')).toBe('/api/rooms');
    expect(requestPath('/%C3%A9')).toBe('/%C3%A9');
    expect(requestPath('//')).toBe('//');
    expect(requestPath('//evil.example/api/rooms')).toBe('//evil.example/api/rooms');
  });

  it('accepts the absolute form', () => {
    expect(requestPath('http://example.org/healthz?x')).toBe('/healthz');
  });

  it('refuses bad percent-encoding and targets that are no path', () => {
    for (const target of ['/%E0%A4%A', '/%ZZ', '/r/%', '/api/%C3', '*', '', 'mailto:x', 'http://[::1']) {
      expect(requestPath(target), target).toBeNull();
    }
  });
});
