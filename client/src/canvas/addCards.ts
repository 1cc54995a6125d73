/**
 * Adding a card to the map: a step on the loop's ring, a behaviour's bubble or a first step beside
 * its own step (linked to the selected step). Each new card is brought into view and opened for
 * typing. Used by the palette and the list view.
 */
import { customBehaviour, getBehaviour, onRing } from '@patroonkaart/model';
import { BEHAVIOUR, BUBBLE_SIZE, FIRST_STEP, LOOP_STEP, STEP_SIZE } from '@patroonkaart/schema';
import { createShapeId, type Editor, type TLShapeId } from 'tldraw';
import { setLinkedStep } from './links.ts';
import {
  besideStepOrCentre,
  bringIntoView,
  cardBoxes,
  currentRing,
  startEditing,
  viewportCentre,
} from './placement.ts';

const FIRST_STEP_SIZE = { w: 240, h: 140 };

export function addStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const at = onRing(currentRing(editor), STEP_SIZE, cardBoxes(editor), viewportCentre(editor));
  editor.createShape({ id, type: LOOP_STEP, ...at });
  bringIntoView(editor, id);
  startEditing(editor, id);
  return id;
}

export function addBehaviour(editor: Editor, kind: string, customName?: string): TLShapeId {
  const behaviour = getBehaviour(kind) ?? customBehaviour(customName ?? kind);
  const id = createShapeId();
  const { position, stepId } = besideStepOrCentre(editor, BUBBLE_SIZE, 'left');
  editor.run(() => {
    editor.createShape({
      id,
      type: BEHAVIOUR,
      ...position,
      props: { kind: behaviour.kind, name: behaviour.name, utterance: behaviour.utterance },
    });
    setLinkedStep(editor, id, stepId || null);
  });
  bringIntoView(editor, id);
  // As with a step: the caret goes into the new bubble, so what is typed next lands there and
  // never presses the palette button again or switches tldraw's tools.
  startEditing(editor, id);
  return id;
}

export function addFirstStep(editor: Editor): TLShapeId {
  const id = createShapeId();
  const { position, stepId } = besideStepOrCentre(editor, FIRST_STEP_SIZE, 'right');
  editor.run(() => {
    editor.createShape({ id, type: FIRST_STEP, ...position });
    setLinkedStep(editor, id, stepId || null);
  });
  bringIntoView(editor, id);
  startEditing(editor, id);
  return id;
}
