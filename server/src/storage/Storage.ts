/**
 * Where rooms live between server runs. One interface, an in-memory implementation for tests,
 * an SQLite one by default and a PostgreSQL one. Calls answer with a promise, so a networked
 * database never holds the event loop: PostgreSQL's run in its worker while the server goes on.
 * The persist queue's writes go through `asyncAppend` (SQLite's writer thread, PostgreSQL's
 * worker): an update is relayed once it is stored and durable. Two calls stay synchronous, for
 * the moments the server must not go on before storage has answered: `appendUpdates` (a storage
 * without `asyncAppend`, the in-memory one) and `loadDocNow` (a room rebuilding itself after a
 * failed write or a hole in what another process told it, admitting nothing meanwhile).
 */

import type { SilentAnswerStore } from './SilentAnswerStore.ts';
import type { TemplateStore } from './TemplateStore.ts';

/**
 * Told once an append handed over (`AsyncAppend`) is done: each room's new last sequence number
 * when it is stored and durable (no error); the error alone when nothing of it was stored; both
 * when it is stored but the disk did not confirm it (SQLite's sync failed): nothing of it may be
 * shown, and whoever holds the room's document resyncs from storage.
 */
export type Appended = (error: Error | null, seqs: Map<string, number> | null) => void;

/**
 * What a storage that writes off the event loop offers the persist queue (SQLite's writer thread,
 * PostgreSQL's worker): the queue hands a turn's batches over, goes on admitting the next turns'
 * updates, and relays only once `done` says they are stored and durable. One append at a time
 * (the queue waits for one to call back before it hands over the next, with every room's turns
 * admitted meanwhile), unless the storage is `pipelined`.
 */
export interface AsyncAppend {
  /** `appendUpdates`, with its answer (or its failure) told to `done` later. */
  append(batches: readonly UpdateBatch[], now: number, done: Appended): void;
  /** Blocks until every append handed over has called back (a newcomer is shown only what is stored). */
  settle(): void;
  /**
   * Appends may be handed over before the earlier ones have called back: the storage writes
   * whatever waits for it together (one transaction, one sync: a group commit) and calls back in
   * order. After an append that stored nothing it stores nothing more until `recovered`, since
   * what was handed over meanwhile may have been built on it.
   */
  readonly pipelined?: boolean;
  /** The queue has dropped what a failed append and everything after it held: write again. */
  recovered?(): void;
}

export interface RoomRecord {
  id: string;
  template: string;
  createdAt: number;
  touchedAt: number;
  /** SHA-256 (hex) of each role's token: the tokens themselves are never stored. */
  facilitatorTokenHash: string;
  editTokenHash: string;
  viewTokenHash: string;
  /** The partner and viewer tokens, encrypted with the facilitator's token (see tokens.ts). */
  sealedLinks: string;
}

/** A workshop: several tables (rooms) under one facilitator token. */
export interface WorkshopRecord {
  id: string;
  createdAt: number;
  /**
   * SHA-256 (hex) of the workshop's key. Each table's facilitator token is derived from it
   * (tokens.ts, tableToken); in a workshop made before that, the key is every table's token.
   */
  facilitatorTokenHash: string;
  /** The tables' room ids, in table order. */
  roomIds: string[];
}

/** A moment of a room kept for the facilitator to look at and go back to (room history). */
export interface RestorePointInfo {
  id: number;
  createdAt: number;
  /** 'auto' (every few minutes of activity), 'before-delete', 'manual', 'before-restore'. */
  reason: string;
  label: string;
  shapeCount: number;
  /** Who was in the room: names and organisations, as their presence said. */
  people: { name: string; organisation: string }[];
  /** Size of the stored state: a room's history is bounded by the sum (RESTORE_POINT_BYTES_PER_ROOM). */
  bytes: number;
}

/** Which of a room's restore points stay: the newest always, unless older than `olderThan`. */
export interface PointsKept {
  /** At most this many, newest first. */
  keep: number;
  /** The newest points whose states add up to at most this many bytes. */
  maxBytes: number;
  /** None created before this time. */
  olderThan: number;
}

export interface RestorePoint extends RestorePointInfo {
  /** The whole document at that moment (Y.encodeStateAsUpdate). */
  state: Uint8Array;
}

export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last stored update (0 when none). */
  lastSeq: number;
  /** Bytes stored for this room: the snapshot plus the update log. */
  byteSize: number;
}

/** A room's stored document merged into one state, framed as a newcomer's sync step 2. */
export interface MergedDoc {
  syncStep2: Uint8Array;
  /** Where the state (Y.encodeStateAsUpdate of everything merged) begins in `syncStep2`. */
  stateAt: number;
  /** The state's state vector. */
  stateVector: Uint8Array;
  lastSeq: number;
  byteSize: number;
  /** Updates of the log merged in (0: the snapshot was the whole state). */
  logLength: number;
}

export interface UpdateBatch {
  roomId: string;
  updates: Uint8Array[];
}

/** Rooms, their update log and snapshots, restore points, workshops, and the template library (TemplateStore). */
export interface Storage extends TemplateStore {
  /** Present when the persist queue may append off the event loop instead of `appendUpdates`. */
  readonly asyncAppend?: AsyncAppend;
  /** Present when the storage syncs a disk itself (SQLite): `observe` is told how long each sync took. */
  timeSyncs?(observe: (ms: number) => void): void;
  createRoom(room: RoomRecord, initialState: Uint8Array): Promise<void>;
  getRoom(id: string): Promise<RoomRecord | null>;
  /** The bytes are the caller's own: it may move them to another thread (a transfer). */
  loadDoc(id: string): Promise<StoredDoc>;
  /**
   * The room read and merged off the event loop, the stored bytes never passing through it
   * (SQLite: the merge worker reads the file itself). A storage without it leaves the merge to
   * StoredStates (`loadDoc`, then the merge worker).
   */
  loadMerged?(id: string): Promise<MergedDoc>;
  /** `loadDoc`, blocking until read: only for a room's recovery (see above), rare by design. */
  loadDocNow(id: string): StoredDoc;
  /** Appends every batch in one transaction; returns each room's new last sequence number. */
  appendUpdates(batches: readonly UpdateBatch[], now: number): Map<string, number>;
  /**
   * Replaces the log up to `uptoSeq` with a snapshot. The snapshot, and the buffer under it, are
   * the storage's from then on: it may move them to another thread (a transfer), so the caller
   * must not read them after.
   */
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  deleteRoom(id: string): Promise<void>;
  roomsUntouchedSince(timestamp: number): Promise<string[]>;
  roomCount(): Promise<number>;
  /**
   * Stores a restore point and returns its id (ids grow within a room). Its state, and the buffer
   * under it, are the storage's from then on (see `compact`).
   */
  addRestorePoint(roomId: string, point: Omit<RestorePoint, 'id'>): Promise<number>;
  /** The room's restore points, newest first, without their state. */
  listRestorePoints(roomId: string): Promise<RestorePointInfo[]>;
  getRestorePoint(roomId: string, id: number): Promise<RestorePoint | null>;
  /** Drops the room's points that `kept` does not keep. */
  pruneRestorePoints(roomId: string, kept: PointsKept): Promise<void>;
  createWorkshop(workshop: WorkshopRecord): Promise<void>;
  getWorkshop(id: string): Promise<WorkshopRecord | null>;
  deleteWorkshop(id: string): Promise<void>;
  close(): void;
}

/** The silent round's waiting answers (SilentAnswerStore.ts) are part of it too, declared apart. */
export interface Storage extends SilentAnswerStore {}
