/**
 * The merge worker (StateMerger.ts): merges a room's stored snapshot and updates into one state
 * on its own thread, so the work that grows with the map never runs on the server's event loop,
 * and frames it as the sync step 2 a newcomer is sent, so that copy is not made there either.
 * Given SQLite's file, it also reads the room itself (`loadMerged`, on a read-only connection of
 * its own), so the stored bytes never pass through the event loop at all. The state moves back
 * (a transfer), inside its message. Answers on the port (the protocol of WorkerBridge).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { DocReader, readOnlyConnection } from '../DocReader.ts';
import { runInBackground } from '../threadPriority.ts';
import { mergedAnswer } from './mergeState.ts';

const { port, signal, file } = workerData as { port: MessagePort; signal: Int32Array; file?: string };
runInBackground();

let reader: DocReader | null = null;

function readerOf(path: string): DocReader {
  if (reader) return reader;
  reader = new DocReader(readOnlyConnection(path));
  return reader;
}

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  try {
    if (op === 'merge') {
      const [snapshot, updates] = args as [Uint8Array | null, Uint8Array[]];
      const value = mergedAnswer(snapshot, updates);
      port.postMessage({ id, ok: true, value }, [value.syncStep2.buffer as ArrayBuffer]);
    } else if (op === 'loadMerged' && file) {
      const doc = readerOf(file).read(String(args[0]));
      const answer = mergedAnswer(doc.snapshot, doc.updates);
      const value = {
        ...answer,
        lastSeq: doc.lastSeq,
        byteSize: doc.byteSize,
        logLength: doc.updates.length,
      };
      port.postMessage({ id, ok: true, value }, [answer.syncStep2.buffer as ArrayBuffer]);
    } else {
      throw new Error(`no such merge call: ${op}`);
    }
  } catch (error) {
    port.postMessage({ id, ok: false, message: String((error as Error).message ?? error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
