import { describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { markLabels, tableList } from './PlenarySections.tsx';
import type { Plenary } from './plenary.ts';
import { plenaryMarkdown } from './plenaryMarkdown.ts';

await loadLocale('en');

const nl = (key: MessageKey, vars?: Record<string, string | number>) => translate('nl', key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

const plenary: Plenary = {
  titles: ['Structuur lost alles op', ''],
  marks: [new Map(), new Map()],
  shared: [{ kind: 'step', text: 'Er doet zich een *complex* vraagstuk voor.', tables: [1, 2] }],
  firstSteps: [
    {
      organisation: 'Politie',
      firstSteps: [{ what: 'Samen bellen', who: 'Politie', step: 'Escalatie', table: 2 }],
    },
    { organisation: null, firstSteps: [{ what: '<script>', who: '', step: '', table: 1 }] },
  ],
  votes: [
    {
      item: null,
      question: 'recognisable',
      tables: [1, 2],
      rows: [
        ['Gemeente', { yes: 2, somewhat: 0, no: 1 }],
        [null, { yes: 0, somewhat: 2, no: 0 }],
      ],
    },
  ],
  takeAway: [{ text: 'Eerst bellen', name: 'Anna', organisation: 'Gemeente', table: 1 }],
};

describe('the plenary in words', () => {
  it('names the other tables on a badge, and counts them when there are many', () => {
    expect(tableList([2], nl, 'nl')).toBe('Tafel 2');
    expect(tableList([1, 2, 3], nl, 'nl')).toBe('Tafels 1, 2 en 3');
    expect(tableList([1, 3], en, 'en')).toBe('Tables 1 and 3');
    expect([...markLabels(new Map([['shape:a', [1, 3]]]), en, 'en').values()]).toEqual([
      'also at Tables 1 and 3',
    ]);
    const labels = markLabels(
      new Map([
        ['shape:a', [2]],
        ['shape:b', [2, 3]],
        ['shape:c', [1, 2, 4, 5, 6]],
      ]),
      nl,
      'nl',
    );
    expect([...labels.values()]).toEqual([
      'ook bij Tafel 2',
      'ook bij Tafel 2 en 3',
      'ook bij 5 andere tafels',
    ]);
  });

  it('writes the section of the Markdown summary, every partner text as text', () => {
    const md = plenaryMarkdown(plenary, 'nl');
    expect(md).toContain('## Alle tafels samen');
    expect(md).toContain('- Stap: Er doet zich een \\*complex\\* vraagstuk voor. (Tafels 1 en 2)');
    expect(md).toContain('**Politie**\n\n- Samen bellen (Tafel 2, wie: Politie, doorbreekt: Escalatie)');
    expect(md).toContain('**Nog zonder eigenaar**\n\n- &lt;script&gt; (Tafel 1)');
    expect(md).toContain(
      '- Het patroon als geheel (Herkenbaar?, Tafels 1 en 2): Gemeente: 2 ja, 1 nee; overige: 2 een beetje',
    );
    expect(md).toContain('### Wat neem je mee?\n\n- Eerst bellen (Anna, Gemeente, Tafel 1)');
    expect(md).not.toContain('<script>');
  });
});
