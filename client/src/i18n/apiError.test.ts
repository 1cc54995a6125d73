import { HTTP_ERRORS, type HttpErrorCode } from '@patroonkaart/protocol';
import { describe, expect, it } from 'vitest';
import { apiErrorMessage, textKey } from './apiError.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

const codes = Object.keys(HTTP_ERRORS) as HttpErrorCode[];

describe("API errors in the partner's language", () => {
  it('has a Dutch and an English text for every code the server may answer with', () => {
    for (const code of codes) {
      expect(nl[textKey(code)], code).toBeTruthy();
      expect(en[textKey(code)], code).toBeTruthy();
      expect(apiErrorMessage('en', { error: code, message: 'x' }, HTTP_ERRORS[code].status)).not.toMatch(
        /[{}]/,
      );
    }
  });

  it('has no text for a code the server no longer sends', () => {
    const keys = Object.keys(nl).filter((k) => k.startsWith('api.error.'));
    expect(keys.filter((k) => k !== 'api.error.unknown' && !codes.some((c) => textKey(c) === k))).toEqual([]);
  });

  it("answers in the partner's language, never with the body's message", () => {
    expect(apiErrorMessage('en', { error: 'not-found', message: 'Not Found' }, 404)).toBe(
      'This address does not exist.',
    );
    expect(apiErrorMessage('nl', { error: 'table-count', message: 'Bad Request' }, 400)).toBe(
      'Een workshop heeft 1 tot 12 tafels.',
    );
    expect(apiErrorMessage('nl', { error: 'brand-new', message: 'Bad Request' }, 400)).toBe(
      'Er ging iets mis op de server (400).',
    );
    expect(apiErrorMessage('en', null, 502)).toBe('Something went wrong on the server (502).');
    expect(apiErrorMessage('en', { error: 'toString' }, 400)).toBe(
      'Something went wrong on the server (400).',
    );
  });
});
