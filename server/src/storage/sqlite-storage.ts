import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { assetFromRow, exportJobFromRow, templateFromRow, workshopFromRow } from './rows.js';
import type { Snapshot } from './snapshot.js';
import { SqliteAccess } from './sqlite-access.js';
import { SqliteLogWriter } from './sqlite-log-writer.js';
import { openSqlite } from './sqlite-schema.js';
import { prepareStatements, type SqliteStatements } from './sqlite-statements.js';
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
 * Embedded default storage: one SQLite file (its tables in sqlite-schema.ts, its queries in
 * sqlite-statements.ts, the account tables in sqlite-access.ts). Uploaded images live in the
 * same file, so one file is the whole backup.
 */
export class SqliteStorage implements Storage {
  readonly file: string;
  readonly access: SqliteAccess;
  private readonly db: Database.Database;
  private readonly stmts: SqliteStatements;
  /** Appends and compactions: on a thread of their own (`SqliteLogWriter`, issue 24). */
  private log: SqliteLogWriter | null = null;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, SQLITE_FILE);
    this.db = openSqlite(this.file);
    // Accounts, invites, tombstones, token generations and template owners (issue 15).
    this.access = new SqliteAccess(this.db);
    this.stmts = prepareStatements(this.db);
  }

  async load(docId: string): Promise<Uint8Array[]> {
    return this.stmts.load.all(docId).map((row) => new Uint8Array(row.data));
  }

  async append(entries: readonly AppendEntry[]): Promise<void> {
    if (entries.length > 0) await this.logWriter().append(entries);
  }

  async compact(docId: string, snapshot: Snapshot): Promise<void> {
    // The same contract as PostgreSQL: what the rows read hold beyond the snapshot is kept,
    // and only those rows go (`compactedRows`, in the writer's transaction), so an update the
    // snapshot does not contain can never be dropped.
    await this.logWriter().compact(docId, snapshot);
  }

  /** The document log's writer thread, started with the first write. */
  private logWriter(): SqliteLogWriter {
    this.log ??= new SqliteLogWriter(this.file);
    return this.log;
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

  /** Number of stored log entries of a document (after compaction, the snapshot's parts). */
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

  async setWorkshopSeries(id: string, seriesId: string | null): Promise<boolean> {
    return this.stmts.setSeries.run(seriesId, id).changes > 0;
  }

  async seriesWorkshops(seriesId: string): Promise<string[]> {
    return this.stmts.seriesWorkshops.all(seriesId).map((r) => r.id);
  }

  async putTemplate(t: TemplateRecord): Promise<void> {
    this.stmts.putTemplate.run(t.id, t.ownerId, t.name, t.shapes, t.plan, t.createdAt);
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
    await this.log?.close();
    this.log = null;
    if (this.db.open) this.db.close();
  }
}
