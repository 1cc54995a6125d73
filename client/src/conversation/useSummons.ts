/**
 * "Breng iedereen hierheen": the facilitator's presence carries a `summon` (the server relays it
 * from the facilitator only); every other screen then follows the facilitator's view, until its
 * partner moves (tldraw stops following on the partner's own pan or zoom).
 */
import { MAX_NAME_CHARS } from '@patroonkaart/model';
import { readPresence } from '@patroonkaart/protocol';
import { useEffect, useRef } from 'react';
import type { Editor, TLUserId } from 'tldraw';
import { useRoomContext } from '../sync/roomContext.ts';

export function useSummons(editor: Editor, onSummoned: (name: string) => void): void {
  const { connection } = useRoomContext();
  const seen = useRef(new Map<number, number>());
  useEffect(() => {
    const awareness = connection.provider.awareness;
    const check = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const presence = readPresence(state);
        const summon = presence?.summon;
        const at = summon?.at ?? 0;
        const last = seen.current.get(clientId);
        seen.current.set(clientId, at);
        // The first sight of a screen is history (a summon from before I came is not a call).
        if (last === undefined || !summon || at === last) continue;
        editor.startFollowingUser(summon.userId as TLUserId);
        onSummoned(presence.user.name.slice(0, MAX_NAME_CHARS));
      }
    };
    check();
    awareness.on('change', check);
    return () => awareness.off('change', check);
  }, [editor, connection, onSummoned]);
}
