/** The loop map's arrows read from records (not from a canvas): which step leads to which. */

type Rec = Record<string, unknown>;
const props = (r: Rec) => (r.props ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export interface StepArrow {
  arrowId: string;
  from: string;
  to: string;
}

/** "A leads to B" for every arrow whose two ends are bound to steps (tldraw's arrow bindings). */
export function stepArrows(records: readonly Rec[], stepIds: ReadonlySet<string>): StepArrow[] {
  const ends = new Map<string, { start?: string; end?: string }>();
  for (const r of records) {
    if (r.typeName !== 'binding' || r.type !== 'arrow') continue;
    const terminal = str(props(r).terminal);
    const entry = ends.get(str(r.fromId)) ?? {};
    if (terminal === 'start') entry.start = str(r.toId);
    if (terminal === 'end') entry.end = str(r.toId);
    ends.set(str(r.fromId), entry);
  }
  const arrows: StepArrow[] = [];
  for (const [arrowId, { start, end }] of ends)
    if (start && end && stepIds.has(start) && stepIds.has(end))
      arrows.push({ arrowId, from: start, to: end });
  return arrows;
}
