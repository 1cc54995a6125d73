/**
 * Merges a room's stored snapshot and updates into one state off the event loop (a worker thread,
 * mergeWorker.ts): for a compaction, and for a newcomer with nothing to a big room. A 2 MB map takes
 * tens of milliseconds to encode and a 16 MB one hundreds, which would otherwise stop every room of
 * the process; so would copying it, so the bytes move between the threads rather than being copied.
 */
import { wholeBuffers } from '../DocReader.ts';
import type { MergedDoc } from '../Storage.ts';
import { WorkerBridge } from '../WorkerBridge.ts';

export interface MergedState {
  /** Y.encodeStateAsUpdate of everything merged. */
  state: Uint8Array;
  /** The same state framed as a sync step 2 message (`state` is a view into it). */
  syncStep2: Uint8Array;
  /** Its state vector. */
  stateVector: Uint8Array;
}

export class StateMerger {
  private bridge: WorkerBridge | null = null;
  /** SQLite's file: the worker reads rooms itself (`loadMerged`). */
  private readonly file: string | undefined;

  constructor(file?: string) {
    this.file = file;
  }

  /**
   * The merged state; rejects with a plain error when the worker fails or does not answer in time.
   * The snapshot's and updates' bytes move to the worker: the caller must not use them after.
   */
  async merge(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<MergedState> {
    const { syncStep2, stateAt, stateVector } = await this.started().requestMoving<{
      syncStep2: Uint8Array;
      stateAt: number;
      stateVector: Uint8Array;
    }>('merge', [snapshot, updates], wholeBuffers([snapshot, ...updates]));
    return { state: syncStep2.subarray(stateAt), syncStep2, stateVector };
  }

  /** The room read and merged on the worker (SQLite's file given): nothing of it on the event loop. */
  loadMerged(roomId: string): Promise<MergedDoc> {
    if (!this.file) return Promise.reject(new Error("loadMerged needs SQLite's file"));
    return this.started().request<MergedDoc>('loadMerged', roomId);
  }

  private started(): WorkerBridge {
    this.bridge ??= new WorkerBridge(
      new URL('./mergeWorker.ts', import.meta.url),
      this.file ? { file: this.file } : {},
      60_000,
    );
    return this.bridge;
  }

  close(): void {
    this.bridge?.close();
    this.bridge = null;
  }
}
