import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, apiErrorMessage } from './apiError.ts';

/** Every `error` code the server's HTTP code can answer with, read from its sources. */
function serverCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const c of serverCodes(path)) codes.add(c);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/HttpError\(\s*\d{3},\s*'([a-z-]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/error: '([a-z-]+)'/g)) codes.add(m[1]!);
    }
  }
  return codes;
}

describe("API errors in the partner's language", () => {
  it("knows every code the server answers with, so nobody reads the server's Dutch fallback in English", () => {
    const codes = serverCodes(join(import.meta.dirname, '..', '..', '..', 'server', 'src'));
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((c) => !(API_ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('answers in English for an English partner, with the Dutch message as the fallback for an unknown code', () => {
    expect(apiErrorMessage('en', { error: 'not-found', message: 'Deze API-route bestaat niet.' }, 404)).toBe(
      'This address does not exist.',
    );
    expect(apiErrorMessage('en', { error: 'brand-new', message: 'Nieuw.' }, 400)).toBe('Nieuw.');
  });
});
