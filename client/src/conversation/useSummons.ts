/**
 * "Breng iedereen hierheen": the facilitator's presence carries a `summon` (the server relays it
 * from the facilitator only); every other screen then follows the facilitator's view, until its
 * partner moves (tldraw stops following on the partner's own pan or zoom).
 */
import { useEffect, useRef } from 'react';
import type { Editor, TLUserId } from 'tldraw';
import type { RoomConnection } from '../sync/RoomConnection.ts';

export function useSummons(
  editor: Editor,
  connection: RoomConnection,
  onSummoned: (name: string) => void,
): void {
  const seen = useRef(new Map<number, number>());
  useEffect(() => {
    const awareness = connection.provider.awareness;
    const check = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const summon = (state as { summon?: { at?: unknown; userId?: unknown } }).summon;
        const at = typeof summon?.at === 'number' ? summon.at : 0;
        const last = seen.current.get(clientId);
        seen.current.set(clientId, at);
        // The first sight of a screen is history (a summon from before I came is not a call).
        if (last === undefined || at === 0 || at === last || typeof summon?.userId !== 'string') continue;
        editor.startFollowingUser(summon.userId as TLUserId);
        const name = (state as { user?: { name?: unknown } }).user?.name;
        onSummoned(typeof name === 'string' ? name : '');
      }
    };
    check();
    awareness.on('change', check);
    return () => awareness.off('change', check);
  }, [editor, connection, onSummoned]);
}
