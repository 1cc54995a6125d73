import { newestTemplateFirst, pointsToDrop } from './rows.ts';
import { oldestAnswerFirst, type WaitingAnswer } from './SilentAnswerStore.ts';
import type {
  PointsKept,
  RestorePoint,
  RestorePointInfo,
  RoomRecord,
  Storage,
  StoredDoc,
  UpdateBatch,
  WorkshopRecord,
} from './Storage.ts';
import type { StoredTemplate, TemplateInfo } from './TemplateStore.ts';

interface MemoryRoom {
  room: RoomRecord;
  snapshot: Uint8Array | null;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
}

/** Storage that lives as long as the process: for tests and throwaway servers. */
export class MemoryStorage implements Storage {
  private readonly rooms = new Map<string, MemoryRoom>();
  private readonly workshops = new Map<string, WorkshopRecord>();
  private readonly points = new Map<string, RestorePoint[]>();
  /** Per room: the silent round's waiting answers by id. */
  private readonly waiting = new Map<string, Map<string, WaitingAnswer>>();
  private readonly templates = new Map<string, StoredTemplate>();
  private nextPointId = 1;
  /** When set, the next append throws, as a full disk would. */
  failNextAppend: Error | null = null;

  createRoom(room: RoomRecord, initialState: Uint8Array): void {
    this.rooms.set(room.id, { room: { ...room }, snapshot: initialState, updates: [], lastSeq: 0 });
  }

  getRoom(id: string): RoomRecord | null {
    const r = this.rooms.get(id);
    return r ? { ...r.room } : null;
  }

  loadDoc(id: string): StoredDoc {
    const r = this.rooms.get(id);
    if (!r) return { snapshot: null, updates: [], lastSeq: 0, byteSize: 0 };
    const updates = r.updates.map((u) => u.data);
    const byteSize = (r.snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    return { snapshot: r.snapshot, updates, lastSeq: r.lastSeq, byteSize };
  }

  appendUpdates(batches: readonly UpdateBatch[], now: number): Map<string, number> {
    if (this.failNextAppend) {
      const error = this.failNextAppend;
      this.failNextAppend = null;
      throw error;
    }
    // All or none, as SQLite's transaction: build the new logs first, commit only if all succeed.
    const staged: { r: MemoryRoom; updates: { seq: number; data: Uint8Array }[]; lastSeq: number }[] = [];
    for (const { roomId, updates } of batches) {
      const r = this.rooms.get(roomId);
      if (!r) continue;
      let seq = r.lastSeq;
      const appended = [...r.updates];
      for (const data of updates) {
        if (!(data instanceof Uint8Array)) throw new TypeError(`update for ${roomId} is not bytes`);
        appended.push({ seq: ++seq, data });
      }
      staged.push({ r, updates: appended, lastSeq: seq });
    }
    const result = new Map<string, number>();
    for (const { r, updates, lastSeq } of staged) {
      r.updates = updates;
      r.lastSeq = lastSeq;
      r.room.touchedAt = now;
      result.set(r.room.id, lastSeq);
    }
    return result;
  }

  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): void {
    const r = this.rooms.get(roomId);
    if (!r) return;
    r.snapshot = snapshot;
    r.updates = r.updates.filter((u) => u.seq > uptoSeq);
  }

  deleteRoom(id: string): void {
    this.rooms.delete(id);
    this.points.delete(id);
    this.waiting.delete(id);
  }

  roomsUntouchedSince(timestamp: number): string[] {
    return [...this.rooms.values()].filter((r) => r.room.touchedAt < timestamp).map((r) => r.room.id);
  }

  roomCount(): number {
    return this.rooms.size;
  }

  putWaitingAnswer(roomId: string, answer: WaitingAnswer): void {
    if (!this.rooms.has(roomId)) throw new Error(`no room ${roomId}`);
    const room = this.waiting.get(roomId) ?? new Map<string, WaitingAnswer>();
    room.set(answer.id, { ...answer });
    this.waiting.set(roomId, room);
  }

  waitingAnswers(roomId: string): WaitingAnswer[] {
    return [...(this.waiting.get(roomId)?.values() ?? [])].map((a) => ({ ...a })).sort(oldestAnswerFirst);
  }

  deleteWaitingAnswers(roomId: string, ids: readonly string[]): number {
    const room = this.waiting.get(roomId);
    let removed = 0;
    for (const id of ids) if (room?.delete(id)) removed++;
    return removed;
  }

  addRestorePoint(roomId: string, p: Omit<RestorePoint, 'id'>): number {
    if (!this.rooms.has(roomId)) throw new Error(`no room ${roomId}`);
    const point = { ...structuredClone(p), bytes: p.state.byteLength, id: this.nextPointId++ };
    this.points.set(roomId, [...(this.points.get(roomId) ?? []), point]);
    return point.id;
  }

  listRestorePoints(roomId: string): RestorePointInfo[] {
    return (this.points.get(roomId) ?? [])
      .map(({ state: _state, ...info }) => structuredClone(info))
      .sort((a, b) => b.id - a.id);
  }

  getRestorePoint(roomId: string, id: number): RestorePoint | null {
    const point = this.points.get(roomId)?.find((p) => p.id === id);
    return point ? structuredClone(point) : null;
  }

  pruneRestorePoints(roomId: string, kept: PointsKept): void {
    const drop = new Set(pointsToDrop(this.listRestorePoints(roomId), kept));
    this.points.set(
      roomId,
      (this.points.get(roomId) ?? []).filter((p) => !drop.has(p.id)),
    );
  }

  createWorkshop(w: WorkshopRecord): void {
    this.workshops.set(w.id, structuredClone(w));
  }

  getWorkshop(id: string): WorkshopRecord | null {
    const w = this.workshops.get(id);
    return w ? structuredClone(w) : null;
  }

  deleteWorkshop(id: string): void {
    this.workshops.delete(id);
  }

  createTemplate(template: StoredTemplate): void {
    if (this.templates.has(template.id)) throw new Error(`template ${template.id} exists`);
    this.templates.set(template.id, { ...template });
  }

  listTemplates(): TemplateInfo[] {
    return [...this.templates.values()].map(({ map: _map, ...info }) => info).sort(newestTemplateFirst);
  }

  getTemplate(id: string): StoredTemplate | null {
    const t = this.templates.get(id);
    return t ? { ...t } : null;
  }

  deleteTemplate(id: string): boolean {
    return this.templates.delete(id);
  }

  close(): void {}
}
