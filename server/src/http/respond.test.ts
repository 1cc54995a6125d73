/** What a failed request shows the client: an HttpError's code, nothing else. */
import { type ServerResponse, STATUS_CODES } from 'node:http';
import { HTTP_ERRORS, type HttpErrorCode } from '@patroonkaart/protocol';
import { describe, expect, it } from 'vitest';
import { HttpError, sendFailure, sendJsonBytes } from './respond.ts';

function capture() {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      out.status = status;
      out.headers = headers;
      return res;
    },
    write(part: Uint8Array) {
      out.body += Buffer.from(part).toString();
    },
    end(body?: string) {
      if (body !== undefined) out.body += body;
    },
  };
  return { res: res as unknown as ServerResponse, out };
}

describe('sendFailure', () => {
  it('answers an unexpected error with a fixed 500 text: no message, no stack', () => {
    const { res, out } = capture();
    sendFailure(res, new Error('ENOENT: /srv/secret/path'));
    expect(out.status).toBe(500);
    expect(JSON.parse(out.body)).toEqual({ error: 'internal', message: 'Internal Server Error' });
    expect(out.body).not.toMatch(/ENOENT|secret|\bat /);
  });

  it("answers an HttpError with its code, the code's status, its reason phrase and headers", () => {
    const { res, out } = capture();
    sendFailure(res, new HttpError('rate-limited', { 'retry-after': 7 }));
    expect(out.status).toBe(429);
    expect(out.headers['retry-after']).toBe(7);
    expect(JSON.parse(out.body)).toEqual({ error: 'rate-limited', message: 'Too Many Requests' });
  });

  it('gives every code of the table a status with a standard reason phrase', () => {
    for (const code of Object.keys(HTTP_ERRORS) as HttpErrorCode[]) {
      const { res, out } = capture();
      sendFailure(res, new HttpError(code));
      expect(out.status).toBe(HTTP_ERRORS[code].status);
      expect(JSON.parse(out.body)).toEqual({ error: code, message: STATUS_CODES[out.status] });
    }
  });
});

describe('sendJsonBytes', () => {
  it('sends UTF-8 parts as one JSON answer, its length counted in bytes', () => {
    const { res, out } = capture();
    const parts = [
      Buffer.from('{"point":{"label":"vóór de pauze"},"records":'),
      Buffer.from('[]'),
      Buffer.from('}'),
    ];
    sendJsonBytes(res, 200, parts);
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toEqual({ point: { label: 'vóór de pauze' }, records: [] });
    // "ó" is two bytes: a length counted in characters would cut the answer short.
    expect(out.headers['content-length']).toBe(Buffer.byteLength(out.body));
    expect(out.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});
