import type { StoredAsset, StoredExportJob, TemplateRecord, WorkshopRecord } from './storage.js';

/** Milliseconds since the epoch as a column: PostgreSQL returns its bigint as a string. */
type Millis = number | string;

/** Row shapes of the SQL storages (the same columns in SQLite and PostgreSQL). */
export interface WorkshopRow {
  id: string;
  join_code: string;
  observer_code: string;
  created_at: Millis;
}

export function workshopFromRow(r: WorkshopRow): WorkshopRecord {
  return {
    id: r.id,
    joinCode: r.join_code,
    observerCode: r.observer_code,
    createdAt: Number(r.created_at),
  };
}

export interface TemplateRow {
  id: string;
  name: string;
  shapes: string;
  created_at: Millis;
}

export function templateFromRow(r: TemplateRow): TemplateRecord {
  return { id: r.id, name: r.name, shapes: r.shapes, createdAt: Number(r.created_at) };
}

export interface AssetRow {
  id: string;
  board_id: string;
  mime: string;
  width: number;
  height: number;
  data: Buffer;
  created_at: Millis;
}

export interface ExportJobRow {
  id: string;
  workshop_id: string;
  info: string;
  expires_at: Millis;
  /** SQLite has no booleans: 0 or 1 there. */
  cancel_requested: boolean | number;
  file_size: number | null;
}

export function assetFromRow(r: AssetRow): StoredAsset {
  return {
    id: r.id,
    boardId: r.board_id,
    mime: r.mime,
    width: r.width,
    height: r.height,
    // A copy with an ArrayBuffer of its own (drivers' Buffers may share a pooled one).
    data: new Uint8Array(r.data),
    createdAt: Number(r.created_at),
  };
}

export function exportJobFromRow(r: ExportJobRow): StoredExportJob {
  return {
    id: r.id,
    workshopId: r.workshop_id,
    info: r.info,
    expiresAt: Number(r.expires_at),
    cancelRequested: Boolean(r.cancel_requested),
    fileSize: r.file_size,
  };
}
