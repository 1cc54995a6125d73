/**
 * What a template keeps of a map: the loop map alone. Its cards (loop steps, speech bubbles, first
 * steps, the pattern's title), the arrows between two of them with their bindings, and the cards'
 * links; no other drawing, and nothing of the conversation (answers, votes: not shapes at all).
 * Pure JSON in, JSON out: the server makes a template of a room's records or of a map file with
 * it, and gives a new room a template's map (`copyWithNewIds`).
 */
import { getIndicesAbove, type IndexKey } from '@tldraw/utils';
import { LINK_TYPE_OF } from './cardTypes.ts';
import { must } from './must.ts';
import { LOOP_STEP, SHAPE_TYPES } from './shapeTypes.ts';
import { type JsonRecord, templateStepKey } from './templateRecords.ts';

type Rec = Record<string, unknown>;

const CARDS: ReadonlySet<string> = new Set(SHAPE_TYPES);
const LINKS: ReadonlySet<string> = new Set(Object.values(LINK_TYPE_OF));

/** Where a shape is on its page: its page, page position and rotation, and its place in canvas order. */
interface Placement {
  page: string;
  x: number;
  y: number;
  rotation: number;
  /** The indices from the page down to the shape: canvas order is this path's order. */
  path: string[];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * The loop map of `records`, every shape on `pageId` at its page position, unlocked (the template
 * lock is a conversation's, not the map's), stacked in canvas order with fresh indices. With cards
 * on several pages, the page with the most cards is taken. A shape inside a group or frame comes
 * out on the page where it was drawn. Bindings keep their ids; shapes keep theirs.
 */
export function loopMapRecords(records: Iterable<Rec>, pageId: string): JsonRecord[] {
  const byId = new Map<string, Rec>();
  for (const r of records) if (typeof r.id === 'string') byId.set(r.id, r);
  const placements = new Map<string, Placement | null>();
  const place = (id: string, seen: Set<string>): Placement | null => {
    const known = placements.get(id);
    if (known !== undefined) return known;
    const shape = byId.get(id);
    if (shape?.typeName !== 'shape' || seen.has(id)) return null;
    seen.add(id);
    const parentId = String(shape.parentId);
    const parent = byId.get(parentId);
    const index = String(shape.index);
    let placed: Placement | null;
    if (parent?.typeName === 'shape') {
      const above = place(parentId, seen);
      const cos = Math.cos(above?.rotation ?? 0);
      const sin = Math.sin(above?.rotation ?? 0);
      const x = num(shape.x);
      const y = num(shape.y);
      placed = above && {
        page: above.page,
        x: above.x + x * cos - y * sin,
        y: above.y + x * sin + y * cos,
        rotation: above.rotation + num(shape.rotation),
        path: [...above.path, index],
      };
    } else {
      // A page, or a parent not among the records (a map file's shapes name a page it leaves out).
      placed = {
        page: parentId,
        x: num(shape.x),
        y: num(shape.y),
        rotation: num(shape.rotation),
        path: [index],
      };
    }
    placements.set(id, placed);
    return placed;
  };
  const cards = new Map<string, Placement>();
  const perPage = new Map<string, number>();
  for (const r of byId.values()) {
    if (r.typeName !== 'shape' || !CARDS.has(String(r.type))) continue;
    const placed = place(String(r.id), new Set());
    if (!placed) continue;
    cards.set(String(r.id), placed);
    perPage.set(placed.page, (perPage.get(placed.page) ?? 0) + 1);
  }
  const page = [...perPage].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  for (const [id, placed] of cards) if (placed.page !== page) cards.delete(id);

  // Arrows with both ends bound to a card kept: the first binding (smallest id) of each end counts.
  const ends = new Map<string, { start?: Rec; end?: Rec }>();
  const bindings = [...byId.values()]
    .filter((r) => r.typeName === 'binding')
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  for (const b of bindings) {
    if (b.type !== 'arrow' || !cards.has(String(b.toId))) continue;
    const arrow = byId.get(String(b.fromId));
    if (arrow?.typeName !== 'shape' || arrow.type !== 'arrow') continue;
    const terminal = (b.props as Rec | undefined)?.terminal;
    if (terminal !== 'start' && terminal !== 'end') continue;
    const held = ends.get(String(arrow.id)) ?? {};
    held[terminal] ??= b;
    ends.set(String(arrow.id), held);
  }
  const arrows = new Map<string, Placement>();
  const keptBindings: Rec[] = [];
  for (const [arrowId, { start, end }] of ends) {
    if (!start || !end) continue;
    const placed = place(arrowId, new Set());
    if (!placed || placed.page !== page) continue;
    arrows.set(arrowId, placed);
    keptBindings.push(start, end);
  }
  for (const b of bindings)
    if (LINKS.has(String(b.type)) && cards.has(String(b.fromId)) && cards.has(String(b.toId)))
      keptBindings.push(b);

  const shapes = [...cards, ...arrows].sort(([, a], [, b]) => comparePaths(a.path, b.path));
  const indices = getIndicesAbove(null, shapes.length);
  const out: JsonRecord[] = shapes.map(([id, placed], i) => ({
    ...(structuredClone(byId.get(id)) as JsonRecord),
    parentId: pageId,
    x: placed.x,
    y: placed.y,
    rotation: placed.rotation,
    index: indices[i] as IndexKey,
    isLocked: false,
  }));
  for (const b of keptBindings) out.push(structuredClone(b) as JsonRecord);
  return out;
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i];
    if (y === undefined) break;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Loop steps among `records`. */
export function loopStepCount(records: Iterable<Rec>): number {
  let n = 0;
  for (const r of records) if (r.typeName === 'shape' && r.type === LOOP_STEP) n++;
  return n;
}

/**
 * Marks the loop steps that carry no template mark yet as steps of template `templateId`
 * (`meta.templateStep`, in record order), so the plenary finds them at every table started from
 * it; a mark a step already has (a seed loop's) is kept.
 */
export function markTemplateSteps(records: readonly JsonRecord[], templateId: string): JsonRecord[] {
  let i = 0;
  return records.map((r) => {
    if (r.typeName !== 'shape' || r.type !== LOOP_STEP) return r;
    const n = i++;
    const meta = (r.meta ?? {}) as Rec;
    if (typeof meta.templateStep === 'string' && meta.templateStep !== '') return r;
    return { ...r, meta: { ...meta, templateStep: templateStepKey(templateId, n) } };
  });
}

/**
 * A copy of a map's shapes and bindings with new ids (a new room's map, as a seed loop's gets): a
 * shape whose parent is not among them goes on `pageId`; a binding with an end that is not among
 * them is left out. Everything else (props, meta, `meta.templateStep`) is kept.
 */
export function copyWithNewIds(
  records: readonly Rec[],
  options: { pageId: string; makeId: () => string },
): JsonRecord[] {
  const ids = new Map<string, string>();
  for (const r of records) ids.set(String(r.id), `${String(r.typeName)}:${options.makeId()}`);
  const out: JsonRecord[] = [];
  for (const r of records) {
    const copy = { ...structuredClone(r), id: must(ids.get(String(r.id)), 'a new id') } as JsonRecord;
    if (r.typeName === 'shape') {
      copy.parentId = ids.get(String(r.parentId)) ?? options.pageId;
    } else if (r.typeName === 'binding') {
      const fromId = ids.get(String(r.fromId));
      const toId = ids.get(String(r.toId));
      if (!fromId || !toId) continue;
      copy.fromId = fromId;
      copy.toId = toId;
    }
    out.push(copy);
  }
  return out;
}
