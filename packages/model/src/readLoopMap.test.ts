import { describe, expect, it } from 'vitest';
import { getBehaviour } from './behaviours.ts';
import { layoutTemplate, type Point } from './layout.ts';
import type { Polarity } from './polarity.ts';
import { readLoopMap, readMapCards, stepOrder } from './readLoopMap.ts';
import { getTemplate, TEMPLATES, type Template } from './templates.ts';
import { loopSubject } from './votes.ts';

type Rec = Record<string, unknown>;

/** Hand-made records in the shape tldraw and our schema give them (packages/schema, templateRecords). */
let counter = 0;
const index = () => `a${String(++counter).padStart(4, '0')}`;

function card(id: string, type: string, at: Point, props: Rec, more: Rec = {}): Rec {
  return {
    id,
    typeName: 'shape',
    type,
    x: at.x - 50,
    y: at.y - 25,
    index: index(),
    parentId: 'page:page',
    meta: {},
    props: { w: 100, h: 50, ...props },
    ...more,
  };
}
const step = (id: string, text = id, at: Point = { x: 0, y: 0 }, more: Rec = {}) =>
  card(id, 'loop-step', at, { text, organisation: '' }, more);
const binding = (id: string, type: string, fromId: string, toId: string, props: Rec = {}): Rec => ({
  id,
  typeName: 'binding',
  type,
  fromId,
  toId,
  meta: {},
  props,
});
function arrow(id: string, from: string, to: string, meta: Rec = {}): Rec[] {
  return [
    {
      id,
      typeName: 'shape',
      type: 'arrow',
      x: 0,
      y: 0,
      index: index(),
      parentId: 'page:page',
      meta,
      props: {},
    },
    binding(`binding:${id}-s`, 'arrow', id, from, { terminal: 'start' }),
    binding(`binding:${id}-e`, 'arrow', id, to, { terminal: 'end' }),
  ];
}
/** A closed loop through `ids`, each arrow with its sign. */
function ring(ids: readonly string[], signs: readonly Polarity[] = []): Rec[] {
  return ids.flatMap((from, i) =>
    arrow(`shape:arrow-${from}`, from, ids[(i + 1) % ids.length]!, { polarity: signs[i] ?? '' }),
  );
}

/** A template as records: title in the middle, steps on a ring with arrows, bubbles linked to their steps. */
function templateMap(template: Template): Rec[] {
  const layout = layoutTemplate(template, { center: { x: 0, y: 0 } });
  const ids = template.steps.map((_, i) => `shape:step-${i}`);
  return [
    card('shape:title', 'pattern-title', layout.title, { text: template.title }),
    ...template.steps.map((text, i) => step(ids[i]!, text, layout.steps[i]!)),
    ...ring(ids),
    ...layout.behaviours.flatMap(({ kind, position }, j) => {
      const b = getBehaviour(kind)!;
      const id = `shape:bubble-${j}`;
      return [
        card(id, 'behaviour', position, { kind, name: b.name, utterance: b.utterance }),
        binding(`binding:link-${j}`, 'behaviour-link', id, ids[template.behaviourSteps[j]!]!),
      ];
    }),
  ];
}

describe('readLoopMap over the templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('reads %s as one loop in step order', (_, template) => {
    const map = readLoopMap(templateMap(template));
    const ids = template.steps.map((_, i) => `shape:step-${i}`);
    expect(map.steps.map((s) => s.text)).toEqual([...template.steps]);
    expect(map.arrows).toHaveLength(template.steps.length);
    expect(map.loops).toEqual([
      {
        key: ids.join('>'),
        steps: ids,
        signs: ids.map(() => ''),
        delays: ids.map(() => false),
        type: '?',
        subject: loopSubject(ids),
        title: template.title,
      },
    ]);
    expect(map.truncated).toBe(false);
    expect(map.inNoLoop).toEqual([]);
    expect(map.order).toEqual(ids);
    expect(map.title).toBe(template.title);
    expect(map.firstSteps).toEqual([]);
  });

  it('links every bubble of "Van niemand en toch van iedereen" to the step it is heard at', () => {
    const template = getTemplate('van-niemand-en-toch-van-iedereen')!;
    const map = readLoopMap(templateMap(template));
    expect(map.bubbles.map((b) => [b.kind, b.step])).toEqual(
      template.behaviours.map((kind, j) => [kind, `shape:step-${template.behaviourSteps[j]}`]),
    );
    expect(map.bubbles[0]).toMatchObject({
      name: 'Wachten en wijzen',
      utterance: '“Dit is niet alleen mijn verantwoordelijkheid. De ander is eerst aan zet.”',
    });
  });
});

describe('the type of a loop, from its signs', () => {
  const typeOf = (signs: Polarity[]) =>
    readLoopMap([
      step('shape:a'),
      step('shape:b'),
      step('shape:c'),
      ...ring(['shape:a', 'shape:b', 'shape:c'], signs),
    ]).loops[0]!;

  it('is balancing (B) with an odd number of minus signs', () => {
    expect(typeOf(['+', '-', '+']).type).toBe('B');
    expect(typeOf(['-', '-', '-']).type).toBe('B');
  });

  it('is reinforcing (R) with an even number, none included', () => {
    expect(typeOf(['+', '+', '+']).type).toBe('R');
    expect(typeOf(['-', '+', '-']).type).toBe('R');
  });

  it("is '?' while any arrow of the loop has no sign", () => {
    expect(typeOf(['-', '', '-'])).toMatchObject({ signs: ['-', '', '-'], type: '?' });
    expect(typeOf(['+', '+']).type).toBe('?');
  });

  it('reads a sign only from the arrow of that step pair, and an unknown sign as none', () => {
    const records = [
      step('shape:a'),
      step('shape:b'),
      ...arrow('shape:ab', 'shape:a', 'shape:b', { polarity: '-', delay: true }),
      ...arrow('shape:ba', 'shape:b', 'shape:a', { polarity: 'minus' }),
    ];
    const map = readLoopMap(records);
    expect(map.arrows).toEqual([
      { id: 'shape:ab', from: 'shape:a', to: 'shape:b', sign: '-', delay: true },
      { id: 'shape:ba', from: 'shape:b', to: 'shape:a', sign: '', delay: false },
    ]);
    expect(map.loops[0]).toMatchObject({ steps: ['shape:a', 'shape:b'], signs: ['-', ''], type: '?' });
  });

  it('gives each of two loops its own type', () => {
    const records = [
      ...['a', 'b', 'c', 'd'].map((s) => step(`shape:${s}`)),
      ...ring(['shape:a', 'shape:b', 'shape:c'], ['+', '+', '-']),
      ...arrow('shape:bd', 'shape:b', 'shape:d', { polarity: '-' }),
      ...arrow('shape:da', 'shape:d', 'shape:a', { polarity: '-' }),
    ];
    const map = readLoopMap(records);
    expect(map.loops.map((l) => [l.steps, l.type])).toEqual([
      [['shape:a', 'shape:b', 'shape:c'], 'B'],
      [['shape:a', 'shape:b', 'shape:d'], 'R'],
    ]);
  });
});

describe('readLoopMap on hand-made maps', () => {
  it('reads steps in canvas order, whatever the order of the records', () => {
    const a = step('shape:a');
    const b = step('shape:b');
    const frame = card('shape:frame', 'frame', { x: 0, y: 0 }, {});
    const inFrame = step(
      'shape:in-frame',
      'in frame',
      { x: 0, y: 0 },
      { parentId: 'shape:frame', index: 'a0' },
    );
    const map = readMapCards([b, inFrame, { ...a, index: 'Zz' }, frame]);
    // 'Zz' < 'a…' as tldraw compares indices (not by locale); a frame's children follow it.
    expect(map.steps.map((s) => s.id)).toEqual(['shape:a', 'shape:b', 'shape:in-frame']);
  });

  it('counts only arrows with both ends on steps, and the first binding of each end', () => {
    const records = [
      step('shape:a'),
      step('shape:b'),
      card('shape:note', 'note', { x: 0, y: 0 }, {}),
      ...arrow('shape:to-note', 'shape:a', 'shape:note'),
      { id: 'shape:loose', typeName: 'shape', type: 'arrow', index: index(), props: {}, meta: {} },
      binding('binding:loose', 'arrow', 'shape:loose', 'shape:a', { terminal: 'start' }),
      ...arrow('shape:ab', 'shape:a', 'shape:b'),
      binding('binding:zz', 'arrow', 'shape:ab', 'shape:a', { terminal: 'end' }),
      // A binding whose arrow is not among the records.
      binding('binding:gone', 'arrow', 'shape:gone', 'shape:b', { terminal: 'start' }),
    ];
    const map = readLoopMap(records);
    expect(map.arrows.map((a) => [a.id, a.from, a.to])).toEqual([['shape:ab', 'shape:a', 'shape:b']]);
    expect(map.loops).toEqual([]);
    expect(map.inNoLoop).toEqual(['shape:a', 'shape:b']);
  });

  it('puts the first loop first in the order, then the steps in no loop', () => {
    const records = [
      step('shape:open'),
      step('shape:a'),
      step('shape:b'),
      step('shape:c'),
      ...ring(['shape:c', 'shape:a', 'shape:b']),
      ...arrow('shape:o', 'shape:open', 'shape:a'),
    ];
    const map = readLoopMap(records);
    // A loop starts at its step that comes first on the canvas.
    expect(map.loops.map((l) => l.steps)).toEqual([['shape:a', 'shape:b', 'shape:c']]);
    expect(map.order).toEqual(['shape:a', 'shape:b', 'shape:c', 'shape:open']);
    expect(map.inNoLoop).toEqual(['shape:open']);
    expect(stepOrder(['x', 'y', 'z'], ['z', 'x'])).toEqual(['z', 'x', 'y']);
    expect(stepOrder(['x', 'y'])).toEqual(['x', 'y']);
  });

  it('a self-arrow is a loop of one step', () => {
    const map = readLoopMap([step('shape:a'), ...arrow('shape:aa', 'shape:a', 'shape:a', { polarity: '-' })]);
    expect(map.loops).toMatchObject([{ steps: ['shape:a'], signs: ['-'], type: 'B' }]);
  });

  it('links a card by a binding of its own kind to a step; of two, the smallest id wins', () => {
    const records = [
      step('shape:one'),
      step('shape:two'),
      card('shape:note', 'note', { x: 0, y: 0 }, {}),
      card('shape:first', 'first-step', { x: 0, y: 0 }, { what: 'Samen de vraag stellen', who: 'Gemeente' }),
      card('shape:bubble', 'behaviour', { x: 0, y: 0 }, { kind: 'duiken', name: 'Duiken', utterance: '' }),
      card('shape:wrong', 'behaviour', { x: 0, y: 0 }, { kind: 'oreren', name: 'Oreren', utterance: '' }),
      card('shape:loose', 'first-step', { x: 0, y: 0 }, { what: '', who: '' }),
      binding('binding:b', 'first-step-link', 'shape:first', 'shape:one'),
      binding('binding:a', 'first-step-link', 'shape:first', 'shape:two'),
      binding('binding:c', 'behaviour-link', 'shape:bubble', 'shape:note'),
      binding('binding:d', 'first-step-link', 'shape:wrong', 'shape:one'),
    ];
    const map = readLoopMap(records);
    expect(map.firstSteps).toEqual([
      { id: 'shape:first', what: 'Samen de vraag stellen', who: 'Gemeente', step: 'shape:two' },
      { id: 'shape:loose', what: '', who: '', step: null },
    ]);
    // Linked to something that is not a step, or by the other kind's binding: linked to nothing.
    expect(map.bubbles.map((b) => [b.id, b.step])).toEqual([
      ['shape:bubble', null],
      ['shape:wrong', null],
    ]);
  });

  it('reads the title, and the organisations of the steps once each, sorted', () => {
    const records = [
      step('shape:a', 'a', { x: 0, y: 0 }, { props: { w: 1, h: 1, text: 'a', organisation: 'Politie' } }),
      step('shape:b', 'b', { x: 0, y: 0 }, { props: { w: 1, h: 1, text: 'b', organisation: 'Gemeente' } }),
      step('shape:c', 'c', { x: 0, y: 0 }, { props: { w: 1, h: 1, text: 'c', organisation: 'Politie' } }),
      step('shape:d'),
      card('shape:t1', 'pattern-title', { x: 0, y: 0 }, { text: 'Eerste' }),
      card('shape:t2', 'pattern-title', { x: 0, y: 0 }, { text: 'Tweede' }),
    ];
    const map = readMapCards(records);
    expect(map.organisations).toEqual(['Gemeente', 'Politie']);
    expect(map.title).toBe('Eerste');
    expect(readMapCards([step('shape:a')]).title).toBe('');
  });

  it('names a loop after the title nearest its middle, not one far away', () => {
    const ids = ['shape:a', 'shape:b', 'shape:c'];
    const at = [
      { x: 0, y: -300 },
      { x: 260, y: 150 },
      { x: -260, y: 150 },
    ];
    const records = [
      ...ids.map((id, i) => step(id, id, at[i])),
      ...ring(ids),
      card('shape:far', 'pattern-title', { x: 5000, y: 0 }, { text: 'Ver weg' }),
      card('shape:near', 'pattern-title', { x: 20, y: 10 }, { text: 'Dichtbij' }),
    ];
    expect(readLoopMap(records).loops[0]!.title).toBe('Dichtbij');
    expect(readLoopMap(records.filter((r) => r.id !== 'shape:near')).loops[0]!.title).toBeNull();
    // A screen passes where its cards really are.
    const page: Record<string, Point> = { 'shape:far': { x: 0, y: 0 }, 'shape:near': { x: 9000, y: 0 } };
    const centreOf = (id: string) => page[id] ?? { x: 10, y: 10 };
    expect(readLoopMap(records, { centreOf }).loops[0]!.title).toBe('Ver weg');
  });

  it('keeps the loops of an earlier read while steps, arrows and signs stay the same', () => {
    const records = [step('shape:a'), step('shape:b'), ...ring(['shape:a', 'shape:b'], ['+', '+'])];
    const first = readLoopMap(records);
    const moved = records.map((r) =>
      r.id === 'shape:a' ? { ...r, x: 400, props: { w: 1, h: 1, text: 'new' } } : r,
    );
    const second = readLoopMap(moved, { previous: first });
    expect(second.graphKey).toBe(first.graphKey);
    expect(second.loops).toBe(first.loops);
    expect(second.steps[0]!.text).toBe('new');
    const signed = records.map((r) =>
      r.id === 'shape:arrow-shape:a' ? { ...r, meta: { polarity: '-' } } : r,
    );
    const third = readLoopMap(signed, { previous: first });
    expect(third.graphKey).not.toBe(first.graphKey);
    expect(third.loops[0]!.type).toBe('B');
  });

  it('stops after maxLoops and says so', () => {
    const ids = ['shape:a', 'shape:b', 'shape:c'];
    const records = [
      ...ids.map((id) => step(id)),
      ...ids.flatMap((from) =>
        ids.filter((to) => to !== from).flatMap((to) => arrow(`shape:${from}${to}`, from, to)),
      ),
    ];
    const all = readLoopMap(records);
    expect(all.loops.length).toBe(5);
    const some = readLoopMap(records, { maxLoops: 2 });
    expect(some.loops).toHaveLength(2);
    expect(some.truncated).toBe(true);
    expect(some.inNoLoop).toEqual([]);
  });

  it('ignores records that are not shapes or bindings, and fields of the wrong type', () => {
    const map = readLoopMap([
      { id: 'document:document', typeName: 'document' },
      { id: 'shape:a', typeName: 'shape', type: 'loop-step', props: { text: 7 } },
    ]);
    expect(map.steps).toEqual([{ id: 'shape:a', text: '', organisation: '', templateStep: '' }]);
    expect(map.loops).toEqual([]);
  });
});
