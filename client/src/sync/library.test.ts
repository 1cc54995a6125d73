import { TEMPLATES } from '@patroonkaart/model';
import type { LibraryTemplate } from '@patroonkaart/protocol';
import { describe, expect, it } from 'vitest';
import { loadLocale } from '../i18n/i18n.ts';
import { templateName } from './library.ts';

await loadLocale('en');

const saved: LibraryTemplate = {
  id: 'lib-AAAAAAAAAAAAAAAAAAAAAA',
  name: 'Ons patroon',
  description: '',
  stepCount: 5,
  createdAt: 1,
};

describe('a template id in words', () => {
  it('names a saved template by its name, a seed by its title, a blank loop as such', () => {
    expect(templateName('nl', saved.id, [saved])).toBe('Ons patroon');
    expect(templateName('nl', TEMPLATES[0]!.id, [])).toBe(TEMPLATES[0]!.title);
    expect(templateName('nl', 'blank', null)).toBe('Lege lus');
    expect(templateName('en', 'blank-8', null)).toBe('Blank loop');
    expect(templateName('nl', 'empty', null)).toBe('een lege pagina');
  });

  it('never shows the raw id of a saved template: removed, or not (yet) known', () => {
    const other = 'lib-BBBBBBBBBBBBBBBBBBBBBB';
    expect(templateName('nl', other, [saved])).toBe('een sjabloon dat inmiddels is verwijderd');
    expect(templateName('en', other, [saved])).toBe('a template that has since been removed');
    expect(templateName('nl', other, null)).toBe('een bewaard sjabloon');
  });
});
