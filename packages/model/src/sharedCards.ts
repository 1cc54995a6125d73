/**
 * The plenary: which steps and behaviours several tables of a workshop share. A step is shared when
 * it came from the same step of the same template (kept while a table rephrases it) or when two
 * tables wrote the same words; a behaviour when it is of the same kind (Oreren at two tables; a
 * custom behaviour's kind comes from its name, behaviours.ts).
 */
import type { MapCards } from './readLoopMap.ts';

export interface TableCards {
  /** The table's name or id, as the plenary shows it. */
  table: string;
  cards: Pick<MapCards, 'steps' | 'bubbles'>;
}

/** For each shared card, by `${table}/${cardId}`: every table that has it (its own included). */
export interface SharedCards {
  steps: Map<string, string[]>;
  behaviours: Map<string, string[]>;
}

/** Words compared as a reader would: case, punctuation and spacing do not matter. */
export function sameWordsKey(text: string): string {
  return text
    .toLocaleLowerCase('nl')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function share<T extends { id: string }>(
  tables: readonly TableCards[],
  cardsOf: (t: TableCards) => readonly T[],
  keysOf: (card: T) => string[],
): Map<string, string[]> {
  const tablesByKey = new Map<string, Set<string>>();
  for (const t of tables)
    for (const card of cardsOf(t))
      for (const key of keysOf(card)) {
        const set = tablesByKey.get(key) ?? new Set<string>();
        set.add(t.table);
        tablesByKey.set(key, set);
      }
  const result = new Map<string, string[]>();
  for (const t of tables)
    for (const card of cardsOf(t)) {
      const with_ = new Set<string>();
      for (const key of keysOf(card)) for (const other of tablesByKey.get(key) ?? []) with_.add(other);
      if (with_.size > 1)
        result.set(
          `${t.table}/${card.id}`,
          [...with_].sort((a, b) => a.localeCompare(b, 'nl')),
        );
    }
  return result;
}

export function sharedCards(tables: readonly TableCards[]): SharedCards {
  return {
    steps: share(
      tables,
      (t) => t.cards.steps,
      (s) =>
        [s.templateStep ? `template ${s.templateStep}` : '', `words ${sameWordsKey(s.text)}`].filter(
          (k) => k !== '' && k !== 'words ',
        ),
    ),
    behaviours: share(
      tables,
      (t) => t.cards.bubbles,
      (b) => [b.kind ? `kind ${b.kind}` : `name ${sameWordsKey(b.name)}`].filter((k) => k !== 'name '),
    ),
  };
}
