/**
 * Shapes drawn as plain SVG for export: text stays text (searchable, readable by assistive
 * technology), wrapped to the card's width with the browser's own font metrics.
 */
import type { ReactElement } from 'react';

export const EXPORT_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

let measureCtx: CanvasRenderingContext2D | null = null;

export function wrapText(text: string, fontSize: number, maxWidth: number, weight = 400): string[] {
  // Without a document (a unit test, a worker) the text is not measured: one line per paragraph.
  if (typeof document !== 'undefined') measureCtx ??= document.createElement('canvas').getContext('2d');
  const ctx = measureCtx;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (!ctx) {
      lines.push(paragraph);
      continue;
    }
    ctx.font = `${weight} ${fontSize}px ${EXPORT_FONT}`;
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (ctx.measureText(candidate).width <= maxWidth || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

interface SvgTextProps {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  weight?: number;
  fill?: string;
  italic?: boolean;
  anchor?: 'start' | 'middle';
  lineHeight?: number;
}

export function SvgText(props: SvgTextProps): ReactElement {
  const lineHeight = props.lineHeight ?? 1.35;
  const lines = wrapText(props.text, props.fontSize, props.width, props.weight);
  return (
    <text
      x={props.x}
      y={props.y}
      fontFamily={EXPORT_FONT}
      fontSize={props.fontSize}
      fontWeight={props.weight ?? 400}
      fontStyle={props.italic ? 'italic' : 'normal'}
      fill={props.fill ?? '#1d2733'}
      textAnchor={props.anchor ?? 'start'}
      dominantBaseline="hanging"
    >
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text have no identity but their order
        <tspan key={i} x={props.x} dy={i === 0 ? 0 : props.fontSize * lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
