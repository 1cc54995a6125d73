/**
 * The PostgreSQL schema, as numbered migrations run in order on start (each once, recorded in
 * `patroonkaart_migrations`, under an advisory lock so two processes starting together do not
 * race). Add a migration at the end; never edit one that has shipped.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  template TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  touched_at BIGINT NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  edit_token_hash TEXT NOT NULL,
  view_token_hash TEXT NOT NULL,
  sealed_links TEXT NOT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX rooms_touched ON rooms(touched_at);
CREATE TABLE snapshots (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  data BYTEA NOT NULL,
  upto_seq BIGINT NOT NULL
);
CREATE TABLE updates (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (room_id, seq)
);
CREATE TABLE restore_points (
  id BIGSERIAL PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  label TEXT NOT NULL,
  shape_count INTEGER NOT NULL,
  people TEXT NOT NULL,
  state BYTEA NOT NULL
);
CREATE INDEX restore_points_room ON restore_points(room_id, id);
CREATE TABLE workshops (
  id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  room_ids TEXT NOT NULL
);
`,
  },
  {
    // The template library (server/src/library): maps saved as templates of the installation.
    version: 2,
    sql: `
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  step_count INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  map TEXT NOT NULL
);
`,
  },
  {
    // A silent round's waiting answers (server/src/rooms/silent), until the facilitator reveals.
    version: 3,
    sql: `
CREATE TABLE waiting_answers (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (room_id, id)
);
`,
  },
];
