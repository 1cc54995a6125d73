/**
 * Referential integrity over the record index: a shape's parent exists, a binding's two ends
 * exist, a link field points at the kind of record it names. The rules are data (the schema
 * package lists ours and tldraw's); this file only knows how to check and repair them.
 *
 * Two outcomes, because two very different writers produce a dangling reference:
 * - a **problem**: the reference names something that is not in the room and was not removed
 *   lately (a forged parentId that makes every shape vanish): the update is refused;
 * - a **repair**: the target was removed, by this update or concurrently by another partner (one
 *   links a bubble to a step while the other deletes the step): the reference is cleared, the
 *   dangling binding removed, the orphaned child moved to the page, as a server-written change.
 */
import type { RecordChanges, RecordIndex, RecordView } from './RecordIndex.ts';

export interface ReferenceRule {
  /** The records that hold the reference: a typeName, and optionally their `type` (shapes). */
  typeName: string;
  shapeType?: string;
  /** The field holding the target id ('parentId', 'props.targetStepId', …). */
  field: string;
  /** Whether the target record is of an acceptable kind. */
  accepts: (target: Record<string, unknown>) => boolean;
  /** '' means "not linked" and is always fine. */
  optional?: boolean;
  /** What a repair does when the target is gone. */
  onMissing: 'clear' | 'remove-record' | 'move-to-page';
}

export interface ReferenceProblem {
  id: string;
  field: string;
  target: string;
  reason: string;
}

/** Per record: the fields to set (null: remove the record). */
export type Repairs = Map<string, Record<string, unknown> | null>;

export interface ReferenceOutcome {
  problem: ReferenceProblem | null;
  repairs: Repairs;
}

const MAX_ANCESTORS = 100;

/**
 * Checks the records one transaction added or changed, and the referrers of the records it
 * removed. `wasRemoved(id)` tells whether an id that is gone existed in the room lately. The
 * referrers of removed records only ever need repairs, never refusal: `findReferrers: false`
 * skips that walk over every record (a forecast does; the applied check does not).
 */
export function checkReferences(
  index: RecordView,
  changes: RecordChanges,
  rules: readonly ReferenceRule[],
  wasRemoved: (id: string) => boolean,
  findReferrers = true,
): ReferenceOutcome {
  const repairs: Repairs = new Map();
  const touched: [string, Set<string> | null][] = [
    ...[...changes.added].map((id) => [id, null] as [string, null]),
    ...changes.fields,
  ];
  for (const [id, changedFields] of touched) {
    // Read field by field: building the whole record for each edit cost more than the check.
    if (!index.has(id)) continue;
    for (const rule of rulesFor(rules, index, id)) {
      if (
        changedFields &&
        !changedFields.has(rule.field) &&
        !(rule.field === 'parentId' && changedFields.has('type'))
      )
        continue;
      const target = index.field(id, rule.field);
      if (rule.optional && target === '') continue;
      if (typeof target !== 'string') continue; // the schema check reports a wrong type
      const targetRecord = target === id ? null : index.get(target);
      if (targetRecord && rule.accepts(targetRecord)) {
        if (rule.field === 'parentId' && hasCycle(index, id))
          return fail(id, rule.field, target, 'parent chain loops back to the shape');
        continue;
      }
      if (!targetRecord && wasRemoved(target)) {
        addRepair(index, repairs, id, rule);
        continue;
      }
      return fail(
        id,
        rule.field,
        target,
        targetRecord ? 'points at a record of the wrong kind' : 'points at a record that does not exist',
      );
    }
  }
  if (findReferrers && changes.removed.size > 0) {
    for (const id of index.ids()) {
      if (repairs.get(id) === null || !index.has(id)) continue;
      for (const rule of rulesFor(rules, index, id)) {
        const target = index.field(id, rule.field);
        if (typeof target === 'string' && changes.removed.has(target)) addRepair(index, repairs, id, rule);
      }
    }
  }
  return { problem: null, repairs };
}

function fail(id: string, field: string, target: string, reason: string): ReferenceOutcome {
  return { problem: { id, field, target, reason }, repairs: new Map() };
}

function rulesFor(rules: readonly ReferenceRule[], index: RecordView, id: string): ReferenceRule[] {
  const typeName = index.field(id, 'typeName');
  const type = index.field(id, 'type');
  return rules.filter((r) => r.typeName === typeName && (r.shapeType === undefined || r.shapeType === type));
}

function hasCycle(index: RecordView, id: string): boolean {
  const seen = new Set<string>([id]);
  let current = index.field(id, 'parentId');
  for (let i = 0; i < MAX_ANCESTORS && typeof current === 'string'; i++) {
    if (seen.has(current)) return true;
    seen.add(current);
    current = index.field(current, 'parentId');
  }
  return typeof current === 'string' && index.has(current) && current.startsWith('shape:');
}

function addRepair(index: RecordView, repairs: Repairs, id: string, rule: ReferenceRule): void {
  if (repairs.get(id) === null) return;
  if (rule.onMissing === 'remove-record') {
    repairs.set(id, null);
    return;
  }
  const patch = repairs.get(id) ?? {};
  if (rule.onMissing === 'clear') patch[rule.field] = '';
  else patch[rule.field] = firstPage(index) ?? '';
  repairs.set(id, patch);
}

function firstPage(index: RecordView): string | null {
  const pages = index
    .ids()
    .filter((id) => index.field(id, 'typeName') === 'page')
    .sort((a, b) => String(index.field(a, 'index')).localeCompare(String(index.field(b, 'index'))));
  return pages[0] ?? null;
}

/** Writes repairs into the document (inside the caller's transaction). */
export function applyRepairs(index: RecordIndex, repairs: Repairs): void {
  for (const [id, patch] of repairs) {
    if (patch === null) index.write(id, null);
    else index.setFields(id, patch);
  }
}
