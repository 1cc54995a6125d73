/**
 * The default storage: one SQLite file in DATA_DIR, through Node's built-in `node:sqlite` (no
 * native addon to build). WAL with synchronous=NORMAL. The persist queue's writes go through
 * `asyncAppend` to a writer thread with a connection of its own (SqliteWriter), which, with
 * SQLITE_SYNCHRONOUS=full (the default), also syncs the WAL before it answers: an update is on the
 * disk before anyone is shown it (it survives a power cut), and the event loop never waits for the
 * disk on an edit. A room's document is read on a reader thread (SqliteReader), so a big map's read
 * does not stop the event loop either. Everything else runs here, on the server's connection; its
 * rare writes (a new room, a deletion) are synced by WalSync before they return. Compactions and
 * restore points, which grow with the map, are written on the writer thread (a point synced there).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DocReader } from './DocReader.ts';
import { StateMerger } from './merge/StateMerger.ts';
import { pointFromRow, pointsToDrop, roomFromRow, templateFromRow, workshopFromRow } from './rows.ts';
import { oldestAnswerFirst, type WaitingAnswer } from './SilentAnswerStore.ts';
import { SqliteReader } from './SqliteReader.ts';
import { SqliteWriter } from './SqliteWriter.ts';
import type {
  MergedDoc,
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
import { UpdateLog } from './UpdateLog.ts';
import { WalSync } from './WalSync.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  template TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  touched_at INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  edit_token_hash TEXT NOT NULL,
  view_token_hash TEXT NOT NULL,
  sealed_links TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS snapshots (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rooms_touched ON rooms(touched_at);
CREATE TABLE IF NOT EXISTS restore_points (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  label TEXT NOT NULL,
  shape_count INTEGER NOT NULL,
  people TEXT NOT NULL,
  state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS restore_points_room ON restore_points(room_id, id);
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  room_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  step_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  map TEXT NOT NULL
);
`;

/** A silent round's waiting answers (SilentAnswerStore), each the record the reveal writes, as JSON. */
const WAITING_ANSWERS = `
CREATE TABLE IF NOT EXISTS waiting_answers (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (room_id, id)
) WITHOUT ROWID;
`;

/** The statements SqliteStorage prepares once, by name. */
type StatementName =
  | 'insertRoom'
  | 'insertSnapshot'
  | 'getRoom'
  | 'deleteRoom'
  | 'untouched'
  | 'count'
  | 'insertWorkshop'
  | 'getWorkshop'
  | 'listPoints'
  | 'deletePoint'
  | 'deleteWorkshop'
  | 'insertTemplate'
  | 'listTemplates'
  | 'getTemplate'
  | 'deleteTemplate';

export class SqliteStorage implements Storage {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<StatementName, StatementSync>;
  /** The silent round's statements (SilentAnswerStore). */
  private readonly waiting: Record<'put' | 'list' | 'delete', StatementSync>;
  /** Set for SQLITE_SYNCHRONOUS=full: syncs this connection's own writes before they return. */
  private readonly durability: WalSync | undefined;
  /** `appendUpdates`, on this connection. */
  private readonly log: UpdateLog;
  /** The persist queue's writes, on the writer thread (synced there for SQLITE_SYNCHRONOUS=full). */
  readonly asyncAppend: SqliteWriter;
  /** `loadDocNow`, on this connection. */
  private readonly docs: DocReader;
  /** `loadDoc`, on the reader thread. */
  private readonly reader: SqliteReader;
  /** `loadMerged`: read and merged on the merge worker, on a connection of its own. */
  private readonly merger: StateMerger;

  constructor(dataDir: string, synchronous: 'full' | 'normal' = 'full') {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'patroonkaart.sqlite');
    this.db = new DatabaseSync(file);
    // A commit reaches the OS (it survives a crash of the server process). For `full`, a sync of
    // the WAL then gets it onto the disk (it survives a power cut) before anyone is shown it. The
    // busy timeout: a write here waits while the writer thread commits (a fraction of a millisecond).
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;',
    );
    this.db.exec(SCHEMA);
    this.db.exec(WAITING_ANSWERS);
    this.durability = synchronous === 'full' ? new WalSync(`${file}-wal`) : undefined;
    this.log = new UpdateLog(this.db);
    this.asyncAppend = new SqliteWriter(file, synchronous === 'full');
    this.docs = new DocReader(this.db);
    this.reader = new SqliteReader(file);
    this.merger = new StateMerger(file);
    this.stmt = {
      insertRoom: this.db.prepare(
        `INSERT INTO rooms (id, template, created_at, touched_at, facilitator_token_hash, edit_token_hash, view_token_hash, sealed_links)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSnapshot: this.db.prepare(
        'INSERT OR REPLACE INTO snapshots (room_id, data, upto_seq) VALUES (?, ?, ?)',
      ),
      getRoom: this.db.prepare('SELECT * FROM rooms WHERE id = ?'),
      deleteRoom: this.db.prepare('DELETE FROM rooms WHERE id = ?'),
      untouched: this.db.prepare('SELECT id FROM rooms WHERE touched_at < ?'),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM rooms'),
      insertWorkshop: this.db.prepare(
        'INSERT INTO workshops (id, created_at, facilitator_token_hash, room_ids) VALUES (?, ?, ?, ?)',
      ),
      getWorkshop: this.db.prepare('SELECT * FROM workshops WHERE id = ?'),
      listPoints: this.db.prepare(
        'SELECT id, created_at, reason, label, shape_count, people, length(state) AS bytes FROM restore_points WHERE room_id = ? ORDER BY id DESC',
      ),
      deletePoint: this.db.prepare('DELETE FROM restore_points WHERE room_id = ? AND id = ?'),
      deleteWorkshop: this.db.prepare('DELETE FROM workshops WHERE id = ?'),
      insertTemplate: this.db.prepare(
        'INSERT INTO templates (id, name, description, step_count, created_at, map) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listTemplates: this.db.prepare(
        'SELECT id, name, description, step_count, created_at FROM templates ORDER BY created_at DESC, id DESC',
      ),
      getTemplate: this.db.prepare('SELECT * FROM templates WHERE id = ?'),
      deleteTemplate: this.db.prepare('DELETE FROM templates WHERE id = ?'),
    };

    this.waiting = {
      put: this.db.prepare(
        `INSERT INTO waiting_answers (room_id, id, created_at, record) VALUES (?, ?, ?, ?)
         ON CONFLICT (room_id, id) DO UPDATE SET created_at = excluded.created_at, record = excluded.record`,
      ),
      list: this.db.prepare('SELECT record FROM waiting_answers WHERE room_id = ? ORDER BY created_at, id'),
      delete: this.db.prepare('DELETE FROM waiting_answers WHERE room_id = ? AND id = ?'),
    };
  }

  async createRoom(room: RoomRecord, initialState: Uint8Array): Promise<void> {
    this.transaction(() => {
      this.stmt.insertRoom.run(
        room.id,
        room.template,
        room.createdAt,
        room.touchedAt,
        room.facilitatorTokenHash,
        room.editTokenHash,
        room.viewTokenHash,
        room.sealedLinks,
      );
      this.stmt.insertSnapshot.run(room.id, initialState, 0);
    });
    // The creator is handed links to it next: on the disk first.
    this.durability?.syncFile();
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const row = this.stmt.getRoom.get(id) as Record<string, unknown> | undefined;
    return row ? roomFromRow(row) : null;
  }

  /**
   * Starts the writer and reader threads (the server; a store that is only read and written here,
   * as in the storage tests, needs neither). The reader runs the WAL's checkpoints from then on,
   * so this connection's rare commits no longer do (they would copy the writer's pages here).
   */
  start(): void {
    this.asyncAppend.start();
    this.reader.start();
    this.db.exec('PRAGMA wal_autocheckpoint = 0');
  }

  /** On the reader thread: a big map's read does not stop the event loop. */
  loadDoc(id: string): Promise<StoredDoc> {
    return this.reader.loadDoc(id);
  }

  /** On the merge worker: a big map's bytes never pass through the event loop. */
  loadMerged(id: string): Promise<MergedDoc> {
    return this.merger.loadMerged(id);
  }

  loadDocNow(id: string): StoredDoc {
    return this.docs.read(id);
  }

  appendUpdates(batches: readonly UpdateBatch[], now: number): Map<string, number> {
    const seqs = this.log.append(batches, now);
    this.durability?.syncFile();
    return seqs;
  }

  timeSyncs(observe: (ms: number) => void): void {
    this.durability?.timeSyncs(observe);
    this.asyncAppend.timeSyncs(observe);
  }

  /** On the writer thread, in order with the appends: a big map's snapshot is not written here. */
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    return this.asyncAppend.compact(roomId, snapshot, uptoSeq);
  }

  /** On the writer thread, synced there: a big map's point is not written here. */
  addRestorePoint(roomId: string, p: Omit<RestorePoint, 'id'>): Promise<number> {
    return this.asyncAppend.addRestorePoint(roomId, p);
  }

  async listRestorePoints(roomId: string): Promise<RestorePointInfo[]> {
    return (this.stmt.listPoints.all(roomId) as Record<string, unknown>[]).map(pointFromRow);
  }

  /** On the reader thread: a point is a whole map. */
  async getRestorePoint(roomId: string, id: number): Promise<RestorePoint | null> {
    const row = await this.reader.getPoint(roomId, id);
    return row ? { ...pointFromRow(row), state: row.state } : null;
  }

  async pruneRestorePoints(roomId: string, kept: PointsKept): Promise<void> {
    const drop = pointsToDrop(await this.listRestorePoints(roomId), kept);
    if (drop.length === 0) return;
    this.transaction(() => {
      for (const id of drop) this.stmt.deletePoint.run(roomId, id);
    });
  }

  async createWorkshop(w: WorkshopRecord): Promise<void> {
    this.stmt.insertWorkshop.run(w.id, w.createdAt, w.facilitatorTokenHash, JSON.stringify(w.roomIds));
    this.durability?.syncFile();
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const row = this.stmt.getWorkshop.get(id) as Record<string, unknown> | undefined;
    return row ? workshopFromRow(row) : null;
  }

  async deleteWorkshop(id: string): Promise<void> {
    this.stmt.deleteWorkshop.run(id);
    this.durability?.syncFile();
  }

  async createTemplate(t: StoredTemplate): Promise<void> {
    this.stmt.insertTemplate.run(t.id, t.name, t.description, t.stepCount, t.createdAt, t.map);
    this.durability?.syncFile();
  }

  async listTemplates(): Promise<TemplateInfo[]> {
    return (this.stmt.listTemplates.all() as Record<string, unknown>[]).map(templateFromRow);
  }

  async getTemplate(id: string): Promise<StoredTemplate | null> {
    const row = this.stmt.getTemplate.get(id) as Record<string, unknown> | undefined;
    return row ? { ...templateFromRow(row), map: String(row.map) } : null;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const deleted = Number(this.stmt.deleteTemplate.run(id).changes) > 0;
    if (deleted) this.durability?.syncFile();
    return deleted;
  }

  async deleteRoom(id: string): Promise<void> {
    this.stmt.deleteRoom.run(id);
    this.durability?.syncFile();
  }

  async roomsUntouchedSince(timestamp: number): Promise<string[]> {
    return (this.stmt.untouched.all(timestamp) as { id: string }[]).map((r) => r.id);
  }

  async roomCount(): Promise<number> {
    return (this.stmt.count.get() as { n: number }).n;
  }

  async putWaitingAnswer(roomId: string, answer: WaitingAnswer): Promise<void> {
    this.waiting.put.run(roomId, answer.id, answer.createdAt, JSON.stringify(answer));
    // Answered 201 next, and it must outlive a power cut while its round stays silent.
    this.durability?.syncFile();
  }

  async waitingAnswers(roomId: string): Promise<WaitingAnswer[]> {
    return (this.waiting.list.all(roomId) as { record: string }[])
      .map((r) => JSON.parse(r.record) as WaitingAnswer)
      .sort(oldestAnswerFirst);
  }

  async deleteWaitingAnswers(roomId: string, ids: readonly string[]): Promise<number> {
    let removed = 0;
    this.transaction(() => {
      for (const id of ids) removed += Number(this.waiting.delete.run(roomId, id).changes);
    });
    if (removed > 0) this.durability?.syncFile();
    return removed;
  }

  close(): void {
    this.reader.close();
    this.merger.close();
    this.asyncAppend.close();
    this.durability?.close();
    if (this.db.isOpen) this.db.close();
  }

  private transaction(fn: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      fn();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
