/**
 * The texts an update writes into (packages/tldraw-yjs, textFields.ts), checked before it is
 * applied: a text belongs to a text field (of the room's text-field table, the schema's
 * TEXT_FIELDS) of a record that exists, or of one removed in this update or lately (typing into a
 * step another partner just deleted is not an attack, and its text is tidied away after); no
 * update starts more texts than TEXT_ROOT_LIMITS allows, in all or for one record; no text takes
 * more characters than a field may hold (MAX_TEXT_LENGTH). A live record's text length once
 * applied is the applied check's: it validates the record.
 */
import { MAX_TEXT_LENGTH } from '@patroonkaart/schema';
import {
  anyTextField,
  type RecordView,
  TEXT_ROOT_LIMITS,
  type TextEdit,
  type TextFieldTable,
  textFieldsOf,
  textRootName,
  textRootsOf,
  truncate,
} from '@patroonkaart/tldraw-yjs';
import type * as Y from 'yjs';
import { type Refusal, refusal } from '../session/Refusal.ts';

export type TextCheck =
  | {
      ok: true;
      /** Records gone after the update whose texts it wrote into: the server clears those texts. */
      tidy: string[];
    }
  | { ok: false; refusal: Refusal };

export function checkTextEdits(
  doc: Y.Doc,
  edits: readonly TextEdit[],
  view: RecordView,
  removedNow: ReadonlySet<string>,
  wasRemoved: (id: string) => boolean,
  textFields: TextFieldTable,
): TextCheck {
  const newRoots = edits.filter((e) => e.newRoot);
  if (newRoots.length > TEXT_ROOT_LIMITS.newRootsPerUpdate)
    return refuse(`starts ${newRoots.length} texts at once`);
  const newPerRecord = new Map<string, number>();
  for (const { recordId } of newRoots) newPerRecord.set(recordId, (newPerRecord.get(recordId) ?? 0) + 1);
  for (const [recordId, count] of newPerRecord)
    if (textRootsOf(doc, recordId).length + count > TEXT_ROOT_LIMITS.rootsPerRecord)
      return refuse(`text ${truncate(recordId, 80)}: more than ${TEXT_ROOT_LIMITS.rootsPerRecord} texts`);
  const tidy = new Set<string>();
  for (const { recordId, field, inserted } of edits) {
    const fail = (why: string) => refuse(`text ${truncate(recordId, 80)} ${field}: ${why}`);
    // One update inserts at most a whole text's worth into one text.
    if (inserted > MAX_TEXT_LENGTH) return fail(`${inserted} characters at once`);
    if (view.has(recordId)) {
      if (
        !textFieldsOf(textFields, view.field(recordId, 'typeName'), view.field(recordId, 'type')).includes(
          field,
        )
      )
        return fail('not a text field');
      continue;
    }
    if (!removedNow.has(recordId) && !wasRemoved(recordId)) return fail('no such record');
    // The record is gone, so no applied check reads this text: what it was may have held is checked here.
    if (!anyTextField(textFields).has(field)) return fail('not a text field');
    const length = doc.share.get(textRootName(recordId, field))?._length ?? 0;
    if (length + inserted > MAX_TEXT_LENGTH)
      return fail(`${length + inserted} characters in the text of a removed record`);
    tidy.add(recordId);
  }
  for (const id of removedNow) if (textRootsOf(doc, id).length > 0) tidy.add(id);
  return { ok: true, tidy: [...tidy] };
}

function refuse(detail: string): TextCheck {
  return { ok: false, refusal: refusal('invalidRecord', detail) };
}
