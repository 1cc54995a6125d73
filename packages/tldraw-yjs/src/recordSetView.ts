/**
 * The reference rules over a set of records that is not a document yet: a map file before it is
 * imported, a generated state in a test. The same rules and the same check as the server's
 * (references.ts), with every record taken as just added and nothing as removed lately: what
 * names a record that is not in the set is a problem, never a repair.
 */

import type { RecordView } from './RecordIndex.ts';
import { checkReferences, type ReferenceProblem, type ReferenceRule } from './references.ts';

type Rec = Record<string, unknown>;

export function recordSetProblem(
  records: Iterable<Rec>,
  rules: readonly ReferenceRule[],
): ReferenceProblem | null {
  const view = new RecordSetView(records);
  const changes = {
    added: new Set(view.ids()),
    removed: new Set<string>(),
    fields: new Map<string, Set<string>>(),
    malformed: 0,
    orphans: new Set<string>(),
  };
  return checkReferences(view, changes, rules, () => false, false).problem;
}

export class RecordSetView implements RecordView {
  private readonly records = new Map<string, Rec>();

  constructor(records: Iterable<Rec>) {
    for (const r of records) if (typeof r.id === 'string') this.records.set(r.id, r);
  }

  ids(): string[] {
    return [...this.records.keys()];
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  get(id: string): Rec | null {
    return this.records.get(id) ?? null;
  }

  /** A field as the entries name it: `parentId`, or one level down, `props.terminal`. */
  field(id: string, field: string): unknown {
    const record = this.records.get(id);
    if (!record) return undefined;
    const dot = field.indexOf('.');
    if (dot < 0) return record[field];
    const holder = record[field.slice(0, dot)];
    return typeof holder === 'object' && holder !== null ? (holder as Rec)[field.slice(dot + 1)] : undefined;
  }

  fieldCount(id: string): number {
    return Object.keys(this.records.get(id) ?? {}).length;
  }
}
