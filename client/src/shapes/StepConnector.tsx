/**
 * Points a card at the loop step it is linked to (its binding, loopmap/links.ts): a speech-bubble
 * tail for a behaviour, a dashed line for a first step. Follows the step as partners move it.
 */
import { type ConnectorTarget, connectorLine, tailTriangle } from '@patroonkaart/model';
import { type Editor, type TLShape, useEditor, useValue } from 'tldraw';
import { linkedStepId } from '../canvas/links.ts';

interface StepConnectorProps {
  shape: TLShape & { props: { w: number; h: number } };
  kind: 'tail' | 'line';
  colour: string;
}

/** The linked step's centre and half size, relative to the card; null when it has no link. */
export function linkedStepTarget(editor: Editor, card: TLShape): ConnectorTarget | null {
  const stepId = linkedStepId(editor, card.id);
  const bounds = stepId ? editor.getShapePageBounds(stepId) : undefined;
  return bounds
    ? { x: bounds.midX - card.x, y: bounds.midY - card.y, hw: bounds.w / 2, hh: bounds.h / 2 }
    : null;
}

export function StepConnector({ shape, kind, colour }: StepConnectorProps) {
  const editor = useEditor();
  const target = useValue('connector target', () => linkedStepTarget(editor, shape), [editor, shape]);
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
