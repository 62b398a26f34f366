import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import {
  type AssetRow,
  assetFromRow,
  type ExportJobRow,
  exportJobFromRow,
  type TemplateRow,
  templateFromRow,
  WORKSHOP_COLUMNS,
  type WorkshopRow,
  workshopFromRow,
} from './rows.js';
import { SqliteAccess } from './sqlite-access.js';
import type {
  AppendEntry,
  ExportJobUpdate,
  NewAsset,
  NewExportJob,
  Storage,
  StoredAsset,
  StoredExportJob,
  TemplateRecord,
  WorkshopRecord,
} from './storage.js';

export const SQLITE_FILE = 'torg.sqlite';

/**
 * Embedded default storage: one SQLite file in WAL mode. `synchronous = FULL` makes every
 * committed group of updates durable; with group commit that is one fsync per tick, not
 * one per keystroke. Uploaded images live in the same file, so one file is the whole
 * backup.
 */
export class SqliteStorage implements Storage {
  readonly file: string;
  readonly access: SqliteAccess;
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, SQLITE_FILE);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
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
    const workshopColumns = this.db.pragma('table_info(workshops)') as { name: string }[];
    if (!workshopColumns.some((c) => c.name === 'delete_after'))
      this.db.exec(`
        ALTER TABLE workshops ADD COLUMN retention_days INTEGER;
        ALTER TABLE workshops ADD COLUMN delete_after INTEGER;
      `);
    this.db.exec(
      'CREATE INDEX IF NOT EXISTS workshops_delete_after ON workshops (delete_after) WHERE delete_after IS NOT NULL',
    );
    // Accounts, invites, tombstones, token generations and template owners (issue 15).
    this.access = new SqliteAccess(this.db);
    this.stmts = {
      load: this.db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
      ),
      loadWithSeq: this.db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
      ),
      deleteUpTo: this.db.prepare<[string, number]>(
        'DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?',
      ),
      insert: this.db.prepare<[string, Uint8Array]>(
        'INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)',
      ),
      deleteDoc: this.db.prepare<[string]>('DELETE FROM doc_updates WHERE doc_id = ?'),
      count: this.db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?',
      ),
      // A plain INSERT: an existing id fails instead of replacing an immutable asset.
      putAsset: this.db.prepare<[string, string, string, number, number, Uint8Array, number]>(
        `INSERT INTO assets (id, board_id, mime, width, height, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      getAsset: this.db.prepare<[string], AssetRow>(
        'SELECT id, board_id, mime, width, height, data, created_at FROM assets WHERE id = ?',
      ),
      deleteBoardAssets: this.db.prepare<[string]>('DELETE FROM assets WHERE board_id = ?'),
      putWorkshop: this.db.prepare<
        [string, string, string, number, string | null, number, number, number]
      >(`INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      getWorkshop: this.db.prepare<[string], WorkshopRow>(
        `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = ?`,
      ),
      findByCode: this.db.prepare<[string, string], WorkshopRow>(
        `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE join_code = ? OR observer_code = ?`,
      ),
      addBoard: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO workshop_boards (board_id, workshop_id) VALUES (?, ?)',
      ),
      boardWorkshop: this.db.prepare<[string], { workshop_id: string }>(
        'SELECT workshop_id FROM workshop_boards WHERE board_id = ?',
      ),
      workshopBoards: this.db.prepare<[string], { board_id: string }>(
        'SELECT board_id FROM workshop_boards WHERE workshop_id = ?',
      ),
      deleteWorkshopBoards: this.db.prepare<[string]>(
        'DELETE FROM workshop_boards WHERE workshop_id = ?',
      ),
      deleteWorkshop: this.db.prepare<[string]>('DELETE FROM workshops WHERE id = ?'),
      setRetention: this.db.prepare<[number | null, number | null, string]>(
        'UPDATE workshops SET retention_days = ?, delete_after = ? WHERE id = ?',
      ),
      expiredWorkshops: this.db.prepare<[number], { id: string }>(
        'SELECT id FROM workshops WHERE delete_after <= ? ORDER BY delete_after, id',
      ),
      putTemplate: this.db.prepare<[string, string | null, string, string, number]>(
        'INSERT INTO templates (id, owner_id, name, shapes, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      listTemplates: this.db.prepare<[string], TemplateRow>(
        `SELECT id, owner_id, name, shapes, created_at FROM templates
         WHERE owner_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
      ),
      getTemplate: this.db.prepare<[string], TemplateRow>(
        'SELECT id, owner_id, name, shapes, created_at FROM templates WHERE id = ?',
      ),
      renameTemplate: this.db.prepare<[string, string]>(
        'UPDATE templates SET name = ? WHERE id = ?',
      ),
      deleteTemplate: this.db.prepare<[string]>('DELETE FROM templates WHERE id = ?'),
      insertSetting: this.db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
      ),
      getSetting: this.db.prepare<[string], { value: string }>(
        'SELECT value FROM settings WHERE key = ?',
      ),
      putExportJob: this.db.prepare<[string, string, string, number]>(
        'INSERT INTO export_jobs (id, workshop_id, info, expires_at) VALUES (?, ?, ?, ?)',
      ),
      updateExportJob: this.db.prepare<
        [string, number, number, Uint8Array | null, string, string, number]
      >(
        `UPDATE export_jobs SET info = ?, expires_at = ?, file = CASE WHEN ? THEN ? ELSE file END
         WHERE id = ? AND workshop_id = ? AND NOT (cancel_requested AND ?)`,
      ),
      getExportJob: this.db.prepare<[string, string], ExportJobRow>(
        `SELECT id, workshop_id, info, expires_at, cancel_requested, length(file) AS file_size
         FROM export_jobs WHERE id = ? AND workshop_id = ?`,
      ),
      getExportFile: this.db.prepare<[string, string], { file: Buffer | null }>(
        'SELECT file FROM export_jobs WHERE id = ? AND workshop_id = ?',
      ),
      requestExportCancel: this.db.prepare<[string, string]>(
        'UPDATE export_jobs SET cancel_requested = 1 WHERE id = ? AND workshop_id = ?',
      ),
      deleteExportJob: this.db.prepare<[string, string]>(
        'DELETE FROM export_jobs WHERE id = ? AND workshop_id = ?',
      ),
      deleteWorkshopExportJobs: this.db.prepare<[string]>(
        'DELETE FROM export_jobs WHERE workshop_id = ?',
      ),
      deleteExpiredExportJobs: this.db.prepare<[number]>(
        'DELETE FROM export_jobs WHERE expires_at <= ?',
      ),
    };
  }

  private readonly appendTx = (entries: readonly AppendEntry[]) => {
    this.db.transaction(() => {
      for (const e of entries) this.stmts.insert.run(e.docId, e.update);
    })();
  };

  async load(docId: string): Promise<Uint8Array[]> {
    return this.stmts.load.all(docId).map((row) => new Uint8Array(row.data));
  }

  async append(entries: readonly AppendEntry[]): Promise<void> {
    if (entries.length > 0) this.appendTx(entries);
  }

  async compact(docId: string, snapshot: Uint8Array): Promise<void> {
    // The same contract as PostgreSQL: the snapshot is merged with the rows read, and only
    // those rows go, so an update the snapshot does not contain can never be dropped.
    this.db.transaction(() => {
      const rows = this.stmts.loadWithSeq.all(docId);
      const last = rows.at(-1);
      if (last) this.stmts.deleteUpTo.run(docId, last.seq);
      const merged =
        rows.length > 0 ? Y.mergeUpdates([...rows.map((r) => r.data), snapshot]) : snapshot;
      this.stmts.insert.run(docId, merged);
    })();
  }

  async delete(docId: string): Promise<void> {
    this.stmts.deleteDoc.run(docId);
  }

  async putAsset(asset: NewAsset): Promise<void> {
    const { id, boardId, mime, width, height, data } = asset;
    this.stmts.putAsset.run(id, boardId, mime, width, height, data, Date.now());
  }

  async getAsset(id: string): Promise<StoredAsset | null> {
    const row = this.stmts.getAsset.get(id);
    if (!row) return null;
    return assetFromRow(row);
  }

  async deleteBoardAssets(boardId: string): Promise<void> {
    this.stmts.deleteBoardAssets.run(boardId);
  }

  /** Number of stored log entries of a document (1 after compaction). */
  logLength(docId: string): number {
    return this.stmts.count.get(docId)?.n ?? 0;
  }

  async putWorkshop(w: WorkshopRecord): Promise<void> {
    this.stmts.putWorkshop.run(
      w.id,
      w.joinCode,
      w.observerCode,
      w.createdAt,
      w.ownerId,
      w.tokenGen,
      w.joinGen,
      w.joinOpen ? 1 : 0,
    );
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const row = this.stmts.getWorkshop.get(id);
    return row ? workshopFromRow(row) : null;
  }

  async findByCode(code: string): Promise<WorkshopRecord | null> {
    const row = this.stmts.findByCode.get(code, code);
    return row ? workshopFromRow(row) : null;
  }

  async addBoards(workshopId: string, boardIds: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of boardIds) this.stmts.addBoard.run(id, workshopId);
    })();
  }

  async boardWorkshop(boardId: string): Promise<string | null> {
    return this.stmts.boardWorkshop.get(boardId)?.workshop_id ?? null;
  }

  async workshopBoards(workshopId: string): Promise<string[]> {
    return this.stmts.workshopBoards.all(workshopId).map((r) => r.board_id);
  }

  async deleteWorkshop(id: string): Promise<void> {
    this.db.transaction(() => {
      this.stmts.deleteWorkshopBoards.run(id);
      this.stmts.deleteWorkshop.run(id);
    })();
  }

  async setWorkshopRetention(
    id: string,
    retention: { days: number; deleteAfter: number } | null,
  ): Promise<boolean> {
    return (
      this.stmts.setRetention.run(retention?.days ?? null, retention?.deleteAfter ?? null, id)
        .changes > 0
    );
  }

  async expiredWorkshops(now: number): Promise<string[]> {
    return this.stmts.expiredWorkshops.all(now).map((r) => r.id);
  }

  async putTemplate(t: TemplateRecord): Promise<void> {
    this.stmts.putTemplate.run(t.id, t.ownerId, t.name, t.shapes, t.createdAt);
  }

  async listTemplates(ownerIds: readonly string[]): Promise<TemplateRecord[]> {
    return this.stmts.listTemplates.all(JSON.stringify(ownerIds)).map(templateFromRow);
  }

  async getTemplate(id: string): Promise<TemplateRecord | null> {
    const row = this.stmts.getTemplate.get(id);
    return row ? templateFromRow(row) : null;
  }

  async renameTemplate(id: string, name: string): Promise<boolean> {
    return this.stmts.renameTemplate.run(name, id).changes > 0;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return this.stmts.deleteTemplate.run(id).changes > 0;
  }

  async sharedSetting(key: string, fallback: string): Promise<string> {
    return this.db.transaction(() => {
      this.stmts.insertSetting.run(key, fallback);
      return this.stmts.getSetting.get(key)?.value ?? fallback;
    })();
  }

  async putExportJob(job: NewExportJob): Promise<void> {
    this.stmts.putExportJob.run(job.id, job.workshopId, job.info, job.expiresAt);
  }

  async updateExportJob(job: ExportJobUpdate): Promise<boolean> {
    const setFile = job.file !== undefined;
    return (
      this.stmts.updateExportJob.run(
        job.info,
        job.expiresAt,
        setFile ? 1 : 0,
        job.file ?? null,
        job.id,
        job.workshopId,
        job.unlessCancelRequested ? 1 : 0,
      ).changes > 0
    );
  }

  async getExportJob(workshopId: string, jobId: string): Promise<StoredExportJob | null> {
    const row = this.stmts.getExportJob.get(jobId, workshopId);
    if (!row) return null;
    return exportJobFromRow(row);
  }

  async getExportFile(workshopId: string, jobId: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const file = this.stmts.getExportFile.get(jobId, workshopId)?.file;
    return file ? new Uint8Array(file) : null;
  }

  async requestExportCancel(workshopId: string, jobId: string): Promise<boolean> {
    return this.stmts.requestExportCancel.run(jobId, workshopId).changes > 0;
  }

  async deleteExportJob(workshopId: string, jobId: string): Promise<boolean> {
    return this.stmts.deleteExportJob.run(jobId, workshopId).changes > 0;
  }

  async deleteWorkshopExportJobs(workshopId: string): Promise<void> {
    this.stmts.deleteWorkshopExportJobs.run(workshopId);
  }

  async deleteExpiredExportJobs(now: number): Promise<number> {
    return this.stmts.deleteExpiredExportJobs.run(now).changes;
  }

  /** Rows left in every table that mention this id (for deletion tests). */
  rowsMentioning(id: string): number {
    const q = (sql: string) => (this.db.prepare(sql).get(id, id) as { n: number }).n;
    return (
      q('SELECT COUNT(*) AS n FROM workshops WHERE id = ? OR id = ?') +
      q('SELECT COUNT(*) AS n FROM workshop_boards WHERE workshop_id = ? OR board_id = ?') +
      q("SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = 'w.' || ? OR doc_id = 'b.' || ?") +
      q('SELECT COUNT(*) AS n FROM assets WHERE board_id = ? OR id = ?')
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
