/**
 * Calls into a worker thread (PostgreSQL's, SQLite's writer). `request` and `send` do not block:
 * the call goes to the worker and its answer comes back as the event loop runs (a promise, or a
 * callback for the persist queue's writes). `settle` waits for every `send` where the server
 * must (a stop), and `call` blocks until the worker has answered (Atomics.wait): only for what
 * must not let the event loop go on (a room rebuilding itself, closing the store).
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export class StorageUnavailable extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'StorageUnavailable';
    this.code = code;
  }
}

type Answer<T> = { id: number } & ({ ok: true; value: T } | { ok: false; message: string; code?: string });

export class WorkerBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  /** Calls sent with `send`, waiting for their answer. */
  private readonly waiting = new Map<number, (error: StorageUnavailable | null, value: unknown) => void>();
  /** Answers to `send` read by a blocking call: told after it, never in the middle of it. */
  private early: Answer<unknown>[] = [];
  private lastId = 0;

  constructor(workerUrl: URL, data: Record<string, unknown>, timeoutMs = 30_000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.timeoutMs = timeoutMs;
    this.worker = new Worker(workerUrl, {
      workerData: { ...data, port: port2, signal: this.signal },
      transferList: [port2],
    });
    // The worker never keeps the process alive on its own.
    this.worker.unref();
    // Answers to `send` come as events while the event loop runs; one read by a blocking call
    // (which reads the port itself) is told right after it. The port holds the process only
    // while an answer is awaited.
    this.port.on('message', (answer: Answer<unknown>) => this.deliver(answer));
    this.port.unref();
  }

  /** A blocking call: the answer, or StorageUnavailable (an error of the database, or no answer in time). */
  call<T>(op: string, ...args: unknown[]): T {
    const id = ++this.lastId;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ id, op, args });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === 'timed-out')
        throw new StorageUnavailable(`the database did not answer ${op} within ${this.timeoutMs / 1000} s`);
      Atomics.store(this.signal, 0, 0);
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as Answer<T>;
        // Answers to calls that timed out earlier may still arrive: they are dropped.
        if (answer.id !== id) {
          if (this.waiting.has(answer.id)) this.deferEarly(answer);
          continue;
        }
        if (!answer.ok) throw new StorageUnavailable(answer.message, answer.code);
        return answer.value;
      }
    }
  }

  /**
   * A call that does not block: the worker's answer, or StorageUnavailable (an error of the
   * database, or no answer within the timeout; a late answer is then dropped).
   */
  request<T>(op: string, ...args: unknown[]): Promise<T> {
    return this.requestMoving<T>(op, args, []);
  }

  /** `request`, handing `transfer` over to the worker (moved, not copied: the caller must not use them after). */
  requestMoving<T>(op: string, args: unknown[], transfer: readonly ArrayBuffer[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.send<T>(
        op,
        args,
        (error, value) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(value as T);
        },
        transfer,
      );
      const timer = setTimeout(() => {
        if (!this.waiting.delete(id)) return;
        if (this.waiting.size === 0) this.port.unref();
        reject(new StorageUnavailable(`the database did not answer ${op} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      timer.unref();
    });
  }

  /** A call that does not block: `done` is told its answer once the worker has it. Returns its id. */
  send<T>(
    op: string,
    args: unknown[],
    done: (error: StorageUnavailable | null, value: T | null) => void,
    transfer: readonly ArrayBuffer[] = [],
  ): number {
    const id = ++this.lastId;
    this.waiting.set(id, done as (error: StorageUnavailable | null, value: unknown) => void);
    if (this.waiting.size === 1) this.port.ref();
    this.port.postMessage({ id, op, args }, [...transfer]);
    return id;
  }

  /**
   * Blocks until every call sent with `send` has been answered (and its `done` called). Calls
   * still unanswered after the timeout are told StorageUnavailable (their answers, if any come
   * later, are dropped).
   */
  settle(): void {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      // Reset before reading: an answer posted after the read wakes the wait below at once.
      Atomics.store(this.signal, 0, 0);
      this.deliverEarly();
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port))
        this.deliver(m.message as Answer<unknown>);
      if (this.waiting.size === 0 && this.early.length === 0) return;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === 'timed-out') {
        const late = [...this.waiting.values()];
        this.waiting.clear();
        this.port.unref();
        const error = new StorageUnavailable(`the database did not answer within ${this.timeoutMs / 1000} s`);
        for (const done of late) done(error, null);
        return;
      }
    }
  }

  close(): void {
    void this.worker.terminate();
    this.port.close();
  }

  private deferEarly(answer: Answer<unknown>): void {
    this.early.push(answer);
    if (this.early.length === 1) queueMicrotask(() => this.deliverEarly());
  }

  private deliverEarly(): void {
    const early = this.early;
    this.early = [];
    for (const answer of early) this.deliver(answer);
  }

  private deliver(answer: Answer<unknown>): void {
    const done = this.waiting.get(answer.id);
    if (!done) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.port.unref();
    if (answer.ok) done(null, answer.value);
    else done(new StorageUnavailable(answer.message, answer.code), null);
  }
}
