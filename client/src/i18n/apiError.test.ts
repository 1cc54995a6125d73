import { HTTP_ERRORS, type HttpErrorCode } from '@patroonkaart/protocol';
import { describe, expect, it } from 'vitest';
import { apiErrorMessage, textKey } from './apiError.ts';
import { en } from './en.ts';
import { loadLocale } from './i18n.ts';
import { nl } from './nl.ts';

await loadLocale('en');

const codes = Object.keys(HTTP_ERRORS) as HttpErrorCode[];

describe("API errors in the partner's language", () => {
  it('has a Dutch and an English text for every code the server may answer with', () => {
    for (const code of codes) {
      expect(nl[textKey(code)], code).toBeTruthy();
      expect(en[textKey(code)], code).toBeTruthy();
      expect(apiErrorMessage('en', code, HTTP_ERRORS[code].status)).not.toMatch(/[{}]/);
    }
  });

  it('has no text for a code the server no longer sends', () => {
    const keys = Object.keys(nl).filter((k) => k.startsWith('api.error.'));
    expect(keys.filter((k) => k !== 'api.error.unknown' && !codes.some((c) => textKey(c) === k))).toEqual([]);
  });

  // A body's code we do not know (or none, or 'toString') is read as null by the API client:
  // sync/api.test.ts checks those bodies end to end.
  it("answers in the partner's language, never with the body's message", () => {
    expect(apiErrorMessage('en', 'not-found', 404)).toBe('This address does not exist.');
    expect(apiErrorMessage('nl', 'table-count', 400)).toBe('Een workshop heeft 1 tot 12 tafels.');
    expect(apiErrorMessage('nl', null, 400)).toBe('Er ging iets mis op de server (400).');
    expect(apiErrorMessage('en', null, 502)).toBe('Something went wrong on the server (502).');
  });
});
