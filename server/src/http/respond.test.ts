/** What a failed request shows the client: its own message for an HttpError, nothing else. */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpError, sendFailure } from './respond.ts';

function capture() {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      out.status = status;
      out.headers = headers;
      return res;
    },
    end(body: string) {
      out.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, out };
}

describe('sendFailure', () => {
  it('answers an unexpected error with a fixed 500 text: no message, no stack', () => {
    const { res, out } = capture();
    sendFailure(res, new Error('ENOENT: /srv/secret/path'));
    expect(out.status).toBe(500);
    expect(JSON.parse(out.body)).toEqual({ error: 'internal', message: expect.any(String) });
    expect(out.body).not.toMatch(/ENOENT|secret|\bat /);
  });

  it('answers an HttpError with its status, code, Dutch message and headers', () => {
    const { res, out } = capture();
    sendFailure(res, new HttpError(429, 'rate-limited', 'Wacht even.', { 'retry-after': 7 }));
    expect(out.status).toBe(429);
    expect(out.headers['retry-after']).toBe(7);
    expect(JSON.parse(out.body)).toEqual({ error: 'rate-limited', message: 'Wacht even.' });
  });
});
