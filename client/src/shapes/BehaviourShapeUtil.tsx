/**
 * A behaviour: a speech bubble with the behaviour's name, its label (so colour is never the only
 * cue) and an utterance. Its tail points at the step it keeps alive, or down and left when it has
 * none yet: a bubble always speaks.
 */
import { customBehaviour, getBehaviour, tailTriangle } from '@patroonkaart/model';
import {
  BEHAVIOUR,
  type BehaviourShape,
  BUBBLE_SIZE,
  behaviourMigrations,
  behaviourProps,
} from '@patroonkaart/schema';
import { useRef } from 'react';
import { BaseBoxShapeUtil, HTMLContainer, type TLShapeId, useEditor, useValue } from 'tldraw';
import { linkedStepId } from '../canvas/links.ts';
import { translate, useLocale } from '../i18n/i18n.ts';
import { EditableText } from './EditableText.tsx';
import { roundedRectPath } from './paths.ts';
import { linkedStepTarget, StepConnector } from './StepConnector.tsx';
import { EXPORT_FONT, SvgText } from './svgText.tsx';
import { useGrowToFit } from './useGrowToFit.ts';

export function behaviourLook(kind: string, name: string) {
  return getBehaviour(kind) ?? customBehaviour(name || '?');
}

function Bubble({ shape }: { shape: BehaviourShape }) {
  const editor = useEditor();
  const locale = useLocale((s) => s.locale);
  const look = behaviourLook(shape.props.kind, shape.props.name);
  const update = (props: Partial<BehaviourShape['props']>) =>
    editor.updateShape({ id: shape.id, type: BEHAVIOUR, props });
  const bubble = useRef<HTMLDivElement | null>(null);
  useGrowToFit(bubble, shape);
  const step = useValue('bubble step', () => stepText(editor, linkedStepId(editor, shape.id)), [
    editor,
    shape.id,
  ]);
  return (
    <HTMLContainer
      className="pk-bubble-wrap"
      data-shape-type={BEHAVIOUR}
      data-behaviour={shape.props.kind}
      role="group"
      aria-label={translate(locale, 'shape.behaviour.a11y', {
        name: shape.props.name,
        utterance: shape.props.utterance,
        step: step ?? translate(locale, 'list.noStep'),
      })}
      style={{ width: shape.props.w, height: shape.props.h }}
    >
      <StepConnector shape={shape} kind="tail" colour={look.colour} />
      <div className="pk-bubble" style={{ background: look.colour }} ref={bubble}>
        <div className="pk-bubble__head">
          <span className="pk-bubble__icon" aria-hidden="true">
            {look.icon}
          </span>
          <span className="pk-bubble__name">{shape.props.name}</span>
        </div>
        <EditableText
          shapeId={shape.id}
          field="props.utterance"
          value={shape.props.utterance}
          placeholder={translate(locale, 'shape.behaviour.placeholder')}
          ariaLabel={translate(locale, 'shape.behaviour.label')}
          autoFocus
          onChange={(utterance) => update({ utterance })}
          style={{ fontStyle: 'italic' }}
        />
      </div>
    </HTMLContainer>
  );
}

function stepText(editor: ReturnType<typeof useEditor>, id: TLShapeId | null): string | null {
  const step = id ? editor.getShape(id) : undefined;
  return step ? String((step.props as { text?: string }).text ?? '') : null;
}

export class BehaviourShapeUtil extends BaseBoxShapeUtil<BehaviourShape> {
  static override type = BEHAVIOUR;
  static override props = behaviourProps;
  static override migrations = behaviourMigrations;

  getDefaultProps(): BehaviourShape['props'] {
    return { ...BUBBLE_SIZE, kind: 'duiken', name: 'Duiken', utterance: '' };
  }

  override canEdit() {
    return true;
  }

  component(shape: BehaviourShape) {
    return <Bubble shape={shape} />;
  }

  override toSvg(shape: BehaviourShape) {
    const { w, h, kind, name, utterance } = shape.props;
    const look = behaviourLook(kind, name);
    // The same tail as on the canvas (packages/model, tailTriangle).
    const tail = tailTriangle({ w, h }, linkedStepTarget(this.editor, shape));
    return (
      <g>
        <polygon points={tail.map((p) => `${p.x},${p.y}`).join(' ')} fill={look.colour} stroke="#33333366" />
        <rect width={w} height={h} rx={18} fill={look.colour} stroke="#33333366" strokeWidth={2} />
        <rect x={12} y={10} width={30} height={20} rx={10} fill="#1d2733" />
        <text x={27} y={24} fontFamily={EXPORT_FONT} fontSize={12} fill="#ffffff" textAnchor="middle">
          {look.icon}
        </text>
        <SvgText text={name} x={48} y={12} width={w - 60} fontSize={14} weight={700} />
        <SvgText text={utterance} x={12} y={40} width={w - 24} fontSize={14} italic />
      </g>
    );
  }

  getIndicatorPath(shape: BehaviourShape) {
    return roundedRectPath(shape.props.w, shape.props.h, 18);
  }
}
