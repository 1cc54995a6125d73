/**
 * STORAGE=postgres: rooms, the update log, snapshots, restore points, workshops and the template
 * library in PostgreSQL (DATABASE_URL), behind the same synchronous Storage interface as SQLite,
 * through SyncBridge; the persist queue's writes go through `asyncAppend`, so they never stop the
 * event loop.
 * `pg` (node-postgres) does the talking: the most used PostgreSQL client for Node, pure
 * JavaScript (nothing to compile), kept by its author for over a decade.
 */

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
import { SyncBridge } from './SyncBridge.ts';

export class PostgresStorage implements Storage {
  private readonly bridge: SyncBridge;
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
    this.bridge = new SyncBridge(new URL('./pgWorker.ts', import.meta.url), { url }, timeoutMs);
    try {
      this.bridge.call<number>('init');
    } catch (error) {
      this.bridge.close();
      throw error;
    }
  }

  createRoom(room: RoomRecord, initialState: Uint8Array): void {
    this.bridge.call('createRoom', room, initialState);
  }
  getRoom(id: string): RoomRecord | null {
    return this.bridge.call('getRoom', id);
  }
  loadDoc(id: string): StoredDoc {
    return this.bridge.call('loadDoc', id);
  }
  appendUpdates(batches: readonly UpdateBatch[], now: number): Map<string, number> {
    return this.bridge.call('appendUpdates', batches, now);
  }
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): void {
    this.bridge.call('compact', roomId, snapshot, uptoSeq);
  }
  deleteRoom(id: string): void {
    this.bridge.call('deleteRoom', id);
  }
  roomsUntouchedSince(timestamp: number): string[] {
    return this.bridge.call('roomsUntouchedSince', timestamp);
  }
  roomCount(): number {
    return this.bridge.call('roomCount');
  }
  putWaitingAnswer(roomId: string, answer: WaitingAnswer): void {
    this.bridge.call('putWaitingAnswer', roomId, answer);
  }
  waitingAnswers(roomId: string): WaitingAnswer[] {
    return this.bridge.call('waitingAnswers', roomId);
  }
  deleteWaitingAnswers(roomId: string, ids: readonly string[]): number {
    return this.bridge.call('deleteWaitingAnswers', roomId, ids);
  }
  addRestorePoint(roomId: string, point: Omit<RestorePoint, 'id'>): number {
    return this.bridge.call('addRestorePoint', roomId, point);
  }
  listRestorePoints(roomId: string): RestorePointInfo[] {
    return this.bridge.call('listRestorePoints', roomId);
  }
  getRestorePoint(roomId: string, id: number): RestorePoint | null {
    return this.bridge.call('getRestorePoint', roomId, id);
  }
  pruneRestorePoints(roomId: string, kept: PointsKept): void {
    this.bridge.call('pruneRestorePoints', roomId, kept);
  }
  createWorkshop(workshop: WorkshopRecord): void {
    this.bridge.call('createWorkshop', workshop);
  }
  getWorkshop(id: string): WorkshopRecord | null {
    return this.bridge.call('getWorkshop', id);
  }
  deleteWorkshop(id: string): void {
    this.bridge.call('deleteWorkshop', id);
  }
  createTemplate(template: StoredTemplate): void {
    this.bridge.call('createTemplate', template);
  }
  listTemplates(): TemplateInfo[] {
    return this.bridge.call('listTemplates');
  }
  getTemplate(id: string): StoredTemplate | null {
    return this.bridge.call('getTemplate', id);
  }
  deleteTemplate(id: string): boolean {
    return this.bridge.call('deleteTemplate', id);
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
