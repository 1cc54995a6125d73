/**
 * Which of a room's stored updates this process's document holds, by sequence number. Alone, a
 * process writes every update itself and the numbers follow each other. With several processes
 * (server/src/cluster), others' updates arrive over the bus in any order, or not at all (a slow
 * process, Redis briefly gone): they are applied strictly in sequence order (an update never
 * arrives before what it builds on), and a hole that stays open is filled from storage.
 *
 * `watermark`: every update up to it is in the document, which is what a compaction may fold.
 */
export class SeqTracker {
  private mark: number;
  /** Ranges above the watermark already in the document (this process's own writes). */
  private readonly held = new Map<number, number>();
  /** Others' updates above the watermark, waiting for the ones before them. */
  private readonly waiting = new Map<number, { to: number; update: Uint8Array }>();

  constructor(lastSeq: number) {
    this.mark = lastSeq;
  }

  get watermark(): number {
    return this.mark;
  }

  /** Whether some update below one the document holds is still missing. */
  get hasHole(): boolean {
    return this.held.size > 0 || this.waiting.size > 0;
  }

  /** This process stored [from, to] (its updates are in the document already). */
  own(from: number, to: number): void {
    if (to <= this.mark) return;
    this.held.set(from, to);
    this.settle([]);
  }

  /** Another process stored [from, to]: the updates to apply now, in order (maybe none yet). */
  offer(from: number, to: number, update: Uint8Array): Uint8Array[] {
    if (to <= this.mark) return [];
    this.waiting.set(from, { to, update });
    const ready: Uint8Array[] = [];
    this.settle(ready);
    return ready;
  }

  /** The document now holds everything storage had up to `lastSeq` (it was read from storage). */
  caughtUp(lastSeq: number): void {
    this.mark = Math.max(this.mark, lastSeq);
    for (const [from, to] of [...this.held]) if (to <= this.mark) this.held.delete(from);
    for (const [from, w] of [...this.waiting]) if (w.to <= this.mark) this.waiting.delete(from);
    this.settle([]);
  }

  private settle(ready: Uint8Array[]): void {
    for (;;) {
      const next = this.mark + 1;
      const own = this.held.get(next);
      if (own !== undefined) {
        this.held.delete(next);
        this.mark = own;
        continue;
      }
      const theirs = this.waiting.get(next);
      if (theirs) {
        this.waiting.delete(next);
        ready.push(theirs.update);
        this.mark = theirs.to;
        continue;
      }
      return;
    }
  }
}
