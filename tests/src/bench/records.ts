/** Valid tldraw records for the benchmarks (the server validates every one). */
import { getTemplate } from '@patroonkaart/model';
import { createPatroonkaartSchema, templateRecords } from '@patroonkaart/schema';
import { docMetaMap, recordIndex, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';

export function geoShape(id: string, x: number, y = 10, index = 'a5'): Record<string, unknown> {
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

/** What our server seeds a room with: schema, document, page and a template's records. */
export function seedRecords(templateId = 'blank'): Record<string, unknown>[] {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: 'page:page', typeName: 'page', name: 'Pagina 1', index: 'a1', meta: {} },
    ...(templateRecords(getTemplate(templateId)!, { pageId: 'page:page' }) as unknown as Record<
      string,
      unknown
    >[]),
  ];
}

/** Writes the seed into an empty doc (used for the relays that do not seed rooms themselves). */
export function writeSeed(doc: Y.Doc, templateId = 'blank'): void {
  doc.transact(() => {
    docMetaMap(doc).set(SCHEMA_KEY, createPatroonkaartSchema().serialize());
    recordIndex(doc).writeMany(
      seedRecords(templateId).map((r) => [r.id as string, r] as [string, Record<string, unknown>]),
    );
  });
}
