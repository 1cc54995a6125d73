import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { loadLocale, translate } from './i18n.ts';
import { nl } from './nl.ts';

// English is a chunk of its own in the app, fetched before it is shown.
await loadLocale('en');

describe('translate', () => {
  it('picks the plural form the language asks for', () => {
    expect(translate('nl', 'room.status.pending', { count: 1 })).toBe('1 wijziging wacht');
    expect(translate('nl', 'room.status.pending', { count: 3 })).toBe('3 wijzigingen wachten');
    expect(translate('en', 'room.status.pending', { count: 1 })).toBe('1 change waiting');
    expect(translate('en', 'loops.openSteps', { count: 2 })).toBe('2 steps in no loop');
    expect(translate('nl', 'history.shapes', { count: 0 })).toBe('0 onderdelen');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(en[key], key).toBeTruthy();
      expect(names(en[key]), key).toEqual(names(nl[key]));
    }
  });
});
