import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardDoc } from '../test/cardDoc.ts';
import { recordIndex, writeRecords } from './RecordIndex.ts';
import { readText, textDiff, textOf, textRootName } from './textFields.ts';

const STEP = 'shape:step';
const step = (text: string) => ({
  id: STEP,
  typeName: 'shape',
  type: 'loop-step',
  x: 0,
  y: 0,
  props: { w: 240, h: 120, text, organisation: '' },
  meta: {},
});

/** A seeded pseudo-random source, so a failing interleaving can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One partner typing a sentence at their caret, the way the editor does: the card's new text is
 * written through the record index (a diff into the text), and the caret is kept as a relative
 * position, so what the others type meanwhile never moves it into their words.
 */
class Typist {
  readonly doc = cardDoc();
  private caret: Y.RelativePosition;
  private typed = 0;
  readonly inbox: Uint8Array[] = [];

  readonly sentence: string;

  constructor(seed: Uint8Array, sentence: string, at: 'start' | 'end') {
    this.sentence = sentence;
    Y.applyUpdate(this.doc, seed);
    const text = textOf(this.doc, STEP, 'props.text');
    this.caret = Y.createRelativePositionFromTypeIndex(text, at === 'start' ? 0 : text.length, -1);
  }

  get done(): boolean {
    return this.typed === this.sentence.length;
  }

  typeOne(): void {
    const index = recordIndex(this.doc);
    const value = String((index.get(STEP)!.props as { text: string }).text);
    const at = Y.createAbsolutePositionFromRelativePosition(this.caret, this.doc)!.index;
    const next = value.slice(0, at) + this.sentence[this.typed] + value.slice(at);
    this.doc.transact(() => index.setFields(STEP, { 'props.text': next }));
    this.typed++;
    // Tied to the character just typed (assoc -1), not to whatever comes next.
    this.caret = Y.createRelativePositionFromTypeIndex(textOf(this.doc, STEP, 'props.text'), at + 1, -1);
  }

  text(): string {
    return String((recordIndex(this.doc).get(STEP)!.props as { text: string }).text);
  }
}

function typeTogether(seed: number, sentences: [string, 'start' | 'end'][]) {
  const origin = cardDoc();
  writeRecords(origin, [step('Tekst. ')]);
  const state = Y.encodeStateAsUpdate(origin);
  const typists = sentences.map(([s, at]) => new Typist(state, s, at));
  for (const t of typists)
    t.doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from === 'relay') return;
      for (const other of typists) if (other !== t) other.inbox.push(update);
    });
  const rand = random(seed);
  while (typists.some((t) => !t.done || t.inbox.length > 0)) {
    const t = typists[Math.floor(rand() * typists.length)]!;
    // Each step a typist either types a character or receives some of what the others sent
    // (late, in bursts, as over a slow or briefly cut connection).
    if (!t.done && rand() < 0.6) t.typeOne();
    else {
      const n = Math.ceil(rand() * t.inbox.length);
      for (const update of t.inbox.splice(0, n)) Y.applyUpdate(t.doc, update, 'relay');
    }
  }
  return typists;
}

describe('text fields merge character by character', () => {
  it('two and three typists in one step, over many random interleavings: identical, nothing lost', () => {
    const cases: [string, 'start' | 'end'][][] = [
      [
        ['Om grip te krijgen vereenvoudigen we. ', 'end'],
        ['Wij bakenen af. ', 'end'],
      ],
      [
        ['Samen beginnen. ', 'start'],
        ['Ieder voor zich. ', 'end'],
        ['Aaaa aaaa aaaa. ', 'end'],
      ],
    ];
    for (const sentences of cases)
      for (let seed = 1; seed <= 150; seed++) {
        const typists = typeTogether(seed, sentences);
        const final = typists[0]!.text();
        for (const t of typists) expect(t.text(), `seed ${seed}`).toBe(final);
        expect(final.length).toBe(7 + sentences.reduce((n, [s]) => n + s.length, 0));
        // Each partner's words stayed together: their caret never wandered into someone else's.
        for (const [s] of sentences) expect(final, `seed ${seed}`).toContain(s);
        expect(final).toContain('Tekst. ');
      }
  });

  it('undo takes back my typing only', async () => {
    const { YjsStoreBinding } = await import('./YjsStoreBinding.ts');
    const { makePeer, seedDoc, stepIds, updateShape, getShape } = await import('../test/testPeers.ts');
    const seed = seedDoc();
    const a = makePeer('a', seed);
    const b = makePeer('b', seed);
    expect(a.binding).toBeInstanceOf(YjsStoreBinding);
    const id = stepIds(a.store)[0]!;
    const sync = () => {
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
    };
    const original = String(getShape(a.store, id).props.text);
    updateShape(a.store, id, {}, { text: `${original} (A)` });
    a.binding.flush();
    a.binding.markUndoStep();
    sync();
    updateShape(b.store, id, {}, { text: `(B) ${String(getShape(b.store, id).props.text)}` });
    b.binding.flush();
    sync();
    expect(getShape(a.store, id).props.text).toBe(`(B) ${original} (A)`);
    a.binding.undo();
    sync();
    expect(getShape(a.store, id).props.text).toBe(`(B) ${original}`);
    expect(getShape(b.store, id).props.text).toBe(`(B) ${original}`);
  });

  it('a document from before texts still reads, and the first write moves the value into a text', () => {
    const doc = cardDoc();
    const index = recordIndex(doc);
    // The old layout: the text as an entry.
    doc.transact(() =>
      index.array.push(
        Object.entries({
          id: STEP,
          typeName: 'shape',
          type: 'loop-step',
          props: {},
          'props.text': 'Oud',
          'props.w': 1,
        }).map(([f, v]) => ({ r: STEP, f, v })),
      ),
    );
    expect((index.get(STEP)!.props as { text: string }).text).toBe('Oud');
    expect(readText(doc, STEP, 'props.text')).toBeUndefined();
    doc.transact(() => index.setFields(STEP, { 'props.text': 'Oud en nieuw' }));
    expect(readText(doc, STEP, 'props.text')).toBe('Oud en nieuw');
    expect(index.entriesOf(STEP)!.has('props.text')).toBe(false);
    expect(doc.share.has(textRootName(STEP, 'props.text'))).toBe(true);
  });

  it('diffs around one span and never splits an emoji', () => {
    expect(textDiff('abcdef', 'abXYef')).toEqual({ start: 2, deleteCount: 2, insert: 'XY' });
    expect(textDiff('', 'nieuw')).toEqual({ start: 0, deleteCount: 0, insert: 'nieuw' });
    const d = textDiff('a😀b', 'a😃b');
    expect(d.insert).toBe('😃');
    expect(d.deleteCount).toBe(2);
  });
});
