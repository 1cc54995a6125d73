/**
 * Whether this screen may change the map: not a viewer, not on an outdated schema, and not a
 * partner once the conversation ended with the map closed (the server refuses those writes too:
 * checkPermissions). One rule, so the canvas, the palette and the list view never disagree.
 */
import { mapClosed } from '@patroonkaart/model';
import type { Role } from '@patroonkaart/protocol';
import { useConversationStore } from './conversationStore.ts';
import { useRoomStore } from './roomStore.ts';

/** The rule itself: `closed` is the conversation's end with the map closed (model, mapClosed). */
export function canEditMap(role: Role | null, schemaOutdated: boolean, closed: boolean): boolean {
  return role !== null && role !== 'view' && !schemaOutdated && !(closed && role !== 'facilitator');
}

export function useCanEditMap(): boolean {
  const role = useRoomStore((s) => s.role);
  const schemaOutdated = useRoomStore((s) => s.schemaOutdated);
  const closed = useConversationStore((s) => mapClosed(s.conversation));
  return canEditMap(role, schemaOutdated, closed);
}
