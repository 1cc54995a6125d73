/**
 * The one reader of a loop map: what a map's records say, for every screen and summary that shows
 * it (the loop panel, the list view, the export's legend, a table's summary, the picture). It takes
 * plain JSON records (tldraw's shapes and bindings, as stored in the room's document or taken from
 * the editor) and knows nothing of tldraw itself.
 *
 * - Steps are `loop-step` shapes, in canvas order (tldraw's: each parent's children by `index`,
 *   depth first), so every screen and the server read them in the same order.
 * - "A leads to B" is an arrow whose start and end are both bound to steps (tldraw's arrow
 *   bindings; the first binding of each end counts, as in tldraw). Its sign ("+", "−" or none) and
 *   its delay are in the arrow's meta.
 * - A speech bubble (`behaviour`) or a first step (`first-step`) is linked to a step by a binding of
 *   its own kind (`behaviour-link`, `first-step-link`); with two, the one with the smallest id counts.
 * - Loops are the elementary loops of the arrows (findLoops), each with the signs of its arrows and
 *   its type by one rule (polarity.ts, loopType).
 *
 * The record type names are the schema's contract (packages/schema, shapeTypes.ts); the schema's
 * tests read its template records through this reader, so the two cannot drift apart.
 */
import type { Point } from './layout.ts';
import { findLoops, stepsInNoLoop } from './loops.ts';
import { centroid } from './placement.ts';
import { isPolarity, type LoopType, loopType, type Polarity } from './polarity.ts';
import { loopSubject } from './votes.ts';

const STEP = 'loop-step';
const BUBBLE = 'behaviour';
const FIRST_STEP = 'first-step';
const TITLE = 'pattern-title';
const ARROW = 'arrow';
/** The binding that links each kind of card to its step. */
const LINK_OF: Readonly<Record<string, string>> = {
  [BUBBLE]: 'behaviour-link',
  [FIRST_STEP]: 'first-step-link',
};

export interface MapStep {
  id: string;
  text: string;
  /** The partner organisation the step belongs to, '' when none. */
  organisation: string;
  /** 'template-id#i' when the step came from a template's i-th step, '' otherwise. */
  templateStep: string;
}

/** An arrow from one step to another (or to itself). */
export interface MapArrow {
  id: string;
  from: string;
  to: string;
  sign: Polarity;
  delay: boolean;
}

export interface MapBubble {
  id: string;
  kind: string;
  name: string;
  utterance: string;
  /** The step it is heard at, null when it is linked to none. */
  step: string | null;
}

export interface MapFirstStep {
  id: string;
  what: string;
  who: string;
  /** The step it breaks the loop at, null when it is linked to none. */
  step: string | null;
}

export interface MapTitle {
  id: string;
  text: string;
}

export interface MapLoop {
  /** The steps joined by '>': unique among the loops of one map. */
  key: string;
  /** In loop order: each leads to the next, the last back to the first. */
  steps: string[];
  /** `signs[i]` is the sign of the arrow from `steps[i]` to the next step ('' when it has none). */
  signs: Polarity[];
  /** `delays[i]`: the arrow from `steps[i]` to the next step carries a delay mark ("‖"). */
  delays: boolean[];
  /** Reinforcing, balancing, or '?' while an arrow of it has no sign (polarity.ts). */
  type: LoopType;
  /** What votes on this loop are kept under (votes.ts, loopSubject). */
  subject: string;
  /** The text of the pattern title nearest to the loop's middle, null when none is near. */
  title: string | null;
}

/** What the records say without the loop search: cheap enough to read on every change. */
export interface MapCards {
  steps: MapStep[];
  /** Only arrows between two steps, in canvas order. */
  arrows: MapArrow[];
  bubbles: MapBubble[];
  firstSteps: MapFirstStep[];
  titles: MapTitle[];
  /** The first title's text, '' when the map has no title card. */
  title: string;
  /** The organisations of the steps, each once, sorted. */
  organisations: string[];
  /** What the loop search depends on (steps, arrows, signs): equal keys, equal loops. */
  graphKey: string;
}

export interface LoopMap extends MapCards {
  /** Longest first (findLoops); each starts at its step that comes first on the canvas. */
  loops: MapLoop[];
  /** More loops exist than were searched for (`maxLoops`). */
  truncated: boolean;
  /** Steps on no loop, in canvas order (exact even when the search was truncated). */
  inNoLoop: string[];
  /** The steps as a list shows them: the first loop's in loop order, then the others. */
  order: string[];
}

export interface ReadLoopMapOptions {
  /** Passed to findLoops (default DEFAULT_MAX_LOOPS). */
  maxLoops?: number;
  /**
   * A card's centre on the page, to name each loop after the title nearest its middle. By default
   * read from the records (x, y, props.w, props.h, its parents' x and y; rotation ignored): a
   * screen that knows better (tldraw's page bounds) passes its own.
   */
  centreOf?: (id: string) => Point | undefined;
  /** An earlier read: when its `graphKey` is the same, its loops are kept and nothing is searched. */
  previous?: LoopMap;
}

type Rec = Readonly<Record<string, unknown>>;

// Records are JSON from a document or a file: every field is checked where it is read.
const asRec = (r: object): Rec => r as Rec;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const propsOf = (r: Rec): Rec => (r.props && typeof r.props === 'object' ? asRec(r.props) : {});
const metaOf = (r: Rec): Rec => (r.meta && typeof r.meta === 'object' ? asRec(r.meta) : {});

function byIndex(a: Rec, b: Rec): number {
  const x = str(a.index);
  const y = str(b.index);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Shapes in tldraw's canvas order: the top-level shapes by index, each followed by its children. */
function canvasOrder(shapes: readonly Rec[]): Rec[] {
  const ids = new Set(shapes.map((s) => str(s.id)));
  const children = new Map<string, Rec[]>();
  const top: Rec[] = [];
  for (const shape of shapes) {
    const parent = str(shape.parentId);
    if (ids.has(parent) && parent !== str(shape.id)) {
      const siblings = children.get(parent) ?? [];
      siblings.push(shape);
      children.set(parent, siblings);
    } else top.push(shape);
  }
  const ordered: Rec[] = [];
  const seen = new Set<Rec>();
  const stack = [...top].sort(byIndex).reverse();
  for (let shape = stack.pop(); shape; shape = stack.pop()) {
    if (seen.has(shape)) continue;
    seen.add(shape);
    ordered.push(shape);
    const below = children.get(str(shape.id));
    if (below) stack.push(...[...below].sort(byIndex).reverse());
  }
  // Shapes whose parents form a cycle (a broken document) are reached from no page: keep them last.
  for (const shape of shapes) if (!seen.has(shape)) ordered.push(shape);
  return ordered;
}

/** The steps, arrows, cards and titles of a map's records. */
export function readMapCards(records: readonly object[]): MapCards {
  const shapes: Rec[] = [];
  const bindings: Rec[] = [];
  for (const record of records) {
    const r = asRec(record);
    if (r.typeName === 'shape') shapes.push(r);
    else if (r.typeName === 'binding') bindings.push(r);
  }
  const ordered = canvasOrder(shapes);
  const typeOf = new Map(ordered.map((s) => [str(s.id), str(s.type)]));

  // The first binding of each end of an arrow, and the link with the smallest id of each card.
  const ends = new Map<string, { start?: string; end?: string }>();
  const links = new Map<string, { id: string; step: string }>();
  for (const b of bindings) {
    const from = str(b.fromId);
    const fromType = typeOf.get(from);
    if (b.type === ARROW && fromType === ARROW) {
      const entry = ends.get(from) ?? {};
      const terminal = str(propsOf(b).terminal);
      if (terminal === 'start') entry.start ??= str(b.toId);
      if (terminal === 'end') entry.end ??= str(b.toId);
      ends.set(from, entry);
    } else if (fromType !== undefined && LINK_OF[fromType] !== undefined && b.type === LINK_OF[fromType]) {
      const id = str(b.id);
      const current = links.get(from);
      if (!current || id < current.id) links.set(from, { id, step: str(b.toId) });
    }
  }

  const steps: MapStep[] = [];
  const arrows: MapArrow[] = [];
  const bubbles: MapBubble[] = [];
  const firstSteps: MapFirstStep[] = [];
  const titles: MapTitle[] = [];
  const isStep = (id: string | undefined): id is string => id !== undefined && typeOf.get(id) === STEP;
  const linkedStep = (id: string): string | null => {
    const step = links.get(id)?.step;
    return isStep(step) ? step : null;
  };
  for (const shape of ordered) {
    const id = str(shape.id);
    const props = propsOf(shape);
    switch (shape.type) {
      case STEP:
        steps.push({
          id,
          text: str(props.text),
          organisation: str(props.organisation),
          templateStep: str(metaOf(shape).templateStep).slice(0, 200),
        });
        break;
      case ARROW: {
        const { start, end } = ends.get(id) ?? {};
        if (!isStep(start) || !isStep(end)) break;
        const meta = metaOf(shape);
        arrows.push({
          id,
          from: start,
          to: end,
          sign: isPolarity(meta.polarity) ? meta.polarity : '',
          delay: meta.delay === true,
        });
        break;
      }
      case BUBBLE:
        bubbles.push({
          id,
          kind: str(props.kind),
          name: str(props.name),
          utterance: str(props.utterance),
          step: linkedStep(id),
        });
        break;
      case FIRST_STEP:
        firstSteps.push({ id, what: str(props.what), who: str(props.who), step: linkedStep(id) });
        break;
      case TITLE:
        titles.push({ id, text: str(props.text) });
        break;
    }
  }
  return {
    steps,
    arrows,
    bubbles,
    firstSteps,
    titles,
    title: titles[0]?.text ?? '',
    organisations: [...new Set(steps.map((s) => s.organisation).filter(Boolean))].sort(),
    graphKey: JSON.stringify([steps.map((s) => s.id), arrows.map((a) => [a.from, a.to, a.sign, a.delay])]),
  };
}

/** The steps as a list shows them: `loop`'s in loop order, then the other steps in their order. */
export function stepOrder(steps: readonly string[], loop: readonly string[] = []): string[] {
  const inLoop = new Set(loop);
  return [...loop, ...steps.filter((id) => !inLoop.has(id))];
}

/** The centre of each shape from its record, its parents' positions added (rotation ignored). */
function recordCentres(records: readonly object[]): (id: string) => Point | undefined {
  const shapes = new Map<string, Rec>();
  for (const record of records) {
    const r = asRec(record);
    if (r.typeName === 'shape') shapes.set(str(r.id), r);
  }
  return (id) => {
    const shape = shapes.get(id);
    if (!shape) return undefined;
    const props = propsOf(shape);
    let x = num(shape.x) + num(props.w) / 2;
    let y = num(shape.y) + num(props.h) / 2;
    const seen = new Set([id]);
    for (let parent = shapes.get(str(shape.parentId)); parent; parent = shapes.get(str(parent.parentId))) {
      if (seen.has(str(parent.id))) break;
      seen.add(str(parent.id));
      x += num(parent.x);
      y += num(parent.y);
    }
    return { x, y };
  };
}

/** The title nearest to the middle of a loop's steps, within their spread (at least 200). */
function loopTitle(
  steps: readonly string[],
  titles: readonly MapTitle[],
  centreOf: (id: string) => Point | undefined,
): string | null {
  const centres = steps.flatMap((id) => centreOf(id) ?? []);
  if (centres.length === 0) return null;
  const middle = centroid(centres);
  const distance = (p: Point) => Math.hypot(p.x - middle.x, p.y - middle.y);
  const spread = Math.max(...centres.map(distance), 200);
  let best: { text: string; d: number } | null = null;
  for (const title of titles) {
    const at = centreOf(title.id);
    if (!at) continue;
    const d = distance(at);
    if (d <= spread && (!best || d < best.d)) best = { text: title.text, d };
  }
  return best?.text || null;
}

/**
 * Everything a screen or a summary reads off a loop map: its steps, arrows, bubbles, first steps
 * and titles (readMapCards), its loops with their signs, type, vote subject and title, the steps in
 * no loop, and the order a list shows the steps in.
 */
export function readLoopMap(records: readonly object[], options: ReadLoopMapOptions = {}): LoopMap {
  const cards = readMapCards(records);
  const { previous } = options;
  if (previous && previous.graphKey === cards.graphKey) {
    const { loops, truncated, inNoLoop, order } = previous;
    return { ...cards, loops, truncated, inNoLoop, order };
  }
  const graph = { steps: cards.steps.map((s) => s.id), arrows: cards.arrows };
  const { loops, truncated } = findLoops(graph, { maxLoops: options.maxLoops });
  // With two arrows from one step to the same next step, the last one's sign counts.
  const signOf = new Map(cards.arrows.map((a) => [`${a.from}>${a.to}`, a.sign]));
  const delayOf = new Map(cards.arrows.map((a) => [`${a.from}>${a.to}`, a.delay]));
  const centreOf = options.centreOf ?? recordCentres(records);
  const mapLoops = loops.map((steps): MapLoop => {
    const signs = steps.map((from, i) => signOf.get(`${from}>${steps[(i + 1) % steps.length]}`) ?? '');
    return {
      key: steps.join('>'),
      steps,
      signs,
      delays: steps.map((from, i) => delayOf.get(`${from}>${steps[(i + 1) % steps.length]}`) ?? false),
      type: loopType(signs),
      subject: loopSubject(steps),
      title: loopTitle(steps, cards.titles, centreOf),
    };
  });
  return {
    ...cards,
    loops: mapLoops,
    truncated,
    inNoLoop: stepsInNoLoop(graph),
    order: stepOrder(graph.steps, mapLoops[0]?.steps),
  };
}
