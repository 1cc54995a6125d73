/**
 * A card whose content no longer fits grows by what it lacks, so a text never runs out of its
 * card (nor over a first step's "wie" line), on screen and in every picture drawn from its height.
 * Only the screen where someone is typing in it writes the new height: one writer, not twenty.
 * Growing by the missing part converges: once everything fits there is nothing left to add.
 */

import type { BehaviourShape, FirstStepShape } from '@patroonkaart/schema';
import { type RefObject, useLayoutEffect } from 'react';
import { useEditor, useIsEditing } from 'tldraw';

export function useGrowToFit<S extends FirstStepShape | BehaviourShape>(
  ref: RefObject<HTMLElement | null>,
  shape: S,
): void {
  const editor = useEditor();
  const isEditing = useIsEditing(shape.id);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!isEditing || !el) return;
    const missing = el.scrollHeight - el.clientHeight;
    if (missing > 1)
      editor.updateShape({
        id: shape.id,
        type: shape.type,
        props: { h: Math.ceil(shape.props.h + missing) },
      });
  });
}
