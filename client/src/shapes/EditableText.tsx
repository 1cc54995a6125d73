/**
 * Plain text that wraps inside a card and becomes a textarea while the shape is being edited.
 * While editing it also grows the card to fit, so no text is ever cut off.
 */
import { type CSSProperties, useEffect, useLayoutEffect, useRef } from 'react';
import { type TLShapeId, useEditor, useIsEditing } from 'tldraw';

interface EditableTextProps {
  shapeId: TLShapeId;
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

  if (!isEditing) {
    return (
      <div ref={ref as React.RefObject<HTMLDivElement>} className="pk-text" style={props.style}>
        {props.value || <span className="pk-placeholder">{props.placeholder}</span>}
      </div>
    );
  }
  return (
    <textarea
      ref={ref as React.RefObject<HTMLTextAreaElement>}
      className="pk-text pk-textarea"
      style={props.style}
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props.ariaLabel}
      rows={1}
      onChange={(e) => props.onChange(e.target.value)}
      onPointerDown={(e) => editor.markEventAsHandled(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') editor.complete();
        e.stopPropagation();
      }}
    />
  );
}
