/** Valid tldraw records for tests that write to a room's document. */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';

/** A geo rectangle; `flipX`/`flipY` are required by tldraw's current schema. */
export function geoShape(
  id: string,
  x: number,
  y = 10,
  index = 'a5',
): { id: string } & Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      geo: 'rectangle',
      w: 100,
      h: 80,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      richText: { type: 'doc', content: [{ type: 'paragraph' }] },
    },
  };
}

/** One of our loop steps. */
export function loopStep(
  id: string,
  props: Record<string, unknown> = {},
): { id: string } & Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'loop-step',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a6',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 240, h: 120, text: 'Stap', organisation: '', ...props },
  };
}

/**
 * A Map-like view of a document's records for tests (see packages/tldraw-yjs, RecordIndex): reads
 * fold the entries into records; writes go through the index. Wrap writes in `doc.transact` when
 * they must travel as one update.
 */
export function records(doc: Y.Doc) {
  const index = recordIndex(doc, TEXT_FIELDS);
  return {
    set(id: string, record: Record<string, unknown>): void {
      index.write(id, record);
    },
    setField(id: string, field: string, value: unknown): void {
      index.setFields(id, { [field]: value });
    },
    delete(id: string): void {
      index.write(id, null);
    },
    has: (id: string) => index.has(id),
    get: (id: string) =>
      (index.get(id) ?? undefined) as (Record<string, unknown> & { x?: number }) | undefined,
    get size() {
      return index.size;
    },
    keys: () => index.ids(),
    values: () => index.ids().map((id) => index.get(id)!),
    toJSON: () => Object.fromEntries(index.ids().map((id) => [id, index.get(id)])),
  };
}
