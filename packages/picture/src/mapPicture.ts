/**
 * One picture of a loop map, drawn from its records as an SVG document (a string; no DOM, no
 * canvas): step cards with their organisation chips, speech bubbles with their tails towards the
 * step they are heard at, first steps with their line, the arrows of the loop with their heads and
 * "+"/"−" signs, and every text wrapped inside its card. The overview, the history preview, the
 * summary page and the Markdown all show this same picture, so none of them loses the loop's
 * direction. Every text of a partner is escaped: the picture is data, never markup.
 */
import {
  type ConnectorTarget,
  colourForId,
  connectorLine,
  customBehaviour,
  getBehaviour,
  type Point,
  readMapCards,
  tailTriangle,
} from '@patroonkaart/model';
import { escapeXml, wrap } from './svgText.ts';

type Rec = Record<string, unknown>;

export interface PictureOptions {
  /** What the picture shows, for a screen reader (`aria-label` and `<title>`). */
  label: string;
  width?: number;
  height?: number;
  /** The words drawn in the picture, in the UI's language (the app's i18n layer owns them). */
  labels?: { firstStep?: string };
  /**
   * Cards to mark (the plenary: steps and behaviours other tables share), by shape id: each gets an
   * outline and, when its text is not empty, a badge with that text ("ook bij Tafel 2").
   */
  marks?: ReadonlyMap<string, string>;
  /**
   * The cards' words this many times their usual size (1 by default): for a map shown small and read
   * from afar (the plenary). Cards keep their size; what no longer fits ends in "…". The title,
   * large already, keeps its size (and so its words).
   */
  textScale?: number;
}

interface Card {
  id: string;
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
  props: Record<string, unknown>;
}

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const f = (n: number) => String(Math.round(n * 10) / 10);

const INK = '#1d2733';
const ARROW = '#3d4a57';
const STEP_FILL = '#fffbea';
const FIRST_FILL = '#e8f5e9';
const FIRST_INK = '#2e7d32';
const TITLE_INK = '#1f5f8b';
/** The plenary's mark: a colour no card, chip or behaviour uses (contrast with white text: 9.9). */
export const MARK_COLOUR = '#5b1f8a';
const PAD = 60;
const BADGE_SIZE = 24;

function cardsOf(records: readonly Rec[]): Card[] {
  return records
    .filter((r) => r.typeName === 'shape' && r.type !== 'arrow')
    .map((r) => {
      const props = (r.props ?? {}) as Record<string, unknown>;
      return {
        id: str(r.id),
        type: str(r.type),
        x: num(r.x),
        y: num(r.y),
        w: num(props.w, 200),
        h: num(props.h, 60),
        props,
      };
    });
}

/** The point where a line from a card's centre in direction (dx, dy) leaves the card, plus `gap`. */
function edgeOf(card: Card, dx: number, dy: number, gap: number): Point {
  const len = Math.hypot(dx, dy) || 1;
  const reach =
    Math.min(card.w / 2 / Math.max(Math.abs(dx), 1e-6), card.h / 2 / Math.max(Math.abs(dy), 1e-6)) * len;
  return {
    x: card.x + card.w / 2 + (dx / len) * (reach + gap),
    y: card.y + card.h / 2 + (dy / len) * (reach + gap),
  };
}

function arrowSvg(from: Card, to: Card, sign: string): string {
  const dx = to.x + to.w / 2 - (from.x + from.w / 2);
  const dy = to.y + to.h / 2 - (from.y + from.h / 2);
  const a = edgeOf(from, dx, dy, 8);
  const b = edgeOf(to, -dx, -dy, 8);
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  // The head: a triangle whose tip touches the target's edge (plus the gap).
  const head = 26;
  const base = { x: b.x - ux * head, y: b.y - uy * head };
  const side = { x: -uy * 11, y: ux * 11 };
  const parts = [
    `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(base.x)}" y2="${f(base.y)}" stroke="${ARROW}" stroke-width="5"/>`,
    `<polygon points="${f(b.x)},${f(b.y)} ${f(base.x + side.x)},${f(base.y + side.y)} ${f(base.x - side.x)},${f(base.y - side.y)}" fill="${ARROW}"/>`,
  ];
  if (sign === '+' || sign === '-') {
    const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    parts.push(
      `<circle cx="${f(m.x)}" cy="${f(m.y)}" r="18" fill="#ffffff" stroke="${ARROW}" stroke-width="3"/>`,
      `<text x="${f(m.x)}" y="${f(m.y + 9)}" font-size="26" font-weight="700" text-anchor="middle" fill="${INK}">${sign === '+' ? '+' : '−'}</text>`,
    );
  }
  return parts.join('');
}

function textLines(
  lines: readonly string[],
  x: number,
  y: number,
  size: number,
  fill: string,
  extra = '',
): string {
  return lines
    .map(
      (line, i) =>
        `<text x="${f(x)}" y="${f(y + i * size * 1.2)}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(line)}</text>`,
    )
    .join('');
}

/** How many characters of `size` px fit `width`, and how many lines fit `height`. */
function fit(text: string, width: number, height: number, size: number): string[] {
  return wrap(
    text,
    Math.max(6, Math.floor(width / (size * 0.55))),
    Math.max(1, Math.floor(height / (size * 1.2))),
  );
}

// Each drawing below takes `s`, the text scale: at 1 every size and position is the usual one.

function stepSvg(card: Card, s: number): string {
  const organisation = str(card.props.organisation).trim();
  const parts = [
    `<rect x="${f(card.x)}" y="${f(card.y)}" width="${f(card.w)}" height="${f(card.h)}" rx="14" fill="${STEP_FILL}" stroke="${INK}" stroke-width="4"/>`,
  ];
  let top = card.y + 10 + 20 * s;
  if (organisation) {
    const chip = organisation.slice(0, 28);
    const chipW = Math.min(card.w - 24, (14 + chip.length * 9.5) * s);
    parts.push(
      `<rect x="${f(card.x + 12)}" y="${f(card.y + 10)}" width="${f(chipW)}" height="${f(24 * s)}" rx="6" fill="${colourForId(`org:${organisation.toLowerCase()}`)}"/>`,
      `<text x="${f(card.x + 12 + 7 * s)}" y="${f(card.y + 10 + 18 * s)}" font-size="${f(16 * s)}" fill="#ffffff" font-weight="700">${escapeXml(chip)}</text>`,
    );
    top += 30 * s;
  }
  const size = 20 * s;
  parts.push(
    textLines(
      fit(str(card.props.text), card.w - 24, card.y + card.h - top, size),
      card.x + 12,
      top,
      size,
      INK,
    ),
  );
  return parts.join('');
}

function target(card: Card, step: Card | undefined): ConnectorTarget | null {
  if (!step) return null;
  return { x: step.x + step.w / 2 - card.x, y: step.y + step.h / 2 - card.y, hw: step.w / 2, hh: step.h / 2 };
}

function bubbleSvg(card: Card, step: Card | undefined, s: number): string {
  const kind = str(card.props.kind);
  const name = str(card.props.name) || kind;
  const behaviour = getBehaviour(kind) ?? customBehaviour(name || '?');
  const tail = tailTriangle({ w: card.w, h: card.h }, target(card, step));
  const points = tail.map((p) => `${f(card.x + p.x)},${f(card.y + p.y)}`).join(' ');
  return [
    `<polygon points="${points}" fill="${behaviour.colour}" stroke="${INK}" stroke-width="3"/>`,
    `<rect x="${f(card.x)}" y="${f(card.y)}" width="${f(card.w)}" height="${f(card.h)}" rx="18" fill="${behaviour.colour}" stroke="${INK}" stroke-width="3"/>`,
    `<text x="${f(card.x + 12)}" y="${f(card.y + 10 + 18 * s)}" font-size="${f(18 * s)}" font-weight="700" fill="${INK}">${escapeXml(fit(`${behaviour.icon} ${name}`, card.w - 24, 18 * s * 1.2, 18 * s)[0] ?? '')}</text>`,
    textLines(
      fit(str(card.props.utterance), card.w - 24, card.h - 48 - 34 * (s - 1), 16 * s),
      card.x + 12,
      card.y + 20 + 34 * s,
      16 * s,
      INK,
      ' font-style="italic"',
    ),
  ].join('');
}

function firstStepSvg(card: Card, step: Card | undefined, heading: string, s: number): string {
  const goal = target(card, step);
  const parts: string[] = [];
  if (goal) {
    const [a, b] = connectorLine({ w: card.w, h: card.h }, goal);
    parts.push(
      `<line x1="${f(card.x + a.x)}" y1="${f(card.y + a.y)}" x2="${f(card.x + b.x)}" y2="${f(card.y + b.y)}" stroke="${FIRST_INK}" stroke-width="4" stroke-dasharray="10 8"/>`,
    );
  }
  const who = str(card.props.who);
  parts.push(
    `<rect x="${f(card.x)}" y="${f(card.y)}" width="${f(card.w)}" height="${f(card.h)}" rx="14" fill="${FIRST_FILL}" stroke="${FIRST_INK}" stroke-width="4"/>`,
    `<text x="${f(card.x + 12)}" y="${f(card.y + 11 + 15 * s)}" font-size="${f(15 * s)}" font-weight="700" fill="${FIRST_INK}">→ ${escapeXml(heading)}</text>`,
    textLines(
      fit(str(card.props.what), card.w - 24, card.h - (who ? 80 : 50) - (who ? 49 : 33) * (s - 1), 18 * s),
      card.x + 12,
      card.y + 19 + 33 * s,
      18 * s,
      INK,
    ),
  );
  if (who)
    parts.push(
      textLines(fit(who, card.w - 24, 22 * s, 16 * s), card.x + 12, card.y + card.h - 14, 16 * s, FIRST_INK),
    );
  return parts.join('');
}

function otherSvg(card: Card, s: number): string {
  const text = str(card.props.text) || str(card.props.name);
  return [
    `<rect x="${f(card.x)}" y="${f(card.y)}" width="${f(card.w)}" height="${f(card.h)}" rx="10" fill="#f4f6f8" stroke="#5b6775" stroke-width="3"/>`,
    textLines(
      fit(text, card.w - 24, card.h - 24 - 18 * (s - 1), 18 * s),
      card.x + 12,
      card.y + 10 + 18 * s,
      18 * s,
      INK,
    ),
  ].join('');
}

/** A marked card's own drawing, as one group the page can find. */
function markedSvg(card: Card, drawn: string): string {
  return `<g class="pk-shared" data-shape="${escapeXml(card.id)}">${drawn}</g>`;
}

/** The outline around a marked card (drawn under the arrows: see mapPictureSvg). */
function outlineSvg(card: Card): string {
  return `<rect x="${f(card.x - 10)}" y="${f(card.y - 10)}" width="${f(card.w + 20)}" height="${f(card.h + 20)}" rx="22" fill="none" stroke="${MARK_COLOUR}" stroke-width="7"/>`;
}

/** The badge on a marked card's top edge, right-aligned with its outline, kept inside the picture. */
function badgeSvg(card: Card, text: string, minX: number, s: number): string {
  const shown = text.slice(0, 60);
  // A badge grows less than the words: it must not hide the neighbouring cards.
  const size = BADGE_SIZE * Math.min(s, 1.25);
  const w = Math.round(shown.length * size * 0.56 + 24);
  const h = size + 12;
  const x = Math.max(minX + 4, card.x + card.w + 10 - w);
  const y = card.y - h + 6;
  return [
    `<g class="pk-shared-badge">`,
    `<rect x="${f(x)}" y="${f(y)}" width="${w}" height="${f(h)}" rx="${f(h / 2)}" fill="${MARK_COLOUR}"/>`,
    `<text x="${f(x + 12)}" y="${f(y + h - 11)}" font-size="${f(size)}" font-weight="700" fill="#ffffff">${escapeXml(shown)}</text>`,
    '</g>',
  ].join('');
}

/** The map of `records` as a standalone SVG document. */
export function mapPictureSvg(records: readonly Rec[], options: PictureOptions): string {
  const cards = cardsOf(records);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const minX = Math.min(0, ...cards.map((c) => c.x)) - PAD;
  const minY = Math.min(0, ...cards.map((c) => c.y)) - PAD;
  const maxX = Math.max(100, ...cards.map((c) => c.x + c.w)) + PAD;
  const maxY = Math.max(100, ...cards.map((c) => c.y + c.h)) + PAD;
  // What is linked to what, and the arrows between steps with their signs: the model's reader.
  const map = readMapCards(records);
  const links = new Map([...map.bubbles, ...map.firstSteps].map((c) => [c.id, c.step ?? '']));
  const marks = options.marks ?? new Map<string, string>();
  const mark = (card: Card, drawn: string) => (marks.has(card.id) ? markedSvg(card, drawn) : drawn);
  const s = options.textScale && options.textScale > 0 ? options.textScale : 1;
  const body: string[] = [];
  // Behind everything the marks' outlines, then the arrows (an arrow stops just short of its card,
  // inside the outline's ring: drawn over it, a short arrow between two marked steps shows whole),
  // then the cards that are linked to a step (their tails and lines run under the step), then the
  // steps, then the title on top, and the marks' badges above all.
  for (const card of cards) if (marks.has(card.id)) body.push(outlineSvg(card));
  for (const arrow of map.arrows) {
    // The reader gives only arrows between two steps, and every step is a card.
    const from = byId.get(arrow.from);
    const to = byId.get(arrow.to);
    if (!from || !to) throw new Error(`Arrow ${arrow.id} does not run between two cards`);
    body.push(arrowSvg(from, to, arrow.sign));
  }
  for (const card of cards) {
    const step = byId.get(links.get(card.id) ?? '');
    if (card.type === 'behaviour') body.push(mark(card, bubbleSvg(card, step, s)));
    else if (card.type === 'first-step')
      body.push(mark(card, firstStepSvg(card, step, options.labels?.firstStep ?? '', s)));
  }
  for (const card of cards) if (card.type === 'loop-step') body.push(mark(card, stepSvg(card, s)));
  for (const card of cards)
    if (!['loop-step', 'behaviour', 'first-step', 'pattern-title'].includes(card.type))
      body.push(otherSvg(card, s));
  for (const card of cards)
    if (card.type === 'pattern-title')
      body.push(
        textLines(
          fit(str(card.props.text), card.w, card.h + 40, 36),
          card.x + card.w / 2,
          card.y + card.h / 2,
          36,
          TITLE_INK,
          ' font-weight="700" text-anchor="middle"',
        ),
      );
  for (const card of cards) {
    const badge = marks.get(card.id);
    if (badge) body.push(badgeSvg(card, badge, minX, s));
  }
  const label = escapeXml(options.label);
  const size = `${options.width ? ` width="${options.width}"` : ''}${options.height ? ` height="${options.height}"` : ''}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pk-thumb" role="img" aria-label="${label}"${size} viewBox="${f(minX)} ${f(minY)} ${f(maxX - minX)} ${f(maxY - minY)}" preserveAspectRatio="xMidYMid meet" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title>${label}</title>`,
    `<rect x="${f(minX)}" y="${f(minY)}" width="${f(maxX - minX)}" height="${f(maxY - minY)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('');
}
