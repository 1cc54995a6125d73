/**
 * Plain text that wraps inside a card and becomes a textarea while the shape is being edited.
 * While editing it also grows the card to fit, so no text is ever cut off. The text is shared
 * character by character (sharedText.ts): others typing in it at the same time show as a caret
 * and an outline in their colour, and never move my caret.
 */
import { type CSSProperties, useEffect, useLayoutEffect, useRef } from 'react';
import { type TLShapeId, useEditor, useIsEditing } from 'tldraw';
import { type Typist, useSharedText } from './sharedText.ts';

interface EditableTextProps {
  shapeId: TLShapeId;
  /** The record field this text is ('props.text', 'props.utterance', …). */
  field: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  /** Called with the height the text needs, while editing. */
  onMeasure?(height: number): void;
  style?: CSSProperties;
  /** Which of several texts in the card gets the cursor when editing starts. */
  autoFocus?: boolean;
  ariaLabel: string;
}

export function EditableText(props: EditableTextProps) {
  const editor = useEditor();
  const isEditing = useIsEditing(props.shapeId);
  const ref = useRef<HTMLTextAreaElement | HTMLDivElement | null>(null);
  const shared = useSharedText(props.shapeId, props.field, props.value, ref);
  const { stopped } = shared;
  useEffect(() => {
    if (isEditing) return;
    stopped();
  }, [isEditing, stopped]);

  // tldraw keeps focus on its container when editing starts; hand it to the text, all selected.
  useEffect(() => {
    if (!isEditing || !props.autoFocus) return;
    const frame = requestAnimationFrame(() => {
      const el = ref.current;
      if (el instanceof HTMLTextAreaElement) {
        el.focus();
        el.select();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [isEditing, props.autoFocus]);

  useLayoutEffect(() => {
    if (!isEditing || !ref.current || !props.onMeasure) return;
    props.onMeasure(ref.current.scrollHeight);
  });

  const outline = shared.typists[0]?.colour;
  return (
    <div
      className="pk-shared-text"
      data-typists={shared.typists.map((t) => t.name).join(', ') || undefined}
      style={outline ? { boxShadow: `0 0 0 2px ${outline}` } : undefined}
    >
      {isEditing ? (
        <textarea
          ref={ref as React.RefObject<HTMLTextAreaElement>}
          className="pk-text pk-textarea"
          style={props.style}
          value={props.value}
          placeholder={props.placeholder}
          aria-label={props.ariaLabel}
          rows={1}
          onChange={(e) => {
            props.onChange(e.target.value);
            shared.typed(e.target.value);
          }}
          onSelect={shared.capture}
          onKeyUp={shared.capture}
          onMouseUp={shared.capture}
          onFocus={shared.capture}
          onBlur={shared.stopped}
          onPointerDown={(e) => editor.markEventAsHandled(e)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') editor.complete();
            e.stopPropagation();
          }}
        />
      ) : (
        <div ref={ref as React.RefObject<HTMLDivElement>} className="pk-text" style={props.style}>
          {props.value || <span className="pk-placeholder">{props.placeholder}</span>}
        </div>
      )}
      {shared.typists.length > 0 ? (
        <TheirCarets value={props.value} typists={shared.typists} style={props.style} />
      ) : null}
    </div>
  );
}

/**
 * Where the others type: the same text laid over this one, invisible, with a caret in each
 * typist's colour at their place (so it wraps exactly as the text does).
 */
function TheirCarets({ value, typists, style }: { value: string; typists: Typist[]; style?: CSSProperties }) {
  const placed = typists
    .filter((t) => t.index >= 0 && t.index <= value.length)
    .sort((a, b) => a.index - b.index);
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const t of placed) {
    parts.push(value.slice(from, t.index));
    parts.push(
      <span
        key={t.clientId}
        className="pk-their-caret"
        style={{ borderColor: t.colour }}
        data-testid="their-caret"
      >
        <span className="pk-their-caret__name" style={{ background: t.colour }}>
          {t.name}
        </span>
      </span>,
    );
    from = t.index;
  }
  parts.push(value.slice(from));
  return (
    <div className="pk-text pk-their-carets" style={style} aria-hidden="true">
      {parts}
    </div>
  );
}
