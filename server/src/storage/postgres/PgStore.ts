/**
 * The Storage operations over PostgreSQL, asynchronous as `pg` is. It runs in the bridge's worker
 * thread (pgWorker.ts); PostgresStorage makes each call synchronous for the server, which keeps
 * the Storage contract: an update is durable (committed) when `appendUpdates` returns.
 */
import pg from 'pg';
import {
  pointFromRow,
  pointsToDrop,
  pointValues,
  roomFromRow,
  templateFromRow,
  workshopFromRow,
} from '../rows.ts';
import { oldestAnswerFirst, type WaitingAnswer } from '../SilentAnswerStore.ts';
import type {
  PointsKept,
  RestorePoint,
  RestorePointInfo,
  RoomRecord,
  StoredDoc,
  UpdateBatch,
  WorkshopRecord,
} from '../Storage.ts';
import type { StoredTemplate, TemplateInfo } from '../TemplateStore.ts';
import { MIGRATIONS } from './migrations.ts';

// BIGINT columns hold sequence numbers and millisecond times: well inside a double.
pg.types.setTypeParser(20, (v) => Number(v));

const MIGRATION_LOCK = 0x70_6b_6d; // 'pkm': one migrating process at a time

type Row = Record<string, unknown>;

export class PgStore {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 5000,
      query_timeout: 20_000,
    });
    // An idle connection that breaks (the database restarted) is replaced on the next query.
    this.pool.on('error', () => {});
  }

  /** Connects and brings the schema up to date; returns the schema version. */
  async init(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS patroonkaart_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const done = new Set(
        (await client.query('SELECT version FROM patroonkaart_migrations')).rows.map((r) =>
          Number(r.version),
        ),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO patroonkaart_migrations (version, applied_at) VALUES ($1, $2)', [
            m.version,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      return Math.max(0, ...MIGRATIONS.map((m) => m.version));
    } finally {
      client.release();
    }
  }

  async createRoom(room: RoomRecord, initialState: Uint8Array): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(
        `INSERT INTO rooms (id, template, created_at, touched_at, facilitator_token_hash, edit_token_hash, view_token_hash, sealed_links)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          room.id,
          room.template,
          room.createdAt,
          room.touchedAt,
          room.facilitatorTokenHash,
          room.editTokenHash,
          room.viewTokenHash,
          room.sealedLinks,
        ],
      );
      await c.query('INSERT INTO snapshots (room_id, data, upto_seq) VALUES ($1, $2, 0)', [
        room.id,
        Buffer.from(initialState),
      ]);
    });
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const row = (await this.pool.query('SELECT * FROM rooms WHERE id = $1', [id])).rows[0] as Row | undefined;
    return row ? roomFromRow(row) : null;
  }

  async loadDoc(id: string): Promise<StoredDoc> {
    // One snapshot of the three reads: a compaction between them cannot lose or repeat updates.
    return this.transaction(async (c) => {
      const snap = (await c.query('SELECT data FROM snapshots WHERE room_id = $1', [id])).rows[0] as
        | { data: Buffer }
        | undefined;
      const updates = (
        (await c.query('SELECT data FROM updates WHERE room_id = $1 ORDER BY seq', [id])).rows as {
          data: Buffer;
        }[]
      ).map((r) => new Uint8Array(r.data));
      const last = (await c.query('SELECT last_seq FROM rooms WHERE id = $1', [id])).rows[0] as
        | { last_seq: number }
        | undefined;
      const snapshot = snap ? new Uint8Array(snap.data) : null;
      const byteSize = (snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
      return { snapshot, updates, lastSeq: last?.last_seq ?? 0, byteSize };
    }, 'REPEATABLE READ');
  }

  async appendUpdates(batches: readonly UpdateBatch[], now: number): Promise<Map<string, number>> {
    return this.transaction(async (c) => {
      const result = new Map<string, number>();
      // Rooms are locked in one order (by id) by every process: two processes writing the same
      // rooms in their own orders would each hold a row the other waits for (a deadlock, 40P01).
      const ordered = [...batches].sort((x, y) => (x.roomId < y.roomId ? -1 : x.roomId > y.roomId ? 1 : 0));
      for (const { roomId, updates } of ordered) {
        // The row lock orders writers of one room across processes: sequence numbers never clash.
        const last = (
          await c.query(
            'UPDATE rooms SET last_seq = last_seq + $2, touched_at = $3 WHERE id = $1 RETURNING last_seq',
            [roomId, updates.length, now],
          )
        ).rows[0] as { last_seq: number } | undefined;
        if (!last) continue;
        const first = last.last_seq - updates.length + 1;
        await c.query(
          'INSERT INTO updates (room_id, seq, data) SELECT $1, s, d FROM unnest($2::bigint[], $3::bytea[]) AS t(s, d)',
          [roomId, updates.map((_, i) => first + i), updates.map((u) => Buffer.from(u))],
        );
        result.set(roomId, last.last_seq);
      }
      return result;
    });
  }

  async compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.transaction(async (c) => {
      // Several processes may compact one room: the row lock takes them one at a time, and a
      // snapshot never replaces one that reaches further (it would drop the updates in between).
      const current = (
        await c.query('SELECT upto_seq FROM snapshots WHERE room_id = $1 FOR UPDATE', [roomId])
      ).rows[0] as { upto_seq: number } | undefined;
      if (current && current.upto_seq >= uptoSeq) return;
      await c.query(
        `INSERT INTO snapshots (room_id, data, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (room_id) DO UPDATE SET data = EXCLUDED.data, upto_seq = EXCLUDED.upto_seq`,
        [roomId, Buffer.from(snapshot), uptoSeq],
      );
      await c.query('DELETE FROM updates WHERE room_id = $1 AND seq <= $2', [roomId, uptoSeq]);
    });
  }

  async deleteRoom(id: string): Promise<void> {
    await this.pool.query('DELETE FROM rooms WHERE id = $1', [id]);
  }

  async roomsUntouchedSince(timestamp: number): Promise<string[]> {
    return (await this.pool.query('SELECT id FROM rooms WHERE touched_at < $1', [timestamp])).rows.map((r) =>
      String(r.id),
    );
  }

  async roomCount(): Promise<number> {
    return Number((await this.pool.query('SELECT COUNT(*) AS n FROM rooms')).rows[0].n);
  }

  async putWaitingAnswer(roomId: string, answer: WaitingAnswer): Promise<void> {
    await this.pool.query(
      `INSERT INTO waiting_answers (room_id, id, created_at, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id, id) DO UPDATE SET created_at = EXCLUDED.created_at, record = EXCLUDED.record`,
      [roomId, answer.id, answer.createdAt, JSON.stringify(answer)],
    );
  }

  async waitingAnswers(roomId: string): Promise<WaitingAnswer[]> {
    const rows = (await this.pool.query('SELECT record FROM waiting_answers WHERE room_id = $1', [roomId]))
      .rows as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as WaitingAnswer).sort(oldestAnswerFirst);
  }

  async deleteWaitingAnswers(roomId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.pool.query(
      'DELETE FROM waiting_answers WHERE room_id = $1 AND id = ANY($2::text[])',
      [roomId, [...ids]],
    );
    return result.rowCount ?? 0;
  }

  async addRestorePoint(roomId: string, p: Omit<RestorePoint, 'id'>): Promise<number> {
    const row = (
      await this.pool.query(
        `INSERT INTO restore_points (room_id, created_at, reason, label, shape_count, people, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        // pg sends a Buffer as bytea.
        pointValues(roomId, p).map((v) => (v instanceof Uint8Array ? Buffer.from(v) : v)),
      )
    ).rows[0] as { id: number };
    return Number(row.id);
  }

  async listRestorePoints(roomId: string): Promise<RestorePointInfo[]> {
    const rows = (
      await this.pool.query(
        `SELECT id, created_at, reason, label, shape_count, people, octet_length(state) AS bytes
         FROM restore_points WHERE room_id = $1 ORDER BY id DESC`,
        [roomId],
      )
    ).rows as Row[];
    return rows.map(pointFromRow);
  }

  async getRestorePoint(roomId: string, id: number): Promise<RestorePoint | null> {
    const row = (
      await this.pool.query(
        'SELECT *, octet_length(state) AS bytes FROM restore_points WHERE room_id = $1 AND id = $2',
        [roomId, id],
      )
    ).rows[0] as (Row & { state: Buffer }) | undefined;
    return row ? { ...pointFromRow(row), state: new Uint8Array(row.state) } : null;
  }

  async pruneRestorePoints(roomId: string, kept: PointsKept): Promise<void> {
    const drop = pointsToDrop(await this.listRestorePoints(roomId), kept);
    if (drop.length === 0) return;
    await this.pool.query('DELETE FROM restore_points WHERE room_id = $1 AND id = ANY($2::bigint[])', [
      roomId,
      drop,
    ]);
  }

  async createWorkshop(w: WorkshopRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO workshops (id, created_at, facilitator_token_hash, room_ids) VALUES ($1, $2, $3, $4)',
      [w.id, w.createdAt, w.facilitatorTokenHash, JSON.stringify(w.roomIds)],
    );
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const row = (await this.pool.query('SELECT * FROM workshops WHERE id = $1', [id])).rows[0] as
      | Row
      | undefined;
    return row ? workshopFromRow(row) : null;
  }

  async deleteWorkshop(id: string): Promise<void> {
    await this.pool.query('DELETE FROM workshops WHERE id = $1', [id]);
  }

  async createTemplate(t: StoredTemplate): Promise<void> {
    await this.pool.query(
      'INSERT INTO templates (id, name, description, step_count, created_at, map) VALUES ($1, $2, $3, $4, $5, $6)',
      [t.id, t.name, t.description, t.stepCount, t.createdAt, t.map],
    );
  }

  async listTemplates(): Promise<TemplateInfo[]> {
    const rows = (
      await this.pool.query(
        'SELECT id, name, description, step_count, created_at FROM templates ORDER BY created_at DESC, id DESC',
      )
    ).rows as Row[];
    return rows.map(templateFromRow);
  }

  async getTemplate(id: string): Promise<StoredTemplate | null> {
    const row = (await this.pool.query('SELECT * FROM templates WHERE id = $1', [id])).rows[0] as
      | Row
      | undefined;
    return row ? { ...templateFromRow(row), map: String(row.map) } : null;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM templates WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, isolation?: string): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
