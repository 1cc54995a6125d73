/**
 * A repair is the server's own write, and is held to what any write is: each record it changes
 * must still be valid for the schema and name what its rules accept, in the room as the repair
 * leaves it. A repair that would not be (children moved to a page when no page is left: a
 * `parentId` of '') is no repair: the update that called for it is refused instead.
 */
import {
  checkReferences,
  type RecordChanges,
  type RecordView,
  type ReferenceRule,
  type Repairs,
  truncate,
  validateRecordJson,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';

export interface RepairCheckContext {
  schema: StoreSchema<UnknownRecord, unknown>;
  index: RecordView;
  rules: readonly ReferenceRule[];
}

/** Why the repairs would leave an invalid record, or null when they are sound. */
export function repairProblem(ctx: RepairCheckContext, repairs: Repairs): string | null {
  const patched = [...repairs].filter((r): r is [string, Record<string, unknown>] => r[1] !== null);
  if (patched.length === 0) return null;
  const view = new RepairedView(ctx.index, repairs);
  for (const [id] of patched) {
    const result = validateRecordJson(ctx.schema, id, view.get(id), null);
    if (!result.ok) return `repair of ${truncate(id, 80)}: ${result.report.reason}`;
  }
  const changes: RecordChanges = {
    added: new Set(),
    removed: new Set(),
    fields: new Map(patched.map(([id, patch]) => [id, new Set(Object.keys(patch))])),
    malformed: 0,
    orphans: new Set(),
  };
  // Nothing is "removed lately" for a repair: what it names must be there.
  const references = checkReferences(view, changes, ctx.rules, () => false, false);
  const p = references.problem;
  if (p) return `repair of ${truncate(p.id, 80)}.${p.field} ${p.reason} (${truncate(p.target, 80)})`;
  return null;
}

/** The records with the repairs laid over them. */
class RepairedView implements RecordView {
  private readonly index: RecordView;
  private readonly repairs: Repairs;

  constructor(index: RecordView, repairs: Repairs) {
    this.index = index;
    this.repairs = repairs;
  }

  ids(): string[] {
    return this.index.ids().filter((id) => this.repairs.get(id) !== null);
  }

  has(id: string): boolean {
    return this.repairs.get(id) !== null && this.index.has(id);
  }

  get(id: string): Record<string, unknown> | null {
    const patch = this.repairs.get(id);
    if (patch === null) return null;
    const record = this.index.get(id);
    if (!record || !patch) return record;
    for (const [field, value] of Object.entries(patch)) setField(record, field, value);
    return record;
  }

  field(id: string, field: string): unknown {
    const patch = this.repairs.get(id);
    if (patch === null) return undefined;
    if (patch && field in patch) return patch[field];
    return this.index.field(id, field);
  }

  fieldCount(id: string): number {
    return this.index.fieldCount(id);
  }
}

/** Sets a field the way the entries name it: `parentId`, or one level down, `props.<key>`. */
function setField(record: Record<string, unknown>, field: string, value: unknown): void {
  const dot = field.indexOf('.');
  if (dot < 0) {
    record[field] = value;
    return;
  }
  const outer = field.slice(0, dot);
  const holder = record[outer];
  const nested = typeof holder === 'object' && holder !== null ? { ...(holder as object) } : {};
  (nested as Record<string, unknown>)[field.slice(dot + 1)] = value;
  record[outer] = nested;
}
