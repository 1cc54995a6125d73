/**
 * Points a card at the loop step it belongs to: a speech-bubble tail for a behaviour, a dashed
 * line for a first step. Follows the step as partners move it.
 */
import { connectorLine, tailTriangle } from '@patroonkaart/model';
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
  // A first step linked to nothing has no line; a bubble always has its tail.
  if (!target && kind === 'line') return null;
  const card = { w: shape.props.w, h: shape.props.h };
  const tail = kind === 'tail' ? tailTriangle(card, target) : null;
  const line = kind === 'line' && target ? connectorLine(card, target) : null;
  return (
    <svg
      className="pk-connector"
      style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', zIndex: -1 }}
      width={1}
      height={1}
      aria-hidden="true"
    >
      {tail ? (
        <polygon points={tail.map((p) => `${p.x},${p.y}`).join(' ')} fill={colour} stroke="#33333366" />
      ) : null}
      {line ? (
        <line
          x1={line[0].x}
          y1={line[0].y}
          x2={line[1].x}
          y2={line[1].y}
          stroke={colour}
          strokeWidth={3}
          strokeDasharray="8 6"
        />
      ) : null}
    </svg>
  );
}
