/**
 * Root names are known as roots are created (textFields.ts): the index and the server find which
 * text changed in O(1), so an update with thousands of new texts costs what reading it costs.
 * Before, each changed root's name was found by scanning every root: 15,000 new roots stalled a
 * server for seconds, and every browser with it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordIndex } from './RecordIndex.ts';
import { rootNameOf, textRootsOf } from './textFields.ts';

function manyRoots(count: number): Uint8Array {
  const writer = new Y.Doc();
  writer.transact(() => {
    for (let i = 0; i < count; i++) writer.getText(`text:shape:s${i}#props.text`).insert(0, 'x');
  });
  return Y.encodeStateAsUpdate(writer);
}

describe('root names', () => {
  it('takes 15,000 new roots in one update in linear time', () => {
    const update = manyRoots(15_000);
    const timed = (doc: Y.Doc) => {
      const started = performance.now();
      Y.applyUpdate(doc, update);
      return performance.now() - started;
    };
    const bare = timed(new Y.Doc());
    const doc = new Y.Doc();
    const index = recordIndex(doc);
    let reported = 0;
    index.onChange(() => reported++);
    // What Yjs itself takes, give or take; quadratic before: over ten times that (4 s against 0.3 s).
    expect(timed(doc)).toBeLessThan(bare * 4 + 100);
    expect(reported).toBe(0); // texts of no record change no record
    expect(textRootsOf(doc, 'shape:s14999')).toEqual(['text:shape:s14999#props.text']);
  });

  it('knows the name of a root read from an update, created locally, or retyped from untyped', () => {
    const doc = new Y.Doc();
    const early = doc.getText('text:shape:early#props.text');
    expect(rootNameOf(doc, early)).toBe('text:shape:early#props.text');
    Y.applyUpdate(doc, manyRoots(2));
    // A root first read from an update is untyped until someone asks for it as a text.
    const retyped = doc.getText('text:shape:s1#props.text');
    expect(rootNameOf(doc, retyped)).toBe('text:shape:s1#props.text');
    expect(textRootsOf(doc, 'shape:s1')).toEqual(['text:shape:s1#props.text']);
    expect(rootNameOf(doc, new Y.Doc().getText('x'))).toBeNull();
  });
});
