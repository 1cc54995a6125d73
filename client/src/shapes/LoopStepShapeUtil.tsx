/** A loop step: a card with a text that wraps and grows, and an optional organisation label. */
import {
  LOOP_STEP,
  type LoopStepShape,
  loopStepMigrations,
  loopStepProps,
  STEP_SIZE,
} from '@patroonkaart/schema';
import { BaseBoxShapeUtil, HTMLContainer, useEditor } from 'tldraw';
import { translate, useLocale } from '../i18n/i18n.ts';
import { colourForOrganisation } from '../state/localUser.ts';
import { useLoopStore } from '../state/loopStore.ts';
import { EditableText } from './EditableText.tsx';
import { roundedRectPath } from './paths.ts';
import { StepVoteBadges } from './StepVoteBadges.tsx';
import { SvgText } from './svgText.tsx';

function LoopStepCard({ shape }: { shape: LoopStepShape }) {
  const editor = useEditor();
  const locale = useLocale((s) => s.locale);
  // Loop membership is computed on each screen, never stored: see loopmap/loopStore.ts.
  const inNoLoop = useLoopStore((s) => s.inNoLoop.has(shape.id));
  const highlighted = useLoopStore((s) => s.highlighted.has(shape.id));
  // Its name for a screen reader: its text and its place in the loop.
  // (A string, not an object: a selector must return the same value while nothing changed.)
  const place = useLoopStore((s) => {
    const loop = s.loops.find((l) => l.steps.includes(shape.id));
    return loop ? `${loop.steps.indexOf(shape.id) + 1}/${loop.steps.length}` : '';
  });
  const [n, total] = place ? place.split('/') : [];
  const label =
    n !== undefined && total !== undefined
      ? translate(locale, 'shape.step.a11y', { n, total, text: shape.props.text })
      : translate(locale, 'shape.step.a11yOpen', { text: shape.props.text });
  return (
    <HTMLContainer
      className={`pk-card pk-step${inNoLoop ? ' pk-step--open' : ''}${highlighted ? ' pk-step--highlight' : ''}`}
      data-shape-type={LOOP_STEP}
      role="group"
      aria-label={label}
      style={{ width: shape.props.w, height: shape.props.h }}
    >
      {shape.props.organisation ? (
        <div
          className="pk-org"
          style={{
            background: colourForOrganisation({
              id: shape.props.organisation,
              organisation: shape.props.organisation,
            }),
          }}
        >
          {shape.props.organisation}
        </div>
      ) : null}
      <EditableText
        shapeId={shape.id}
        field="props.text"
        value={shape.props.text}
        placeholder={translate(locale, 'shape.step.placeholder')}
        ariaLabel={translate(locale, 'shape.step.label')}
        autoFocus
        onChange={(text) => editor.updateShape({ id: shape.id, type: LOOP_STEP, props: { text } })}
        onMeasure={(needed) => {
          const h = Math.max(STEP_SIZE.h, Math.ceil(needed + (shape.props.organisation ? 44 : 24)));
          if (Math.abs(h - shape.props.h) > 1)
            editor.updateShape({ id: shape.id, type: LOOP_STEP, props: { h } });
        }}
      />
      <StepVoteBadges stepId={shape.id} />
      {inNoLoop ? (
        <div className="pk-badge" title={translate(locale, 'shape.step.notInLoop')}>
          {translate(locale, 'shape.step.notInLoopShort')}
        </div>
      ) : null}
    </HTMLContainer>
  );
}

export class LoopStepShapeUtil extends BaseBoxShapeUtil<LoopStepShape> {
  static override type = LOOP_STEP;
  static override props = loopStepProps;
  static override migrations = loopStepMigrations;

  getDefaultProps(): LoopStepShape['props'] {
    return { ...STEP_SIZE, text: '', organisation: '' };
  }

  override canEdit() {
    return true;
  }

  component(shape: LoopStepShape) {
    return <LoopStepCard shape={shape} />;
  }

  override toSvg(shape: LoopStepShape) {
    const { w, h, text, organisation } = shape.props;
    return (
      <g>
        <rect width={w} height={h} rx={12} fill="#fffdf6" stroke="#3d4a57" strokeWidth={2} />
        {organisation ? (
          <SvgText
            text={organisation.toUpperCase()}
            x={12}
            y={10}
            width={w - 24}
            fontSize={12}
            weight={600}
            fill="#1f5f8b"
          />
        ) : null}
        <SvgText text={text} x={12} y={organisation ? 30 : 12} width={w - 24} fontSize={16} />
      </g>
    );
  }

  getIndicatorPath(shape: LoopStepShape) {
    return roundedRectPath(shape.props.w, shape.props.h, 12);
  }
}
