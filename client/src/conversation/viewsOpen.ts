/**
 * Whether the results view and the outcome are open on this screen: opened here, or by the
 * table's state (the facilitator's "Toon uitslag aan iedereen", the end of the conversation). Apart
 * from the views themselves, which the room loads only when one opens (room/lazyParts.tsx).
 */
import { useEffect, useState } from 'react';
import { useConversationStore } from '../state/conversationStore.ts';

/** Whether the results view is open on this screen: opened here, or shown by the facilitator. */
export function useResultsOpen(): [boolean, (open: boolean) => void] {
  const shown = useConversationStore((s) => s.conversation.resultsShown);
  const [open, setOpen] = useState(false);
  // The facilitator's "show" opens it on every screen; each screen may close it for itself.
  useEffect(() => setOpen(shown), [shown]);
  return [open, setOpen];
}

/** Whether the outcome is open on this screen: it opens by itself when the conversation ends. */
export function useOutcomeOpen(): [boolean, (open: boolean) => void] {
  const ended = useConversationStore((s) => s.conversation.ended);
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(ended), [ended]);
  return [open, setOpen];
}
