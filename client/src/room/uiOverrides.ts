/** tldraw UI overrides: undo/redo go through the binding's per-user undo manager. */
import { useMemo } from 'react';
import type { TLUiOverrides } from 'tldraw';
import type { RoomConnection } from '../sync/RoomConnection.ts';

export function useRoomUiOverrides(connection: RoomConnection): TLUiOverrides {
  return useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions) {
        const undo = actions.undo;
        const redo = actions.redo;
        if (undo) undo.onSelect = () => connection.binding?.undo();
        if (redo) redo.onSelect = () => connection.binding?.redo();
        return actions;
      },
    }),
    [connection],
  );
}
