/**
 * The record ids a room removed lately, so that a partner's concurrent edit of a removed record
 * is tidied (removal wins) instead of refused as entries of a record that never existed. Bounded:
 * the oldest ids are forgotten first. Per process: after a restart it starts empty.
 */
export const REMEMBERED_REMOVALS = 20_000;

export class RemovalMemory {
  private readonly ids = new Set<string>();
  private readonly limit: number;

  constructor(limit = REMEMBERED_REMOVALS) {
    this.limit = limit;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  remember(ids: Iterable<string>): void {
    for (const id of ids) {
      this.ids.delete(id);
      this.ids.add(id);
    }
    // A Set iterates in insertion order: the first ids are the oldest.
    for (const id of this.ids) {
      if (this.ids.size <= this.limit) break;
      this.ids.delete(id);
    }
  }
}
