import { describe, expect, it } from 'vitest';
import { loadLocale, type MessageKey, translate } from './i18n.ts';
import { summarise, summariseByOrganisation } from './voteSummary.ts';

await loadLocale('en');

const nl = (key: MessageKey) => translate('nl', key);
const en = (key: MessageKey) => translate('en', key);

describe('vote tallies in words', () => {
  it('names only the answers given, in the order of the choices', () => {
    expect(summarise({ yes: 2, somewhat: 0, no: 1 }, nl)).toBe(`2 ${nl('vote.yes')} · 1 ${nl('vote.no')}`);
    expect(summarise({ yes: 0, somewhat: 3, no: 0 }, en, ', ')).toBe(`3 ${en('vote.somewhat')}`);
    expect(summarise({ yes: 0, somewhat: 0, no: 0 }, nl)).toBe('');
  });

  it('puts every organisation on one line, a partner without one under its own word', () => {
    const line = summariseByOrganisation(
      [
        ['Gemeente', { yes: 1, somewhat: 0, no: 1 }],
        ['', { yes: 2, somewhat: 0, no: 0 }],
      ],
      en,
    );
    expect(line).toBe(
      `Gemeente: 1 ${en('vote.yes')}, 1 ${en('vote.no')}; ${en('vote.noOrganisation')}: 2 ${en('vote.yes')}`,
    );
  });
});
