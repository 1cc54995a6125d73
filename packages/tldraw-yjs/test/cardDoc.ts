/** Test helper (not exported): a document as the app makes one, indexed with our cards' text fields. */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import * as Y from 'yjs';
import { recordIndex } from '../src/RecordIndex.ts';

export function cardDoc(): Y.Doc {
  const doc = new Y.Doc();
  recordIndex(doc, TEXT_FIELDS);
  return doc;
}
