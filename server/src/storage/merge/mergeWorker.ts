/**
 * The merge worker (StateMerger.ts): merges a room's stored snapshot and updates into one state
 * on its own thread, so the work that grows with the map never runs on the server's event loop.
 * Answers on the port (the protocol of WorkerBridge).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { mergeState } from './mergeState.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

port.on('message', ({ id, args }: { id: number; op: string; args: [Uint8Array | null, Uint8Array[]] }) => {
  try {
    const state = mergeState(args[0], args[1]);
    port.postMessage({ id, ok: true, value: state }, [state.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id, ok: false, message: String((error as Error).message ?? error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
