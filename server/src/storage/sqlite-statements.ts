import type Database from 'better-sqlite3';
import {
  type AssetRow,
  type ExportJobRow,
  TEMPLATE_COLUMNS,
  type TemplateRow,
  WORKSHOP_COLUMNS,
  type WorkshopRow,
} from './rows.js';

/** Every statement SqliteStorage runs, prepared once when the file is opened. */
export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** Prepares the statements of the document log, images, workshops, templates, settings and exports. */
export function prepareStatements(db: Database.Database) {
  return {
    load: db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
    ),
    deleteDoc: db.prepare<[string]>('DELETE FROM doc_updates WHERE doc_id = ?'),
    count: db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?',
    ),
    // A plain INSERT: an existing id fails instead of replacing an immutable asset.
    putAsset: db.prepare<[string, string, string, number, number, Uint8Array, number]>(
      `INSERT INTO assets (id, board_id, mime, width, height, data, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getAsset: db.prepare<[string], AssetRow>(
      'SELECT id, board_id, mime, width, height, data, created_at FROM assets WHERE id = ?',
    ),
    deleteBoardAssets: db.prepare<[string]>('DELETE FROM assets WHERE board_id = ?'),
    putWorkshop: db.prepare<
      [string, string, string, number, string | null, number, number, number]
    >(`INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getWorkshop: db.prepare<[string], WorkshopRow>(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = ?`,
    ),
    findByCode: db.prepare<[string, string], WorkshopRow>(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE join_code = ? OR observer_code = ?`,
    ),
    addBoard: db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO workshop_boards (board_id, workshop_id) VALUES (?, ?)',
    ),
    boardWorkshop: db.prepare<[string], { workshop_id: string }>(
      'SELECT workshop_id FROM workshop_boards WHERE board_id = ?',
    ),
    workshopBoards: db.prepare<[string], { board_id: string }>(
      'SELECT board_id FROM workshop_boards WHERE workshop_id = ?',
    ),
    deleteWorkshopBoards: db.prepare<[string]>('DELETE FROM workshop_boards WHERE workshop_id = ?'),
    deleteWorkshop: db.prepare<[string]>('DELETE FROM workshops WHERE id = ?'),
    setRetention: db.prepare<[number | null, number | null, string]>(
      'UPDATE workshops SET retention_days = ?, delete_after = ? WHERE id = ?',
    ),
    expiredWorkshops: db.prepare<[number], { id: string }>(
      'SELECT id FROM workshops WHERE delete_after <= ? ORDER BY delete_after, id',
    ),
    setSeries: db.prepare<[string | null, string]>(
      'UPDATE workshops SET series_id = ? WHERE id = ?',
    ),
    seriesWorkshops: db.prepare<[string], { id: string }>(
      'SELECT id FROM workshops WHERE series_id = ? ORDER BY created_at, id',
    ),
    putTemplate: db.prepare<[string, string | null, string, string, string | null, number]>(
      `INSERT INTO templates (${TEMPLATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    listTemplates: db.prepare<[string], TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates
       WHERE owner_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
    ),
    getTemplate: db.prepare<[string], TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE id = ?`,
    ),
    renameTemplate: db.prepare<[string, string]>('UPDATE templates SET name = ? WHERE id = ?'),
    deleteTemplate: db.prepare<[string]>('DELETE FROM templates WHERE id = ?'),
    insertSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    putExportJob: db.prepare<[string, string, string, number]>(
      'INSERT INTO export_jobs (id, workshop_id, info, expires_at) VALUES (?, ?, ?, ?)',
    ),
    updateExportJob: db.prepare<
      [string, number, number, Uint8Array | null, string, string, number]
    >(
      `UPDATE export_jobs SET info = ?, expires_at = ?, file = CASE WHEN ? THEN ? ELSE file END
       WHERE id = ? AND workshop_id = ? AND NOT (cancel_requested AND ?)`,
    ),
    getExportJob: db.prepare<[string, string], ExportJobRow>(
      `SELECT id, workshop_id, info, expires_at, cancel_requested, length(file) AS file_size
       FROM export_jobs WHERE id = ? AND workshop_id = ?`,
    ),
    getExportFile: db.prepare<[string, string], { file: Buffer | null }>(
      'SELECT file FROM export_jobs WHERE id = ? AND workshop_id = ?',
    ),
    requestExportCancel: db.prepare<[string, string]>(
      'UPDATE export_jobs SET cancel_requested = 1 WHERE id = ? AND workshop_id = ?',
    ),
    deleteExportJob: db.prepare<[string, string]>(
      'DELETE FROM export_jobs WHERE id = ? AND workshop_id = ?',
    ),
    deleteWorkshopExportJobs: db.prepare<[string]>('DELETE FROM export_jobs WHERE workshop_id = ?'),
    deleteExpiredExportJobs: db.prepare<[number]>('DELETE FROM export_jobs WHERE expires_at <= ?'),
  };
}
