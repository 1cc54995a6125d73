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

  async createRoom(room: RoomRecord, initialState: Uint8Array): Promise<void> {
    this.rooms.set(room.id, { room: { ...room }, snapshot: initialState, updates: [], lastSeq: 0 });
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const r = this.rooms.get(id);
    return r ? { ...r.room } : null;
  }

  /** Copies, as the other stores give: the caller may move them to another thread. */
  async loadDoc(id: string): Promise<StoredDoc> {
    const doc = this.loadDocNow(id);
    return { ...doc, snapshot: doc.snapshot?.slice() ?? null, updates: doc.updates.map((u) => u.slice()) };
  }

  loadDocNow(id: string): StoredDoc {
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

  async compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const r = this.rooms.get(roomId);
    if (!r) return;
    r.snapshot = snapshot;
    r.updates = r.updates.filter((u) => u.seq > uptoSeq);
  }

  async deleteRoom(id: string): Promise<void> {
    this.rooms.delete(id);
    this.points.delete(id);
    this.waiting.delete(id);
  }

  async roomsUntouchedSince(timestamp: number): Promise<string[]> {
    return [...this.rooms.values()].filter((r) => r.room.touchedAt < timestamp).map((r) => r.room.id);
  }

  async roomCount(): Promise<number> {
    return this.rooms.size;
  }

  async putWaitingAnswer(roomId: string, answer: WaitingAnswer): Promise<void> {
    if (!this.rooms.has(roomId)) throw new Error(`no room ${roomId}`);
    const room = this.waiting.get(roomId) ?? new Map<string, WaitingAnswer>();
    room.set(answer.id, { ...answer });
    this.waiting.set(roomId, room);
  }

  async waitingAnswers(roomId: string): Promise<WaitingAnswer[]> {
    return [...(this.waiting.get(roomId)?.values() ?? [])].map((a) => ({ ...a })).sort(oldestAnswerFirst);
  }

  async deleteWaitingAnswers(roomId: string, ids: readonly string[]): Promise<number> {
    const room = this.waiting.get(roomId);
    let removed = 0;
    for (const id of ids) if (room?.delete(id)) removed++;
    return removed;
  }

  async addRestorePoint(roomId: string, p: Omit<RestorePoint, 'id'>): Promise<number> {
    if (!this.rooms.has(roomId)) throw new Error(`no room ${roomId}`);
    const point = { ...structuredClone(p), bytes: p.state.byteLength, id: this.nextPointId++ };
    this.points.set(roomId, [...(this.points.get(roomId) ?? []), point]);
    return point.id;
  }

  async listRestorePoints(roomId: string): Promise<RestorePointInfo[]> {
    return (this.points.get(roomId) ?? [])
      .map(({ state: _state, ...info }) => structuredClone(info))
      .sort((a, b) => b.id - a.id);
  }

  async getRestorePoint(roomId: string, id: number): Promise<RestorePoint | null> {
    const point = this.points.get(roomId)?.find((p) => p.id === id);
    return point ? structuredClone(point) : null;
  }

  async pruneRestorePoints(roomId: string, kept: PointsKept): Promise<void> {
    const drop = new Set(pointsToDrop(await this.listRestorePoints(roomId), kept));
    this.points.set(
      roomId,
      (this.points.get(roomId) ?? []).filter((p) => !drop.has(p.id)),
    );
  }

  async createWorkshop(w: WorkshopRecord): Promise<void> {
    this.workshops.set(w.id, structuredClone(w));
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const w = this.workshops.get(id);
    return w ? structuredClone(w) : null;
  }

  async deleteWorkshop(id: string): Promise<void> {
    this.workshops.delete(id);
  }

  async createTemplate(template: StoredTemplate): Promise<void> {
    if (this.templates.has(template.id)) throw new Error(`template ${template.id} exists`);
    this.templates.set(template.id, { ...template });
  }

  async listTemplates(): Promise<TemplateInfo[]> {
    return [...this.templates.values()].map(({ map: _map, ...info }) => info).sort(newestTemplateFirst);
  }

  async getTemplate(id: string): Promise<StoredTemplate | null> {
    const t = this.templates.get(id);
    return t ? { ...t } : null;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return this.templates.delete(id);
  }

  close(): void {}
}
