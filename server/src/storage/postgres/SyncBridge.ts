/**
 * Makes asynchronous calls synchronous: the call goes to a worker thread, and this thread waits
 * (Atomics.wait) until the worker has answered. The server's Storage is synchronous on purpose
 * (an update is durable when the call returns, and only then relayed; SQLite works that way), and
 * this keeps that contract for a networked database without making every caller asynchronous.
 * The wait blocks the event loop as a SQLite commit does; calls are few (one per tick of updates).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export class StorageUnavailable extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'StorageUnavailable';
    this.code = code;
  }
}

export class SyncBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;

  constructor(workerUrl: URL, data: Record<string, unknown>, timeoutMs = 30_000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1 as unknown as MessagePort;
    this.timeoutMs = timeoutMs;
    this.worker = new Worker(workerUrl, {
      workerData: { ...data, port: port2, signal: this.signal },
      transferList: [port2],
    });
    // The worker never keeps the process alive on its own.
    this.worker.unref();
  }

  call<T>(op: string, ...args: unknown[]): T {
    const id = ++this.lastId;
    Atomics.store(this.signal, 0, 0);
    (this.port as unknown as { postMessage(m: unknown): void }).postMessage({ id, op, args });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === 'timed-out')
        throw new StorageUnavailable(`the database did not answer ${op} within ${this.timeoutMs / 1000} s`);
      Atomics.store(this.signal, 0, 0);
      // Answers to calls that timed out earlier may still arrive: they are dropped.
      for (
        let m = receiveMessageOnPort(this.port as never);
        m;
        m = receiveMessageOnPort(this.port as never)
      ) {
        const answer = m.message as { id: number } & (
          | { ok: true; value: T }
          | { ok: false; message: string; code?: string }
        );
        if (answer.id !== id) continue;
        if (!answer.ok) throw new StorageUnavailable(answer.message, answer.code);
        return answer.value;
      }
    }
  }
  private lastId = 0;

  close(): void {
    void this.worker.terminate();
  }
}
