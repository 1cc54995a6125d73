/**
 * Merges a room's stored snapshot and updates into one state off the event loop (a worker thread,
 * mergeWorker.ts): for a compaction, and for a newcomer with nothing to a big room. A 2 MB map takes
 * tens of milliseconds to encode and a 16 MB one hundreds, which would otherwise stop every room of
 * the process.
 */
import { WorkerBridge } from '../WorkerBridge.ts';

export class StateMerger {
  private bridge: WorkerBridge | null = null;

  /** The merged state; rejects with a plain error when the worker fails or does not answer in time. */
  merge(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
    this.bridge ??= new WorkerBridge(new URL('./mergeWorker.ts', import.meta.url), {}, 60_000);
    return this.bridge.request<Uint8Array>('merge', snapshot, updates);
  }

  close(): void {
    this.bridge?.close();
    this.bridge = null;
  }
}
