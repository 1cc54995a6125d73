/**
 * Reads a Yjs update without applying it, and refuses what no honest client writes, in time
 * linear in the update's size and before the room pays for applying (or rolling back) anything:
 * too many entries, an entry that breaks entryRules.ts, a record type the schema does not have,
 * content other than JSON entries and the plain characters of a text field (textFields.ts), or a
 * write to a map (the schema in `meta` is the server's). Where characters land is forecastUpdate's
 * check (an item names its parent only when it has no neighbour).
 */
import * as Y from 'yjs';
import { ENTRIES_ARRAY } from './docLayout.ts';
import { checkEntry, ENTRY_LIMITS, idTypeName } from './entryRules.ts';
import type { DecodedUpdate } from './forecastUpdate.ts';
import { parseTextRoot, TEXT_ROOT_PREFIX } from './textFields.ts';

export type UpdateRefusal =
  /** Could not be decoded at all. */
  | { kind: 'unreadable'; reason: string }
  /** More entries (or structs) than one update may carry: answered before any work. */
  | { kind: 'too-many-entries'; reason: string }
  /** Decodes, but writes something the layout does not allow. */
  | { kind: 'invalid'; reason: string };

/** On success, the decoded update, for forecastUpdate. */
export type UpdateInspection =
  | { ok: true; entries: number; decoded: DecodedUpdate }
  | { ok: false; refusal: UpdateRefusal };

export interface InspectOptions {
  /** typeNames of document records (from the store schema): the prefix every record id must have. */
  documentTypes: ReadonlySet<string>;
  maxEntries?: number;
}

export function inspectUpdate(update: Uint8Array, options: InspectOptions): UpdateInspection {
  const maxEntries = options.maxEntries ?? ENTRY_LIMITS.maxEntriesPerUpdate;
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse('unreadable', error instanceof Error ? error.message : 'unreadable update');
  }
  if (decoded.structs.length > maxEntries * 2)
    return refuse('too-many-entries', `${decoded.structs.length} structs`);
  let entries = 0;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
    if (struct.parentSub !== null)
      return refuse(
        'invalid',
        `writes a map key (only the server writes meta): ${struct.id.client}:${struct.id.clock} ${String(struct.parentSub).slice(0, 40)}`,
      );
    // A decoded item names a root type by its name (Yjs' typings do not say so).
    const parent = struct.parent as unknown;
    const inText = typeof parent === 'string' && parent.startsWith(TEXT_ROOT_PREFIX);
    if (inText) {
      const root = parseTextRoot(parent);
      if (!root) return refuse('invalid', 'a text of no valid record field');
      if (!options.documentTypes.has(idTypeName(root.recordId)))
        return refuse(
          'invalid',
          `record type "${idTypeName(root.recordId).slice(0, 40)}" is not in the schema`,
        );
    } else if (typeof struct.parent === 'string' && struct.parent !== ENTRIES_ARRAY)
      return refuse('invalid', 'writes outside the entries array and the texts');
    if (struct.parent !== null && typeof struct.parent !== 'string')
      return refuse('invalid', 'writes into a nested type');
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (content instanceof Y.ContentString) {
      // A run of characters counts as one entry; how many one text may take is the server's
      // check per text field (and the message size bounds the whole update).
      entries += 1;
      if (entries > maxEntries) return refuse('too-many-entries', `more than ${maxEntries} entries`);
      continue;
    }
    if (inText) return refuse('invalid', `content ${content.constructor.name} in a text`);
    if (!(content instanceof Y.ContentAny)) return refuse('invalid', `content ${content.constructor.name}`);
    entries += content.arr.length;
    if (entries > maxEntries) return refuse('too-many-entries', `more than ${maxEntries} entries`);
    for (const value of content.arr) {
      const checked = checkEntry(value);
      if (!checked.ok) return refuse('invalid', checked.reason);
      if (!options.documentTypes.has(idTypeName(checked.entry.r)))
        return refuse(
          'invalid',
          `record type "${idTypeName(checked.entry.r).slice(0, 40)}" is not in the schema`,
        );
    }
  }
  return { ok: true, entries, decoded };
}

function refuse(kind: UpdateRefusal['kind'], reason: string): UpdateInspection {
  return { ok: false, refusal: { kind, reason } };
}
