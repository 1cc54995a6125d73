/** App state outside the canvas: connection, role, problems to explain. One zustand store. */
import type { Role } from '@patroonkaart/protocol';
import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface RoomState {
  status: ConnectionStatus;
  /** The document has been received from the server at least once in this page. */
  synced: boolean;
  /** A local copy (IndexedDB) was loaded, so the canvas can show before the server answers. */
  localLoaded: boolean;
  /** The store is bound to the document: the canvas can be shown. */
  ready: boolean;
  pendingChanges: number;
  role: Role | null;
  /** A permanent problem: the close code's message, shown instead of reconnecting. */
  fatalCloseCode: number | null;
  /** The last close code from which we reconnect (shown briefly). */
  transientCloseCode: number | null;
  invalidRecords: number;
  schemaOutdated: boolean;
  /** This page load dropped a local copy the server kept refusing (see RoomConnection). */
  localCopyReset: boolean;
  patch(partial: Partial<RoomState>): void;
  reset(): void;
}

const initial = {
  status: 'connecting' as ConnectionStatus,
  synced: false,
  localLoaded: false,
  ready: false,
  pendingChanges: 0,
  role: null,
  fatalCloseCode: null,
  transientCloseCode: null,
  invalidRecords: 0,
  schemaOutdated: false,
  localCopyReset: false,
};

export const useRoomStore = create<RoomState>((set) => ({
  ...initial,
  patch: (partial) => set(partial),
  reset: () => set(initial),
}));
