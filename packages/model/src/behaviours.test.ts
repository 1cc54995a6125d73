import { describe, expect, it } from 'vitest';
import { BUILT_IN_BEHAVIOURS, CUSTOM_BEHAVIOUR_COLOUR, customBehaviour, getBehaviour } from './behaviours.ts';
import { contrastRatio, parseHex } from './contrast.ts';

const DARK_TEXT = '#1A1A1A';

describe('BUILT_IN_BEHAVIOURS', () => {
  it('lists the five behaviours in slide order with their exact utterances', () => {
    expect(BUILT_IN_BEHAVIOURS.map(({ kind, name, utterance }) => ({ kind, name, utterance }))).toEqual([
      {
        kind: 'wachten-en-wijzen',
        name: 'Wachten en wijzen',
        utterance: '“Dit is niet alleen mijn verantwoordelijkheid. De ander is eerst aan zet.”',
      },
      {
        kind: 'afbakenen',
        name: 'Afbakenen',
        utterance: '“Laten we eerst onze rollen en verantwoordelijkheden aanscherpen.”',
      },
      { kind: 'duiken', name: 'Duiken', utterance: '“Mijn organisatie heeft nu eerst prioriteit.”' },
      { kind: 'oreren', name: 'Oreren', utterance: '“Ik zal het je nog een keer uitleggen.”' },
      {
        kind: 'evalueren',
        name: 'Evalueren',
        utterance: '“Zo kunnen we niet doorgaan. Laten we onze samenwerking evalueren”',
      },
    ]);
    expect(BUILT_IN_BEHAVIOURS.every((b) => b.builtIn)).toBe(true);
  });

  it('keeps the missing final period of Evalueren, as on the slide', () => {
    expect(getBehaviour('evalueren')?.utterance.endsWith('evalueren”')).toBe(true);
  });

  it('has distinct icons and colours, so colour is never the only cue', () => {
    const icons = BUILT_IN_BEHAVIOURS.map((b) => b.icon);
    expect(new Set(icons).size).toBe(5);
    for (const icon of icons) expect(icon.length).toBeGreaterThanOrEqual(1);
    for (const icon of icons) expect(icon.length).toBeLessThanOrEqual(2);
    const colours = [...BUILT_IN_BEHAVIOURS.map((b) => b.colour), CUSTOM_BEHAVIOUR_COLOUR];
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const [a, b] = [parseHex(colours[i]!), parseHex(colours[j]!)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(40);
      }
    }
  });

  it('keeps dark text readable on every bubble colour (WCAG AAA)', () => {
    for (const colour of [...BUILT_IN_BEHAVIOURS.map((b) => b.colour), CUSTOM_BEHAVIOUR_COLOUR]) {
      expect(contrastRatio(colour, DARK_TEXT)).toBeGreaterThanOrEqual(7);
    }
  });
});

describe('getBehaviour', () => {
  it('finds built-ins by kind only', () => {
    expect(getBehaviour('duiken')?.name).toBe('Duiken');
    expect(getBehaviour('Duiken')).toBeUndefined();
    expect(getBehaviour('custom:duiken')).toBeUndefined();
  });
});

describe('customBehaviour', () => {
  it('derives a stable kind from the name and looks neutral', () => {
    const b = customBehaviour('  Ons   eigen ‘gedrag’ ', 'Dat hebben we altijd zo gedaan.');
    expect(b).toEqual({
      kind: 'custom:ons-eigen-gedrag',
      name: 'Ons eigen ‘gedrag’',
      utterance: '“Dat hebben we altijd zo gedaan.”',
      colour: CUSTOM_BEHAVIOUR_COLOUR,
      icon: 'O',
      builtIn: false,
    });
  });

  it('gives the same kind for different spellings of the same name', () => {
    expect(customBehaviour('Coördineren').kind).toBe('custom:coordineren');
    expect(customBehaviour('coordineren').kind).toBe(customBehaviour('Coördineren').kind);
  });

  it('uppercases the first letter, accents kept, as icon', () => {
    expect(customBehaviour('ëigenwijs').icon).toBe('Ë');
  });

  it('does not double the quotes and allows an empty utterance', () => {
    expect(customBehaviour('Uitstellen', '“Volgende keer.”').utterance).toBe('“Volgende keer.”');
    expect(customBehaviour('Uitstellen').utterance).toBe('');
  });

  it('rejects an empty name', () => {
    expect(() => customBehaviour('   ')).toThrow(RangeError);
  });
});
