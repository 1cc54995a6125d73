/**
 * Under which key I vote in this room now: my author key, or while the facilitator has voting open
 * anonymously my ballot key for this room, which nobody else can tie to me (protocol, ballotKey).
 */
import { useEffect } from 'react';
import { useConversationStore } from '../state/conversationStore.ts';
import { useMe } from '../state/meStore.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import type { Voter } from './conversationActions.ts';

export function useVoter(): Voter {
  const { connection } = useRoomContext();
  const anonymous = useConversationStore((s) => s.conversation.anonymousVotes);
  const author = useMe((s) => s.author);
  const ballot = useMe((s) => s.ballots[connection.roomId]);
  useEffect(() => {
    if (anonymous) useMe.getState().deriveBallot(connection.roomId);
  }, [anonymous, connection.roomId]);
  return { key: anonymous ? (ballot ?? null) : author, anonymous };
}
