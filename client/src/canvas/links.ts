/**
 * Reading and setting a card's link to its step on the canvas. A link is a binding from the card
 * (a speech bubble or a first step) to a loop step; a card has at most one, and when two partners
 * linked it at once the binding with the smallest id counts, as in packages/schema (linkedSteps).
 */
import { LINK_TYPE_OF } from '@patroonkaart/schema';
import { createBindingId, type Editor, type TLShapeId } from 'tldraw';

/** The step a card is linked to, or null. Reactive when read inside a tldraw computed. */
export function linkedStepId(editor: Editor, cardId: string): TLShapeId | null {
  const card = editor.getShape(cardId as TLShapeId);
  const type = card ? LINK_TYPE_OF[card.type] : undefined;
  if (!card || !type) return null;
  const [first] = [...editor.getBindingsFromShape(card.id, type)].sort((a, b) => (a.id < b.id ? -1 : 1));
  return first?.toId ?? null;
}

/** Links a card to a step (or unlinks it, with null), replacing whatever link it had. */
export function setLinkedStep(editor: Editor, cardId: string, stepId: string | null): void {
  const card = editor.getShape(cardId as TLShapeId);
  const type = card ? LINK_TYPE_OF[card.type] : undefined;
  if (!card || !type) return;
  const links = editor.getBindingsFromShape(card.id, type);
  const [only] = links;
  if (links.length === 1 && only?.toId === stepId) return;
  editor.run(() => {
    if (links.length) editor.deleteBindings(links);
    if (stepId && editor.getShape(stepId as TLShapeId))
      editor.createBinding({
        id: createBindingId(),
        type,
        fromId: card.id,
        toId: stepId as TLShapeId,
        props: {},
      });
  });
}
