/**
 * The merge worker (StateMerger.ts): merges a room's stored snapshot and updates into one state
 * on its own thread, so the work that grows with the map never runs on the server's event loop,
 * and frames it as the sync step 2 a newcomer is sent, so that copy is not made there either.
 * The state moves back (a transfer), inside its message. Answers on the port (the protocol of
 * WorkerBridge).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { encodeSyncStep2 } from '../../sync/messages.ts';
import { mergeState } from './mergeState.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

port.on('message', ({ id, args }: { id: number; op: string; args: [Uint8Array | null, Uint8Array[]] }) => {
  try {
    const [snapshot, updates] = args;
    const state = snapshot && updates.length === 0 ? snapshot : mergeState(snapshot, updates);
    const syncStep2 = encodeSyncStep2(state);
    const value = { syncStep2, stateAt: syncStep2.byteLength - state.byteLength };
    port.postMessage({ id, ok: true, value }, [syncStep2.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id, ok: false, message: String((error as Error).message ?? error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
