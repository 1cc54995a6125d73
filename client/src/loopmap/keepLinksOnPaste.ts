/**
 * Copy and paste keep a bubble's and a first step's link to their step. tldraw gives pasted
 * shapes new ids and remaps its own bindings, but not ids inside our props (`targetStepId`,
 * `stepId`). So we give the ids ourselves, remap the links with them, and let tldraw paste with
 * those ids. A link to a step that is neither pasted along nor on this map is cleared: the server
 * refuses a link to nothing.
 */
import { BEHAVIOUR, FIRST_STEP } from '@patroonkaart/schema';
import { createBindingId, createShapeId, type Editor, type TLContent, type TLShapeId } from 'tldraw';

const LINK_FIELD: Record<string, 'targetStepId' | 'stepId'> = {
  [BEHAVIOUR]: 'targetStepId',
  [FIRST_STEP]: 'stepId',
};

export function withFreshIds(editor: Editor, content: TLContent): TLContent {
  const shapeIds = new Map<string, TLShapeId>(content.shapes.map((s) => [s.id, createShapeId()]));
  const linkTo = (id: string) => {
    if (!id) return '';
    const pasted = shapeIds.get(id);
    if (pasted) return pasted;
    return editor.getShape(id as TLShapeId) ? id : '';
  };
  return {
    ...content,
    rootShapeIds: content.rootShapeIds.map((id) => shapeIds.get(id) ?? id),
    shapes: content.shapes.map((s) => {
      const field = LINK_FIELD[s.type];
      const props = s.props as Record<string, unknown>;
      return {
        ...s,
        id: shapeIds.get(s.id)!,
        parentId: (shapeIds.get(s.parentId) ?? s.parentId) as typeof s.parentId,
        props: field ? { ...props, [field]: linkTo(String(props[field] ?? '')) } : props,
      } as typeof s;
    }),
    bindings: content.bindings?.map((b) => ({
      ...b,
      id: createBindingId(),
      fromId: shapeIds.get(b.fromId) ?? b.fromId,
      toId: shapeIds.get(b.toId) ?? b.toId,
    })),
  };
}

/** Installs the remapping on `editor`'s paste; returns the function that removes it. */
export function keepLinksOnPaste(editor: Editor): () => void {
  const original = editor.putContentOntoCurrentPage.bind(editor);
  const patched: typeof editor.putContentOntoCurrentPage = (content, options = {}) =>
    options.preserveIds
      ? original(content, options)
      : original(withFreshIds(editor, content), { ...options, preserveIds: true });
  editor.putContentOntoCurrentPage = patched;
  return () => {
    editor.putContentOntoCurrentPage = original;
  };
}
