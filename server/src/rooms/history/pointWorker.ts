/**
 * The point worker (PointReader.ts): reads restore points on its own thread, so decoding and
 * migrating a whole map for a preview or a restore never runs on the server's event loop. Answers
 * on the port (the protocol of WorkerBridge). The preview's records go back as JSON text, which
 * the server sends as it is.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import { changesToRestore, pointRecords, type Rules } from './pointRecords.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

const rules: Rules = {
  schema: createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>,
  textFields: TEXT_FIELDS,
};

port.on('message', ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  try {
    if (op === 'recordsJson') {
      const records = pointRecords(args[0] as Uint8Array, rules);
      port.postMessage({ id, ok: true, value: records && JSON.stringify(records) });
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
