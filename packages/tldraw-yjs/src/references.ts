/**
 * Referential integrity over the record index: a shape's parent exists, a binding's two ends
 * exist and are of the kinds its type ties, one binding per arrow end, a page with shapes on it
 * stays. The rules are data (the schema package lists ours and tldraw's); this file only knows
 * how to check and repair them.
 *
 * Two outcomes, because two very different writers produce a dangling reference:
 * - a **problem**: the reference names something that is not in the room and was not removed
 *   lately (a forged parentId that makes every shape vanish): the update is refused;
 * - a **repair**: the target was removed, by this update or concurrently by another partner (one
 *   links a bubble to a step while the other deletes the step): the reference is cleared, the
 *   dangling binding removed, the orphaned child moved to the page, as a server-written change.
 *   Two partners who tie the same arrow end at once are repaired too: the later binding goes.
 */
import { idTypeName } from './entryRules.ts';
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
  /** At most one such record per target and value of this field (one binding per arrow end). */
  onePer?: string;
  /** The target is never the record's own value of this field (a binding of a shape to itself). */
  notSameAs?: string;
  /** Targets of this typeName are kept: never removed while named (unless the namer goes too), nor the last one. */
  keeps?: string;
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
 * skips that walk over every record (a forecast does; the applied check does not). The walks
 * that can refuse (a kept page removed, a shape whose type changed under its bindings, a second
 * binding of one arrow end) run in both, and only when such a change is in the update.
 */
export function checkReferences(
  index: RecordView,
  changes: RecordChanges,
  rules: readonly ReferenceRule[],
  wasRemoved: (id: string) => boolean,
  findReferrers = true,
): ReferenceOutcome {
  const repairs: Repairs = new Map();
  // A record whose type changed is checked whole, and so is every record that names it.
  const touched = new Map<string, Set<string> | null>();
  for (const id of changes.added) touched.set(id, null);
  for (const [id, fields] of changes.fields) touched.set(id, fields.has('type') ? null : fields);
  const retyped = new Set([...changes.fields].filter(([, f]) => f.has('type')).map(([id]) => id));
  const keptTypes = new Set(rules.flatMap((r) => (r.keeps ? [r.keeps] : [])));
  const removedKept = new Set([...changes.removed].filter((id) => keptTypes.has(idTypeName(id))));
  if (retyped.size > 0 || removedKept.size > 0) {
    for (const id of index.ids()) {
      for (const rule of rulesFor(rules, index, id)) {
        const target = index.field(id, rule.field);
        if (typeof target !== 'string') continue;
        if (retyped.has(target) && !touched.has(id)) touched.set(id, null);
        if (removedKept.has(target) && rule.keeps === idTypeName(target))
          return fail(id, rule.field, target, 'names a page the update removes without it');
      }
    }
    // Each kept type once, named by the first of its records the update removes.
    const checked = new Set<string>();
    for (const removed of removedKept) {
      const typeName = idTypeName(removed);
      if (checked.has(typeName)) continue;
      checked.add(typeName);
      if (!index.ids().some((id) => idTypeName(id) === typeName && index.has(id)))
        return fail(removed, 'id', typeName, 'is the last of its kind');
    }
  }
  const ends = new OnePerIndex();
  for (const [id, changedFields] of touched) {
    // Read field by field: building the whole record for each edit cost more than the check.
    if (!index.has(id)) continue;
    for (const rule of rulesFor(rules, index, id)) {
      if (changedFields && !ruleReads(rule).some((f) => changedFields.has(f))) continue;
      const target = index.field(id, rule.field);
      if (rule.optional && target === '') continue;
      if (typeof target !== 'string') continue; // the schema check reports a wrong type
      if (rule.notSameAs && index.field(id, rule.notSameAs) === target)
        return fail(id, rule.field, target, 'ties a shape to itself');
      const targetRecord = target === id ? null : index.get(target);
      if (targetRecord && rule.accepts(targetRecord)) {
        if (rule.field === 'parentId' && hasCycle(index, id))
          return fail(id, rule.field, target, 'parent chain loops back to the shape');
        if (rule.onePer && !ends.add(rule, id, target, index.field(id, rule.onePer)))
          return fail(id, rule.field, target, `a second binding for one ${rule.onePer}`);
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
  // Two partners who tied the same arrow end at once: the binding already there stays.
  for (const id of ends.takenElsewhere(index, rules)) repairs.set(id, null);
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

/** The fields whose change makes a rule worth checking again. */
function ruleReads(rule: ReferenceRule): string[] {
  const fields = [rule.field];
  if (rule.onePer) fields.push(rule.onePer);
  if (rule.notSameAs) fields.push(rule.notSameAs);
  return fields;
}

/**
 * The records of `onePer` rules the update wrote the key of, by (rule, target, value): two of the
 * update's own on one key is a refusal; one that meets another record on its key is repaired
 * (removed).
 */
class OnePerIndex {
  private readonly byKey = new Map<string, string>();
  private readonly rulesSeen = new Set<ReferenceRule>();

  add(rule: ReferenceRule, id: string, target: string, value: unknown): boolean {
    const key = keyOf(rule, target, value);
    const other = this.byKey.get(key);
    if (other !== undefined && other !== id) return false;
    this.byKey.set(key, id);
    this.rulesSeen.add(rule);
    return true;
  }

  takenElsewhere(index: RecordView, rules: readonly ReferenceRule[]): string[] {
    if (this.byKey.size === 0) return [];
    const newcomers = new Set(this.byKey.values());
    const out: string[] = [];
    for (const id of index.ids()) {
      if (newcomers.has(id)) continue;
      for (const rule of rulesFor(rules, index, id)) {
        if (!rule.onePer || !this.rulesSeen.has(rule)) continue;
        const key = keyOf(rule, index.field(id, rule.field), index.field(id, rule.onePer));
        const newcomer = this.byKey.get(key);
        if (newcomer !== undefined) out.push(newcomer);
      }
    }
    return out;
  }
}

function keyOf(rule: ReferenceRule, target: unknown, value: unknown): string {
  return `${rule.typeName}/${rule.shapeType ?? ''}/${rule.field}\u0000${String(target)}\u0000${JSON.stringify(value)}`;
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
