/**
 * Random schema-valid transactions from a seeded generator: shapes, arrows, arrow bindings, our
 * links, pages, parents, removals and texts, one to three in each, written into a client's copy
 * of a room. The admission test (tests/src/abuse/generative.test.ts) and the browser test that
 * draws what was accepted (tests/src/e2e/renderAccepted.test.ts) share it.
 */
import { arrowBinding, BEHAVIOUR_LINK, linkRecord, TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';
import { geoShape } from './records.ts';

export type Rec = Record<string, unknown> & { id: string };

/** mulberry32: small, seeded, the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generator {
  /** Writes one random transaction's changes into `doc` (call inside a transaction). */
  change(doc: Y.Doc): void;
}

/** `arrowTemplate`: an arrow shape of the room, copied for new arrows (its props are valid). */
export function randomTransactions(rand: () => number, arrowTemplate: Rec): Generator {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rand() * list.length)];
  let next = 0;
  return {
    change(doc) {
      const index = recordIndex(doc, TEXT_FIELDS);
      const all = () => index.ids().map((id) => index.get(id) as Rec);
      const of = (pred: (r: Rec) => boolean) => all().filter(pred);
      const shapes = () => of((r) => r.typeName === 'shape');
      const pages = () => of((r) => r.typeName === 'page');
      const anyId = () => (rand() < 0.05 ? 'shape:nothing' : pick([...shapes(), ...pages()])?.id);
      const ops: (() => void)[] = [
        () => {
          const id = `shape:g${next++}`;
          index.write(id, { ...geoShape(id, rand() * 800), parentId: anyId() ?? 'page:page' });
        },
        () => {
          const id = `shape:arrow${next++}`;
          index.write(id, { ...arrowTemplate, id, parentId: pick(pages())?.id ?? 'page:page' });
        },
        () => {
          const from = pick(shapes())?.id;
          const to = pick(shapes())?.id;
          const id = `binding:b${next++}`;
          if (from && to) index.write(id, arrowBinding(id, from, to, rand() < 0.5 ? 'start' : 'end'));
        },
        () => {
          const id = `binding:l${next++}`;
          const from = pick(shapes())?.id;
          const to = pick(shapes())?.id;
          if (from && to) index.write(id, linkRecord(id, BEHAVIOUR_LINK, from, to));
        },
        () => {
          const id = `page:p${next++}`;
          index.write(id, { id, typeName: 'page', name: 'p', index: `a${2 + (next % 7)}`, meta: {} });
        },
        () => {
          const victim = pick(of((r) => r.typeName !== 'document'));
          if (victim) index.write(victim.id, null);
        },
        () => {
          const s = pick(shapes());
          const parent = anyId();
          if (s && parent) index.setFields(s.id, { parentId: parent });
        },
        () => {
          const b = pick(of((r) => r.type === 'arrow' && r.typeName === 'binding'));
          if (b) index.setFields(b.id, { 'props.terminal': rand() < 0.5 ? 'start' : 'end' });
        },
        () => {
          const s = pick(shapes());
          const field = pick(['props.text', 'props.name', 'props.utterance', 'meta.x', 'props.w']);
          if (s && field) doc.getText(`text:${s.id}#${field}`).insert(0, 'tekst');
        },
      ];
      const count = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < count; k++) pick(ops)!();
    },
  };
}

/** An arrow shape of the document, as the template for new arrows. */
export function arrowOf(doc: Y.Doc): Rec {
  const index = recordIndex(doc, TEXT_FIELDS);
  return index.get(index.ids().find((id) => index.field(id, 'type') === 'arrow')!) as Rec;
}
