/**
 * A room's whole state as storage holds it, merged off the event loop (storage/merge): what a
 * compaction writes back in place of the log, and what a newcomer with nothing to a big room is
 * sent. A caller that may take a read already under way (a compaction) says so; a newcomer's
 * must begin now, after everything it was shown is stored.
 */
import type { StateMerger } from '../../storage/merge/StateMerger.ts';
import type { Storage } from '../../storage/Storage.ts';

export interface StoredState {
  /** The merged state (Y.encodeStateAsUpdate of snapshot plus log). */
  state: Uint8Array;
  /** The same, framed as the sync step 2 a newcomer with nothing is sent. */
  syncStep2: Uint8Array;
  /** Its state vector: what changed since is the document's update from it. */
  stateVector: Uint8Array;
  /** The last stored update it holds. */
  lastSeq: number;
  /** Bytes storage held for it: the snapshot and the log it merged. */
  storedBytes: number;
  /** Updates of the log merged into it (0: the snapshot was the whole state). */
  logLength: number;
}

export class StoredStates {
  private readonly storage: Pick<Storage, 'loadDoc' | 'loadMerged'>;
  private readonly merger: Pick<StateMerger, 'merge'>;
  private readonly reading = new Map<string, Promise<StoredState>>();

  constructor(storage: Pick<Storage, 'loadDoc' | 'loadMerged'>, merger: Pick<StateMerger, 'merge'>) {
    this.storage = storage;
    this.merger = merger;
  }

  /** The room's stored state: read now, or (`shared`) the read of it under way, if any. */
  read(roomId: string, shared = false): Promise<StoredState> {
    const under = this.reading.get(roomId);
    if (under && shared) return under;
    const state = this.merge(roomId);
    this.reading.set(roomId, state);
    const done = () => {
      if (this.reading.get(roomId) === state) this.reading.delete(roomId);
    };
    state.then(done, done);
    return state;
  }

  /**
   * For a compaction: the read under way, if any (`own: false`: a newcomer's answer is framed in
   * the same buffer), else one of its own (`own: true`), whose bytes nobody else holds: the
   * compaction may give them to storage whole. A newcomer never takes up a read under way.
   */
  async readOrJoin(roomId: string): Promise<{ stored: StoredState; own: boolean }> {
    const under = this.reading.get(roomId);
    if (under) return { stored: await under, own: false };
    return { stored: await this.read(roomId), own: true };
  }

  /** The room's stored state, read now for this caller alone (a compaction does not take it up). */
  readAlone(roomId: string): Promise<StoredState> {
    return this.merge(roomId);
  }

  private async merge(roomId: string): Promise<StoredState> {
    // SQLite's merge worker reads the room itself: not even the stored bytes come through here.
    if (this.storage.loadMerged) {
      const { syncStep2, stateAt, stateVector, lastSeq, byteSize, logLength } =
        await this.storage.loadMerged(roomId);
      return {
        state: syncStep2.subarray(stateAt),
        syncStep2,
        stateVector,
        lastSeq,
        storedBytes: byteSize,
        logLength,
      };
    }
    const stored = await this.storage.loadDoc(roomId);
    // Framed on the worker too when there is nothing to merge: no copy of a big map on this thread.
    const { state, syncStep2, stateVector } = await this.merger.merge(stored.snapshot, stored.updates);
    return {
      state,
      syncStep2,
      stateVector,
      lastSeq: stored.lastSeq,
      storedBytes: stored.byteSize,
      logLength: stored.updates.length,
    };
  }
}
