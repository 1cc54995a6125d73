/**
 * The bridge's worker thread: runs PgStore's asynchronous calls and answers each on the port,
 * then wakes the waiting server thread (../WorkerBridge.ts).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { docBuffers } from '../DocReader.ts';
import type { StoredDoc } from '../Storage.ts';
import { PgStore } from './PgStore.ts';

const { port, signal, url } = workerData as { port: MessagePort; signal: Int32Array; url: string };
const store = new PgStore(url);

port.on('message', async ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
  let answer: { id: number } & ({ ok: true; value: unknown } | { ok: false; message: string; code?: string });
  try {
    const method = (store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[op];
    if (typeof method !== 'function') throw new Error(`no such storage call: ${op}`);
    answer = { id, ok: true, value: await method.apply(store, args) };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    answer = { id, ok: false, message: String(e.message ?? error), code: e.code };
  }
  // A room's document moves to the server thread rather than being copied there (a big map's copy
  // would stop its event loop).
  port.postMessage(answer, answer.ok && op === 'loadDoc' ? docBuffers(answer.value as StoredDoc) : []);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
