/**
 * How many shapes an update takes off the map, to tell a large deletion (a restore point first).
 * Removing a page or a frame loses every shape in it as surely as removing them one by one, even
 * if the repair afterwards moves them, so those orphans count too.
 */
import type { RecordView } from '@patroonkaart/tldraw-yjs';

/** `before`: the records as they are; `removed`: the ids the update removes. */
export function lostShapes(before: RecordView, removed: ReadonlySet<string>): number {
  let lost = 0;
  let parentsRemoved = false;
  for (const id of removed) {
    if (id.startsWith('shape:')) lost++;
    if (id.startsWith('shape:') || id.startsWith('page:')) parentsRemoved = true;
  }
  if (!parentsRemoved) return lost;
  // Whether a shape's ancestors include a removed record; memoised, so each shape is walked once.
  const orphaned = new Map<string, boolean>();
  const isOrphaned = (id: string, depth: number): boolean => {
    const known = orphaned.get(id);
    if (known !== undefined) return known;
    const parent = before.field(id, 'parentId');
    // A parent cycle (refused on write, but cheap to survive) or a chain deeper than any map.
    let result = false;
    if (typeof parent === 'string' && depth < 64)
      result = removed.has(parent) || (parent.startsWith('shape:') && isOrphaned(parent, depth + 1));
    orphaned.set(id, result);
    return result;
  };
  for (const id of before.ids()) if (id.startsWith('shape:') && !removed.has(id) && isOrphaned(id, 0)) lost++;
  return lost;
}
