/**
 * STORAGE=postgres: rooms, the update log, snapshots, restore points, workshops and the template
 * library in PostgreSQL (DATABASE_URL), behind the same Storage interface as SQLite. Every call
 * runs in a worker thread (pgWorker.ts, through WorkerBridge) and answers with a promise, so the
 * event loop never waits for the database; the persist queue's writes go through `asyncAppend`.
 * Only `loadDocNow` (a room's recovery) and the store's opening and closing block.
 * `pg` (node-postgres) does the talking: the most used PostgreSQL client for Node, pure
 * JavaScript (nothing to compile), kept by its author for over a decade.
 */

import { givenBuffers } from '../DocReader.ts';
import type { WaitingAnswer } from '../SilentAnswerStore.ts';
import type {
  AsyncAppend,
  PointsKept,
  RestorePoint,
  RestorePointInfo,
  RoomRecord,
  Storage,
  StoredDoc,
  UpdateBatch,
  WorkshopRecord,
} from '../Storage.ts';
import type { StoredTemplate, TemplateInfo } from '../TemplateStore.ts';
import { WorkerBridge } from '../WorkerBridge.ts';

export class PostgresStorage implements Storage {
  private readonly bridge: WorkerBridge;
  /**
   * The persist queue's writes, off the event loop: the transaction runs in the worker while the
   * server goes on; it is committed (and so durable) when `done` is called.
   */
  readonly asyncAppend: AsyncAppend = {
    append: (batches, now, done) =>
      this.bridge.send<Map<string, number>>('appendUpdates', [batches, now], (error, seqs) =>
        done(error, seqs),
      ),
    settle: () => this.bridge.settle(),
  };

  /** Connects and migrates before returning; throws StorageUnavailable when it cannot. */
  constructor(url: string, timeoutMs?: number) {
    this.bridge = new WorkerBridge(new URL('./pgWorker.ts', import.meta.url), { url }, timeoutMs);
    try {
      this.bridge.call<number>('init');
    } catch (error) {
      this.bridge.close();
      throw error;
    }
  }

  createRoom(room: RoomRecord, initialState: Uint8Array): Promise<void> {
    return this.bridge.request('createRoom', room, initialState);
  }
  getRoom(id: string): Promise<RoomRecord | null> {
    return this.bridge.request('getRoom', id);
  }
  loadDoc(id: string): Promise<StoredDoc> {
    return this.bridge.request('loadDoc', id);
  }
  loadDocNow(id: string): StoredDoc {
    return this.bridge.call('loadDoc', id);
  }
  appendUpdates(batches: readonly UpdateBatch[], now: number): Map<string, number> {
    return this.bridge.call('appendUpdates', batches, now);
  }
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    return this.bridge.requestMoving('compact', [roomId, snapshot, uptoSeq], givenBuffers([snapshot]));
  }
  deleteRoom(id: string): Promise<void> {
    return this.bridge.request('deleteRoom', id);
  }
  roomsUntouchedSince(timestamp: number): Promise<string[]> {
    return this.bridge.request('roomsUntouchedSince', timestamp);
  }
  roomCount(): Promise<number> {
    return this.bridge.request('roomCount');
  }
  putWaitingAnswer(roomId: string, answer: WaitingAnswer): Promise<void> {
    return this.bridge.request('putWaitingAnswer', roomId, answer);
  }
  waitingAnswers(roomId: string): Promise<WaitingAnswer[]> {
    return this.bridge.request('waitingAnswers', roomId);
  }
  deleteWaitingAnswers(roomId: string, ids: readonly string[]): Promise<number> {
    return this.bridge.request('deleteWaitingAnswers', roomId, ids);
  }
  addRestorePoint(roomId: string, point: Omit<RestorePoint, 'id'>): Promise<number> {
    return this.bridge.requestMoving('addRestorePoint', [roomId, point], givenBuffers([point.state]));
  }
  listRestorePoints(roomId: string): Promise<RestorePointInfo[]> {
    return this.bridge.request('listRestorePoints', roomId);
  }
  getRestorePoint(roomId: string, id: number): Promise<RestorePoint | null> {
    return this.bridge.request('getRestorePoint', roomId, id);
  }
  pruneRestorePoints(roomId: string, kept: PointsKept): Promise<void> {
    return this.bridge.request('pruneRestorePoints', roomId, kept);
  }
  createWorkshop(workshop: WorkshopRecord): Promise<void> {
    return this.bridge.request('createWorkshop', workshop);
  }
  getWorkshop(id: string): Promise<WorkshopRecord | null> {
    return this.bridge.request('getWorkshop', id);
  }
  deleteWorkshop(id: string): Promise<void> {
    return this.bridge.request('deleteWorkshop', id);
  }
  createTemplate(template: StoredTemplate): Promise<void> {
    return this.bridge.request('createTemplate', template);
  }
  listTemplates(): Promise<TemplateInfo[]> {
    return this.bridge.request('listTemplates');
  }
  getTemplate(id: string): Promise<StoredTemplate | null> {
    return this.bridge.request('getTemplate', id);
  }
  deleteTemplate(id: string): Promise<boolean> {
    return this.bridge.request('deleteTemplate', id);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.bridge.call('close');
    } catch {
      // Closing a store whose database is gone has nothing left to lose.
    }
    this.bridge.close();
  }
  private closed = false;
}
