import type pg from 'pg';

/**
 * Schema steps, applied in order, each once, each in its own transaction. Append new steps;
 * never edit one that has shipped (its version is recorded as applied).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE doc_updates (
    seq bigserial PRIMARY KEY,
    doc_id text NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX doc_updates_doc ON doc_updates (doc_id, seq);
  CREATE TABLE assets (
    id text PRIMARY KEY,
    board_id text NOT NULL,
    mime text NOT NULL,
    width integer,
    height integer,
    data bytea NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX assets_board ON assets (board_id);
  CREATE TABLE workshops (
    id text PRIMARY KEY,
    join_code text NOT NULL UNIQUE,
    observer_code text NOT NULL UNIQUE,
    created_at bigint NOT NULL
  );
  CREATE TABLE workshop_boards (
    board_id text PRIMARY KEY,
    workshop_id text NOT NULL
  );
  CREATE INDEX workshop_boards_workshop ON workshop_boards (workshop_id);
  CREATE TABLE templates (
    id text PRIMARY KEY,
    name text NOT NULL,
    shapes text NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL
  );
  `,
  `
  CREATE TABLE export_jobs (
    id text PRIMARY KEY,
    workshop_id text NOT NULL,
    info text NOT NULL,
    file bytea,
    cancel_requested boolean NOT NULL DEFAULT false,
    expires_at bigint NOT NULL
  );
  CREATE INDEX export_jobs_workshop ON export_jobs (workshop_id);
  CREATE INDEX export_jobs_expiry ON export_jobs (expires_at);
  `,
  `
  ALTER TABLE workshops ADD COLUMN retention_days integer;
  ALTER TABLE workshops ADD COLUMN delete_after bigint;
  CREATE INDEX workshops_delete_after ON workshops (delete_after) WHERE delete_after IS NOT NULL;
  `,
  // Accounts, invites, tombstones, token generations, template owners. Tokens of workshops
  // from before generations carry none, which counts as generation 0.
  `
  ALTER TABLE workshops ADD COLUMN owner_id text;
  ALTER TABLE workshops ADD COLUMN token_gen bigint NOT NULL DEFAULT 0;
  ALTER TABLE workshops ADD COLUMN join_gen bigint NOT NULL DEFAULT 0;
  ALTER TABLE workshops ADD COLUMN join_open boolean NOT NULL DEFAULT true;
  CREATE INDEX workshops_owner ON workshops (owner_id, created_at);
  ALTER TABLE templates ADD COLUMN owner_id text;
  CREATE TABLE tombstones (
    id text PRIMARY KEY,
    deleted_at bigint NOT NULL
  );
  CREATE TABLE facilitators (
    id text PRIMARY KEY,
    subject text NOT NULL UNIQUE,
    name text NOT NULL,
    org text,
    created_at bigint NOT NULL,
    session_gen bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE invites (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    name text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at bigint
  );
  `,
  // Gathering templates: a saved plan of the day (issue 20).
  `
  ALTER TABLE templates ADD COLUMN plan text;
  `,
  // Series of gatherings: the series a workshop belongs to (see shared/src/series.ts).
  `
  ALTER TABLE workshops ADD COLUMN series_id text;
  CREATE INDEX workshops_series ON workshops (series_id, created_at) WHERE series_id IS NOT NULL;
  `,
];

/** Key of the transaction-scoped advisory lock that serialises migrations across servers. */
const MIGRATION_LOCK = "hashtextextended('torg:migrations', 0)";

/**
 * Applies the missing steps of `MIGRATIONS`. Each step runs in a transaction holding a
 * transaction-scoped advisory lock, so servers starting at once apply each step exactly once:
 * the second waits for the lock, then sees the version recorded and skips it.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (let version = 1; version <= MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        // Inside the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide otherwise.
        await client.query(
          `CREATE TABLE IF NOT EXISTS torg_schema_migrations (
             version int PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
        const done = await client.query('SELECT 1 FROM torg_schema_migrations WHERE version = $1', [
          version,
        ]);
        if (done.rowCount === 0) {
          await client.query(MIGRATIONS[version - 1] as string);
          await client.query(
            'INSERT INTO torg_schema_migrations (version, applied_at) VALUES ($1, now())',
            [version],
          );
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    }
  } finally {
    client.release();
  }
}
