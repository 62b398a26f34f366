import pg from 'pg';
import { PostgresAccess } from './postgres-access.js';
import { migrate } from './postgres-migrations.js';
import {
  type AssetRow,
  assetFromRow,
  type ExportJobRow,
  exportJobFromRow,
  TEMPLATE_COLUMNS,
  type TemplateRow,
  templateFromRow,
  WORKSHOP_COLUMNS,
  type WorkshopRow,
  workshopFromRow,
} from './rows.js';
import { compactedRows, type Snapshot } from './snapshot.js';
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

/** A copy with an ArrayBuffer of its own (pg's Buffers may share a pooled one). */
function ownBytes(b: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b);
}

/**
 * Storage in PostgreSQL, for several servers sharing one database. Same semantics as
 * `SqliteStorage`; every write is committed (durable) when its promise resolves. Timestamps
 * are `bigint` milliseconds (pg returns them as strings; they are converted to numbers).
 */
export class PostgresStorage implements Storage {
  readonly sharedByServers = true;
  readonly access: PostgresAccess;

  private constructor(private readonly pool: pg.Pool) {
    this.access = new PostgresAccess(pool);
  }

  /** Connects, applies missing schema migrations, and returns the ready storage. */
  static async open(url: string): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => {});
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStorage(pool);
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async load(docId: string): Promise<Uint8Array[]> {
    const res = await this.pool.query<{ data: Buffer }>(
      'SELECT data FROM doc_updates WHERE doc_id = $1 ORDER BY seq',
      [docId],
    );
    return res.rows.map((r) => ownBytes(r.data));
  }

  async append(entries: readonly AppendEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One statement is one transaction; unnest keeps the order of the arrays, so seq follows
    // the order of `entries`.
    await this.pool.query(
      `INSERT INTO doc_updates (doc_id, data)
       SELECT d, u FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(d, u, n) ORDER BY n`,
      [entries.map((e) => e.docId), entries.map((e) => Buffer.from(e.update))],
    );
  }

  async compact(docId: string, snapshot: Snapshot): Promise<void> {
    await this.tx(async (c) => {
      const lock = await c.query<{ granted: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtextextended('torg:compact:' || $1, 0)) AS granted",
        [docId],
      );
      // Another server is compacting this document; its result contains everything it read,
      // and whatever it did not read stays in the log.
      if (!lock.rows[0]?.granted) return;
      const rows = await c.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE doc_id = $1 ORDER BY seq',
        [docId],
      );
      const last = rows.rows.at(-1);
      const parts = compactedRows(
        rows.rows.map((r) => r.data),
        snapshot,
      );
      // Exactly the rows read, not `seq <= last`: a sequence number is taken before its row
      // commits, so a row of another server with a lower seq may commit after the read (and
      // this statement, with a snapshot of its own, would see and delete it).
      if (last)
        await c.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq = ANY($2::bigint[])', [
          docId,
          rows.rows.map((r) => r.seq),
        ]);
      // In order (see `append`): a loading server applies the parts as they were written.
      await c.query(
        `INSERT INTO doc_updates (doc_id, data)
         SELECT $1, u FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, n) ORDER BY n`,
        [docId, parts.map((p) => Buffer.from(p))],
      );
    });
  }

  async delete(docId: string): Promise<void> {
    await this.pool.query('DELETE FROM doc_updates WHERE doc_id = $1', [docId]);
  }

  async sharedSetting(key: string, fallback: string): Promise<string> {
    await this.pool.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, fallback],
    );
    const res = await this.pool.query<{ value: string }>(
      'SELECT value FROM settings WHERE key = $1',
      [key],
    );
    return res.rows[0]?.value ?? fallback;
  }

  async putAsset(asset: NewAsset): Promise<void> {
    const { id, boardId, mime, width, height, data } = asset;
    // A plain INSERT: an existing id fails instead of replacing an immutable asset.
    await this.pool.query(
      `INSERT INTO assets (id, board_id, mime, width, height, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, boardId, mime, width, height, Buffer.from(data), Date.now()],
    );
  }

  async getAsset(id: string): Promise<StoredAsset | null> {
    const res = await this.pool.query<AssetRow>(
      'SELECT id, board_id, mime, width, height, data, created_at FROM assets WHERE id = $1',
      [id],
    );
    const row = res.rows[0];
    if (!row) return null;
    return assetFromRow(row);
  }

  async deleteBoardAssets(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM assets WHERE board_id = $1', [boardId]);
  }

  async putWorkshop(w: WorkshopRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [w.id, w.joinCode, w.observerCode, w.createdAt, w.ownerId, w.tokenGen, w.joinGen, w.joinOpen],
    );
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const res = await this.pool.query<WorkshopRow>(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = $1`,
      [id],
    );
    const row = res.rows[0];
    return row ? workshopFromRow(row) : null;
  }

  async findByCode(code: string): Promise<WorkshopRecord | null> {
    const res = await this.pool.query<WorkshopRow>(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE join_code = $1 OR observer_code = $1`,
      [code],
    );
    const row = res.rows[0];
    return row ? workshopFromRow(row) : null;
  }

  async addBoards(workshopId: string, boardIds: readonly string[]): Promise<void> {
    if (boardIds.length === 0) return;
    await this.pool.query(
      `INSERT INTO workshop_boards (board_id, workshop_id)
       SELECT b, $2 FROM unnest($1::text[]) AS b
       ON CONFLICT (board_id) DO NOTHING`,
      [[...new Set(boardIds)], workshopId],
    );
  }

  async boardWorkshop(boardId: string): Promise<string | null> {
    const res = await this.pool.query<{ workshop_id: string }>(
      'SELECT workshop_id FROM workshop_boards WHERE board_id = $1',
      [boardId],
    );
    return res.rows[0]?.workshop_id ?? null;
  }

  async workshopBoards(workshopId: string): Promise<string[]> {
    const res = await this.pool.query<{ board_id: string }>(
      'SELECT board_id FROM workshop_boards WHERE workshop_id = $1',
      [workshopId],
    );
    return res.rows.map((r) => r.board_id);
  }

  async deleteWorkshop(id: string): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM workshop_boards WHERE workshop_id = $1', [id]);
      await c.query('DELETE FROM workshops WHERE id = $1', [id]);
    });
  }

  async setWorkshopRetention(
    id: string,
    retention: { days: number; deleteAfter: number } | null,
  ): Promise<boolean> {
    const res = await this.pool.query(
      'UPDATE workshops SET retention_days = $1, delete_after = $2 WHERE id = $3',
      [retention?.days ?? null, retention?.deleteAfter ?? null, id],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async expiredWorkshops(now: number): Promise<string[]> {
    const res = await this.pool.query<{ id: string }>(
      'SELECT id FROM workshops WHERE delete_after <= $1 ORDER BY delete_after, id COLLATE "C"',
      [now],
    );
    return res.rows.map((r) => r.id);
  }

  async setWorkshopSeries(id: string, seriesId: string | null): Promise<boolean> {
    const res = await this.pool.query('UPDATE workshops SET series_id = $1 WHERE id = $2', [
      seriesId,
      id,
    ]);
    return (res.rowCount ?? 0) > 0;
  }

  async seriesWorkshops(seriesId: string): Promise<string[]> {
    const res = await this.pool.query<{ id: string }>(
      'SELECT id FROM workshops WHERE series_id = $1 ORDER BY created_at, id COLLATE "C"',
      [seriesId],
    );
    return res.rows.map((r) => r.id);
  }

  async putTemplate(t: TemplateRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO templates (${TEMPLATE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
      [t.id, t.ownerId, t.name, t.shapes, t.plan, t.createdAt],
    );
  }

  async listTemplates(ownerIds: readonly string[]): Promise<TemplateRecord[]> {
    // COLLATE "C": the same byte order as SQLite's for ids of equal age.
    const res = await this.pool.query<TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates
       WHERE owner_id = ANY($1::text[]) ORDER BY created_at, id COLLATE "C"`,
      [[...ownerIds]],
    );
    return res.rows.map(templateFromRow);
  }

  async getTemplate(id: string): Promise<TemplateRecord | null> {
    const res = await this.pool.query<TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE id = $1`,
      [id],
    );
    const row = res.rows[0];
    return row ? templateFromRow(row) : null;
  }

  async renameTemplate(id: string, name: string): Promise<boolean> {
    const res = await this.pool.query('UPDATE templates SET name = $1 WHERE id = $2', [name, id]);
    return (res.rowCount ?? 0) > 0;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const res = await this.pool.query('DELETE FROM templates WHERE id = $1', [id]);
    return (res.rowCount ?? 0) > 0;
  }

  async putExportJob(job: NewExportJob): Promise<void> {
    await this.pool.query(
      'INSERT INTO export_jobs (id, workshop_id, info, expires_at) VALUES ($1, $2, $3, $4)',
      [job.id, job.workshopId, job.info, job.expiresAt],
    );
  }

  async updateExportJob(job: ExportJobUpdate): Promise<boolean> {
    const file = job.file === undefined ? null : job.file && Buffer.from(job.file);
    // One statement: the cancel check and the write cannot be split by another server.
    const res = await this.pool.query(
      `UPDATE export_jobs
       SET info = $3, expires_at = $4, file = CASE WHEN $5 THEN $6::bytea ELSE file END
       WHERE id = $1 AND workshop_id = $2 AND NOT (cancel_requested AND $7)`,
      [
        job.id,
        job.workshopId,
        job.info,
        job.expiresAt,
        job.file !== undefined,
        file,
        job.unlessCancelRequested,
      ],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async getExportJob(workshopId: string, jobId: string): Promise<StoredExportJob | null> {
    const res = await this.pool.query<ExportJobRow>(
      `SELECT id, workshop_id, info, expires_at, cancel_requested, octet_length(file) AS file_size
       FROM export_jobs WHERE id = $1 AND workshop_id = $2`,
      [jobId, workshopId],
    );
    const row = res.rows[0];
    if (!row) return null;
    return exportJobFromRow(row);
  }

  async getExportFile(workshopId: string, jobId: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const res = await this.pool.query<{ file: Buffer | null }>(
      'SELECT file FROM export_jobs WHERE id = $1 AND workshop_id = $2',
      [jobId, workshopId],
    );
    const file = res.rows[0]?.file;
    return file ? ownBytes(file) : null;
  }

  async requestExportCancel(workshopId: string, jobId: string): Promise<boolean> {
    const res = await this.pool.query(
      'UPDATE export_jobs SET cancel_requested = true WHERE id = $1 AND workshop_id = $2',
      [jobId, workshopId],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async deleteExportJob(workshopId: string, jobId: string): Promise<boolean> {
    const res = await this.pool.query(
      'DELETE FROM export_jobs WHERE id = $1 AND workshop_id = $2',
      [jobId, workshopId],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async deleteWorkshopExportJobs(workshopId: string): Promise<void> {
    await this.pool.query('DELETE FROM export_jobs WHERE workshop_id = $1', [workshopId]);
  }

  async deleteExpiredExportJobs(now: number): Promise<number> {
    const res = await this.pool.query('DELETE FROM export_jobs WHERE expires_at <= $1', [now]);
    return res.rowCount ?? 0;
  }

  /** Number of stored log entries of a document (after compaction, the snapshot's parts). */
  async logLength(docId: string): Promise<number> {
    const res = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM doc_updates WHERE doc_id = $1',
      [docId],
    );
    return Number(res.rows[0]?.n ?? 0);
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
