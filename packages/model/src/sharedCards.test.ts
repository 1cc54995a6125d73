import { describe, expect, it } from 'vitest';
import { readMapCards } from './readLoopMap.ts';
import { sameWordsKey, sharedCards } from './sharedCards.ts';

const step = (id: string, text: string, templateStep = '') => ({
  id,
  text,
  organisation: '',
  templateStep,
});
const bubble = (id: string, kind: string, name: string) => ({ id, kind, name, utterance: '', step: null });

describe('sharedCards', () => {
  it('marks a template step at several tables, also after one table rephrased it', () => {
    const shared = sharedCards([
      {
        table: 'Tafel 1',
        cards: { steps: [step('a', 'Er doet zich een complex vraagstuk voor.', 'structuur#0')], bubbles: [] },
      },
      {
        table: 'Tafel 2',
        cards: { steps: [step('b', 'Een lastig vraagstuk dient zich aan', 'structuur#0')], bubbles: [] },
      },
      { table: 'Tafel 3', cards: { steps: [step('c', 'Iets heel anders')], bubbles: [] } },
    ]);
    expect(shared.steps.get('Tafel 1/a')).toEqual(['Tafel 1', 'Tafel 2']);
    expect(shared.steps.get('Tafel 2/b')).toEqual(['Tafel 1', 'Tafel 2']);
    expect(shared.steps.has('Tafel 3/c')).toBe(false);
  });

  it('marks the same words at two tables, whatever their case, punctuation or accents', () => {
    const shared = sharedCards([
      { table: 'A', cards: { steps: [step('x', 'Iedereen wacht op de ánder!')], bubbles: [] } },
      { table: 'B', cards: { steps: [step('y', 'iedereen  wacht op de ander')], bubbles: [] } },
    ]);
    expect(shared.steps.get('A/x')).toEqual(['A', 'B']);
    expect(sameWordsKey('  Óp, de — ander ')).toBe('op de ander');
  });

  it('does not call empty steps shared, nor a card shared with its own table', () => {
    const shared = sharedCards([
      {
        table: 'A',
        cards: { steps: [step('x', ''), step('y', 'Zelfde'), step('z', 'zelfde')], bubbles: [] },
      },
      { table: 'B', cards: { steps: [step('w', '')], bubbles: [] } },
    ]);
    expect(shared.steps.size).toBe(0);
  });

  it('marks the same built-in behaviour, and custom ones by name', () => {
    const shared = sharedCards([
      {
        table: 'A',
        cards: {
          steps: [],
          bubbles: [bubble('p', 'oreren', 'Oreren'), bubble('q', 'custom:uitstellen', 'Uitstellen')],
        },
      },
      {
        table: 'B',
        cards: {
          steps: [],
          bubbles: [bubble('r', 'oreren', 'Oreren'), bubble('s', 'custom:uitstellen', 'uitstellen')],
        },
      },
      { table: 'C', cards: { steps: [], bubbles: [bubble('t', 'duiken', 'Duiken')] } },
    ]);
    expect(shared.behaviours.get('A/p')).toEqual(['A', 'B']);
    expect(shared.behaviours.get('B/s')).toEqual(['A', 'B']);
    expect(shared.behaviours.has('C/t')).toBe(false);
  });

  it('reads the template mark from records', () => {
    const cards = readMapCards([
      {
        id: 'shape:s',
        typeName: 'shape',
        type: 'loop-step',
        index: 'a1',
        meta: { templateStep: 'structuur-lost-alles-op#2' },
        props: { text: 'Stap', organisation: '' },
      },
    ]);
    expect(cards.steps[0]!.templateStep).toBe('structuur-lost-alles-op#2');
  });
});
