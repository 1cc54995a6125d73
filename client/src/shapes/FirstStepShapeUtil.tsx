/** "Eerste stap": what could break the loop, and who takes it. Can be attached to a step. */
import { FIRST_STEP, type FirstStepShape, firstStepMigrations, firstStepProps } from '@patroonkaart/schema';
import { useRef } from 'react';
import { BaseBoxShapeUtil, HTMLContainer, useEditor } from 'tldraw';
import { translate, useLocale } from '../i18n/i18n.ts';
import { EditableText } from './EditableText.tsx';
import { roundedRectPath } from './paths.ts';
import { StepConnector } from './StepConnector.tsx';
import { SvgText } from './svgText.tsx';
import { useGrowToFit } from './useGrowToFit.ts';

function FirstStepCard({ shape }: { shape: FirstStepShape }) {
  const editor = useEditor();
  const locale = useLocale((s) => s.locale);
  const update = (props: Partial<FirstStepShape['props']>) =>
    editor.updateShape({ id: shape.id, type: FIRST_STEP, props });
  const card = useRef<HTMLDivElement | null>(null);
  useGrowToFit(card, shape);
  return (
    <HTMLContainer
      className="pk-connected"
      data-shape-type={FIRST_STEP}
      role="group"
      aria-label={translate(locale, 'shape.first.a11y', { what: shape.props.what, who: shape.props.who })}
      style={{ width: shape.props.w, height: shape.props.h }}
    >
      <StepConnector shape={shape} kind="line" colour="#2e7d32" />
      <div className="pk-card pk-first" ref={card}>
        <div className="pk-first__label">
          <span aria-hidden="true">➜ </span>
          {translate(locale, 'shape.first.label')}
        </div>
        <EditableText
          shapeId={shape.id}
          field="props.what"
          value={shape.props.what}
          placeholder={translate(locale, 'shape.first.what')}
          ariaLabel={translate(locale, 'shape.first.what')}
          autoFocus
          onChange={(what) => update({ what })}
        />
        <div className="pk-first__who">
          <EditableText
            shapeId={shape.id}
            field="props.who"
            value={shape.props.who}
            placeholder={translate(locale, 'shape.first.who')}
            ariaLabel={translate(locale, 'shape.first.who')}
            onChange={(who) => update({ who })}
          />
        </div>
      </div>
    </HTMLContainer>
  );
}

export class FirstStepShapeUtil extends BaseBoxShapeUtil<FirstStepShape> {
  static override type = FIRST_STEP;
  static override props = firstStepProps;
  static override migrations = firstStepMigrations;

  getDefaultProps(): FirstStepShape['props'] {
    return { w: 240, h: 140, what: '', who: '' };
  }

  override canEdit() {
    return true;
  }

  component(shape: FirstStepShape) {
    return <FirstStepCard shape={shape} />;
  }

  override toSvg(shape: FirstStepShape) {
    const { w, h, what, who } = shape.props;
    return (
      <g>
        <rect width={w} height={h} rx={12} fill="#e8f5e9" stroke="#2e7d32" strokeWidth={2} />
        <SvgText
          text={`➜ ${translate(useLocale.getState().locale, 'shape.first.label').toUpperCase()}`}
          x={12}
          y={10}
          width={w - 24}
          fontSize={13}
          weight={700}
          fill="#1b5e20"
        />
        <SvgText text={what} x={12} y={32} width={w - 24} fontSize={16} />
        {who ? <SvgText text={who} x={12} y={h - 28} width={w - 24} fontSize={13} fill="#5b6775" /> : null}
      </g>
    );
  }

  getIndicatorPath(shape: FirstStepShape) {
    return roundedRectPath(shape.props.w, shape.props.h, 12);
  }
}
