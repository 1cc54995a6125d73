/**
 * While voting is open: under each step on the map, the method's two questions for that step as
 * buttons, so a partner votes where the step is, not in a list beside the map. Drawn in front of
 * the canvas at the step's place on screen (a card keeps its paint to itself, so nothing may stick
 * out of it), following the camera.
 */
import { VOTE_QUESTIONS, type VoteQuestion } from '@patroonkaart/model';
import { LOOP_STEP } from '@patroonkaart/schema';
import { useEditor, useValue } from 'tldraw';
import { useConversationStore } from '../state/conversationStore.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { VoteButtons } from './VoteButtons.tsx';

/** The method's two questions about a step. */
const STEP_QUESTIONS: readonly VoteQuestion[] = VOTE_QUESTIONS;

/** Below this zoom the buttons would cover the map more than they help: the list view votes too. */
const MIN_ZOOM = 0.45;

export function StepVotingLayer() {
  const editor = useEditor();
  const votingOpen = useConversationStore((s) => s.conversation.votingOpen);
  const canVote = useRoomStore((s) => s.role !== null && s.role !== 'view');
  const places = useValue('step voting places', () => {
    if (!votingOpen || !canVote || editor.getZoomLevel() < MIN_ZOOM) return [];
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === LOOP_STEP)
      .flatMap((s) => {
        const bounds = editor.getShapePageBounds(s);
        if (!bounds) return [];
        const at = editor.pageToViewport({ x: bounds.minX, y: bounds.maxY });
        const text = String((s.props as { text?: string }).text ?? '');
        // Sized with the map, like a part of the card, but never too small to read and press.
        const scale = Math.min(1.2, Math.max(0.7, editor.getZoomLevel()));
        const w = (bounds.w * editor.getZoomLevel()) / scale;
        return [{ id: s.id as string, x: at.x, y: at.y, w, scale, text }];
      });
  }, [editor, votingOpen, canVote]);
  if (places.length === 0) return null;
  return (
    <div className="pk-step-voting-layer" data-testid="step-voting-layer">
      {places.map((p) => (
        <div
          key={p.id}
          className="pk-step-voting"
          data-testid="step-voting"
          data-step={p.id}
          style={{ left: p.x, top: p.y + 4, width: p.w, transform: `scale(${p.scale})` }}
        >
          {STEP_QUESTIONS.map((question) => (
            <VoteButtons
              key={question}
              question={question}
              compact
              subject={p.id}
              label={p.text.length > 60 ? `${p.text.slice(0, 58)}…` : p.text || '…'}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
