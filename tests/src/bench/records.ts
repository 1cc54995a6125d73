/** Valid tldraw records for the benchmarks (the server validates every one). */
import { getTemplate } from '@patroonkaart/model';
import { baseRecords, createPatroonkaartSchema, TEXT_FIELDS, templateRecords } from '@patroonkaart/schema';
import { docMetaMap, recordIndex, SCHEMA_KEY } from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';

export { geoShape } from '../support/records.ts';

/** What our server seeds a room with: schema, document, page and a template's records. */
export function seedRecords(templateId = 'blank'): Record<string, unknown>[] {
  return [
    ...baseRecords('Pagina 1'),
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
    recordIndex(doc, TEXT_FIELDS).writeMany(
      seedRecords(templateId).map((r) => [r.id as string, r] as [string, Record<string, unknown>]),
    );
  });
}
