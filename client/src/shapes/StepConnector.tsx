/**
 * Points a card at the loop step it belongs to: a speech-bubble tail for a behaviour, a dashed
 * line for a first step. Follows the step as partners move it.
 */
import { type TLShape, type TLShapeId, useEditor, useValue } from 'tldraw';

interface StepConnectorProps {
  shape: TLShape & { props: { w: number; h: number } };
  stepId: string;
  kind: 'tail' | 'line';
  colour: string;
}

export function StepConnector({ shape, stepId, kind, colour }: StepConnectorProps) {
  const editor = useEditor();
  const target = useValue('connector target', () => {
    if (!stepId) return null;
    const step = editor.getShape(stepId as TLShapeId);
    const bounds = step ? editor.getShapePageBounds(step) : undefined;
    return bounds
      ? { x: bounds.midX - shape.x, y: bounds.midY - shape.y, hw: bounds.w / 2, hh: bounds.h / 2 }
      : null;
  }, [editor, shape, stepId]);
  if (!target) return null;
  const { w, h } = shape.props;
  const cx = w / 2;
  const cy = h / 2;
  const dx = target.x - cx;
  const dy = target.y - cy;
  const len = Math.hypot(dx, dy) || 1;
  // Stop where the line enters the step's box, so it never covers the step's text.
  const toEdge =
    Math.min(target.hw / Math.max(Math.abs(dx), 1e-6), target.hh / Math.max(Math.abs(dy), 1e-6)) * len;
  const gap = Math.max(0, len - toEdge - 6);
  const reach = kind === 'tail' ? Math.min(gap, Math.max(w, h)) : gap;
  const tip = { x: cx + (dx / len) * reach, y: cy + (dy / len) * reach };
  const nx = (-dy / len) * 14;
  const ny = (dx / len) * 14;
  return (
    <svg
      className="pk-connector"
      style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', zIndex: -1 }}
      width={1}
      height={1}
      aria-hidden="true"
    >
      {kind === 'tail' ? (
        <polygon
          points={`${cx + nx},${cy + ny} ${cx - nx},${cy - ny} ${tip.x},${tip.y}`}
          fill={colour}
          stroke="#33333366"
        />
      ) : (
        <line x1={cx} y1={cy} x2={tip.x} y2={tip.y} stroke={colour} strokeWidth={3} strokeDasharray="8 6" />
      )}
    </svg>
  );
}
