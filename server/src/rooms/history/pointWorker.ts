/**
 * The point worker (PointReader.ts): reads restore points on its own thread, so decoding and
 * migrating a whole map for a preview or a restore never runs on the server's event loop. Answers
 * on the port (the protocol of WorkerBridge). The preview's records go back as JSON in UTF-8
 * bytes, moved rather than copied, which the server sends as they are: a map's JSON is megabytes,
 * and turning that text into bytes on the event loop would stall every room of the process.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import { runInBackground } from '../../storage/threadPriority.ts';
import { changesToRestore, pointRecords, type Rules } from './pointRecords.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
runInBackground();
const utf8 = new TextEncoder();

const rules: Rules = {
  schema: createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>,
  textFields: TEXT_FIELDS,
};

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  try {
    if (op === 'recordsJson') {
      const records = pointRecords(args[0] as Uint8Array, rules);
      const bytes = records && utf8.encode(JSON.stringify(records));
      port.postMessage({ id, ok: true, value: bytes }, bytes ? [bytes.buffer] : []);
    } else if (op === 'changesToRestore') {
      const [point, current] = args as [Uint8Array, Uint8Array];
      port.postMessage({ id, ok: true, value: changesToRestore(point, current, rules) });
    } else {
      throw new Error(`no such point call: ${op}`);
    }
  } catch (error) {
    port.postMessage({ id, ok: false, message: String((error as Error).message ?? error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
