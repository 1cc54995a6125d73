/**
 * A table's map in miniature, drawn from its records: cards as boxes in their own colours, the
 * arrows between steps as lines, the title as text. Cheap enough to redraw for twelve tables as
 * partners draw (a few hundred elements at most), and the same picture goes into the summary.
 */
import { stepArrows } from './recordGraph.ts';

type Rec = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const props = (r: Rec) => (r.props ?? {}) as Record<string, unknown>;

const FILL: Record<string, [string, string]> = {
  'loop-step': ['#fffbea', '#1d2733'],
  behaviour: ['#e8f1f8', '#1f5f8b'],
  'first-step': ['#e8f5e9', '#2e7d32'],
};

/** Up to `maxLines` lines of about `width` characters, the last one cut with an ellipsis. */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]!.slice(0, width - 1)}…`];
}

export function MapThumbnail({
  records,
  label,
  width = 280,
  height = 180,
}: {
  records: readonly Rec[];
  label: string;
  width?: number;
  height?: number;
}) {
  const shapes = records.filter((r) => r.typeName === 'shape' && r.type !== 'arrow');
  const box = (s: Rec) => ({ x: num(s.x), y: num(s.y), w: num(props(s).w) || 200, h: num(props(s).h) || 60 });
  const boxes = shapes.map((s) => ({ shape: s, ...box(s) }));
  const minX = Math.min(...boxes.map((b) => b.x), 0);
  const minY = Math.min(...boxes.map((b) => b.y), 0);
  const maxX = Math.max(...boxes.map((b) => b.x + b.w), 100);
  const maxY = Math.max(...boxes.map((b) => b.y + b.h), 100);
  const pad = 40;
  const centre = new Map(boxes.map((b) => [b.shape.id as string, { x: b.x + b.w / 2, y: b.y + b.h / 2 }]));
  const steps = new Set(shapes.filter((s) => s.type === 'loop-step').map((s) => s.id as string));
  return (
    <svg
      className="pk-thumb"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <rect
        x={minX - pad}
        y={minY - pad}
        width={maxX - minX + 2 * pad}
        height={maxY - minY + 2 * pad}
        fill="#ffffff"
      />
      {stepArrows(records, steps).map(({ from, to }) => {
        const a = centre.get(from)!;
        const b = centre.get(to)!;
        return (
          <line key={`${from}>${to}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#5b6775" strokeWidth={6} />
        );
      })}
      {boxes.map(({ shape, x, y, w, h }) => {
        if (shape.type === 'pattern-title')
          return (
            <text
              key={shape.id as string}
              x={x + w / 2}
              y={y + h / 2}
              fontSize={40}
              textAnchor="middle"
              fill="#1f5f8b"
              fontWeight={700}
            >
              {String(props(shape).text ?? '').slice(0, 40)}
            </text>
          );
        const [fill, stroke] = FILL[shape.type as string] ?? ['#f4f6f8', '#5b6775'];
        const text = String(props(shape).text ?? props(shape).what ?? props(shape).name ?? '');
        return (
          <g key={shape.id as string}>
            <rect x={x} y={y} width={w} height={h} rx={14} fill={fill} stroke={stroke} strokeWidth={4} />
            {wrap(text, Math.max(8, Math.floor(w / 12)), Math.max(1, Math.floor((h - 16) / 24))).map(
              (line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text
                <text key={i} x={x + 12} y={y + 30 + i * 24} fontSize={20} fill="#1d2733">
                  {line}
                </text>
              ),
            )}
          </g>
        );
      })}
    </svg>
  );
}
