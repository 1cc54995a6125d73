/**
 * SqliteStorage's `loadDoc` and `getRestorePoint`, off the event loop: a reader thread (sqliteReadWorker.ts) with a
 * connection of its own reads the room and hands the bytes over (transferred, not copied). It
 * runs the WAL's checkpoints too. The thread starts with `start` or the first read.
 */
import type { PointRow } from './DocReader.ts';
import type { StoredDoc } from './Storage.ts';
import { WorkerBridge } from './WorkerBridge.ts';

export class SqliteReader {
  private bridge: WorkerBridge | null = null;
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  loadDoc(id: string): Promise<StoredDoc> {
    return this.started().request<StoredDoc>('loadDoc', id);
  }

  /** A restore point's row, its state moved here from the thread; null when there is none. */
  getPoint(roomId: string, id: number): Promise<PointRow | null> {
    return this.started().request<PointRow | null>('getPoint', roomId, id);
  }

  /** Starts the thread now, and with it the WAL's checkpoints (the server, with the writer). */
  start(): void {
    this.started().send('start', [], () => {});
  }

  private started(): WorkerBridge {
    this.bridge ??= new WorkerBridge(new URL('./sqliteReadWorker.ts', import.meta.url), { file: this.file });
    return this.bridge;
  }

  close(): void {
    if (!this.bridge) return;
    try {
      this.bridge.call('close');
    } catch {
      // No answer in time: the thread ends below all the same.
    }
    this.bridge.close();
    this.bridge = null;
  }
}
