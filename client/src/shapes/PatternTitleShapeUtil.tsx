/** The loop's name, in its middle. */
import {
  PATTERN_TITLE,
  type PatternTitleShape,
  patternTitleMigrations,
  patternTitleProps,
  TITLE_SIZE,
} from '@patroonkaart/schema';
import { BaseBoxShapeUtil, HTMLContainer, useEditor } from 'tldraw';
import { translate, useLocale } from '../i18n/i18n.ts';
import { EditableText } from './EditableText.tsx';
import { roundedRectPath } from './paths.ts';
import { SvgText } from './svgText.tsx';

function PatternTitle({ shape }: { shape: PatternTitleShape }) {
  const editor = useEditor();
  const locale = useLocale((s) => s.locale);
  return (
    <HTMLContainer
      className="pk-title"
      data-shape-type={PATTERN_TITLE}
      style={{ width: shape.props.w, height: shape.props.h }}
    >
      <EditableText
        shapeId={shape.id}
        field="props.text"
        value={shape.props.text}
        placeholder={translate(locale, 'shape.title.placeholder')}
        ariaLabel={translate(locale, 'shape.title.label')}
        autoFocus
        onChange={(text) => editor.updateShape({ id: shape.id, type: PATTERN_TITLE, props: { text } })}
        onMeasure={(needed) => {
          const h = Math.max(TITLE_SIZE.h, Math.ceil(needed + 16));
          if (Math.abs(h - shape.props.h) > 1)
            editor.updateShape({ id: shape.id, type: PATTERN_TITLE, props: { h } });
        }}
      />
    </HTMLContainer>
  );
}

export class PatternTitleShapeUtil extends BaseBoxShapeUtil<PatternTitleShape> {
  static override type = PATTERN_TITLE;
  static override props = patternTitleProps;
  static override migrations = patternTitleMigrations;

  getDefaultProps(): PatternTitleShape['props'] {
    return { ...TITLE_SIZE, text: '' };
  }

  override canEdit() {
    return true;
  }

  component(shape: PatternTitleShape) {
    return <PatternTitle shape={shape} />;
  }

  override toSvg(shape: PatternTitleShape) {
    const { w, h, text } = shape.props;
    return (
      <SvgText
        text={text}
        x={w / 2}
        y={Math.max(0, h / 2 - 16)}
        width={w}
        fontSize={24}
        weight={700}
        fill="#1f5f8b"
        anchor="middle"
      />
    );
  }

  getIndicatorPath(shape: PatternTitleShape) {
    return roundedRectPath(shape.props.w, shape.props.h, 8);
  }
}
