import Database from 'better-sqlite3';

/**
 * Opens (creating when new) the SQLite file with the server's tables. WAL mode with
 * `synchronous = FULL` makes every committed group of updates durable; with group commit that
 * is one fsync per tick, not one per keystroke. The account tables are SqliteAccess's own.
 */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS doc_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (doc_id, seq);
    CREATE TABLE IF NOT EXISTS assets (
      id TEXT PRIMARY KEY,
      board_id TEXT NOT NULL,
      mime TEXT NOT NULL,
      width INTEGER,
      height INTEGER,
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS assets_board ON assets (board_id);
    CREATE TABLE IF NOT EXISTS workshops (
      id TEXT PRIMARY KEY,
      join_code TEXT NOT NULL UNIQUE,
      observer_code TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS workshop_boards (
      board_id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS workshop_boards_workshop ON workshop_boards (workshop_id);
    CREATE TABLE IF NOT EXISTS templates (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      shapes TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS export_jobs (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL,
      info TEXT NOT NULL,
      file BLOB,
      cancel_requested INTEGER NOT NULL DEFAULT 0,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS export_jobs_workshop ON export_jobs (workshop_id);
    CREATE INDEX IF NOT EXISTS export_jobs_expiry ON export_jobs (expires_at);
  `);
  // Columns added after the first release: CREATE TABLE IF NOT EXISTS keeps old tables.
  const workshopColumns = db.pragma('table_info(workshops)') as { name: string }[];
  if (!workshopColumns.some((c) => c.name === 'delete_after'))
    db.exec(`
      ALTER TABLE workshops ADD COLUMN retention_days INTEGER;
      ALTER TABLE workshops ADD COLUMN delete_after INTEGER;
    `);
  addColumns(db, 'templates', { plan: 'TEXT' });
  addColumns(db, 'workshops', { series_id: 'TEXT' });
  db.exec(
    'CREATE INDEX IF NOT EXISTS workshops_series ON workshops (series_id, created_at) WHERE series_id IS NOT NULL',
  );
  db.exec(
    'CREATE INDEX IF NOT EXISTS workshops_delete_after ON workshops (delete_after) WHERE delete_after IS NOT NULL',
  );
  return db;
}

/** Adds the columns a table lacks (CREATE TABLE IF NOT EXISTS keeps old tables as they were). */
export function addColumns(db: Database.Database, table: string, columns: Record<string, string>) {
  const have = new Set(
    (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name),
  );
  for (const [name, type] of Object.entries(columns))
    if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
}
