import type {
  FacilitatorAccount,
  InviteRecord,
  StoredAsset,
  StoredExportJob,
  TemplateRecord,
  WorkshopAccessPatch,
  WorkshopRecord,
} from './storage.js';

/** Milliseconds since the epoch as a column: PostgreSQL returns its bigint as a string. */
type Millis = number | string;

/** Row shapes of the SQL storages (the same columns in SQLite and PostgreSQL). */
export interface WorkshopRow {
  id: string;
  join_code: string;
  observer_code: string;
  created_at: Millis;
  owner_id: string | null;
  token_gen: Millis;
  join_gen: Millis;
  /** SQLite has no booleans: 0 or 1 there. */
  join_open: boolean | number;
}

/** The columns of `WorkshopRow`, for SELECT lists (the same in both databases). */
export const WORKSHOP_COLUMNS =
  'id, join_code, observer_code, created_at, owner_id, token_gen, join_gen, join_open';

export function workshopFromRow(r: WorkshopRow): WorkshopRecord {
  return {
    id: r.id,
    joinCode: r.join_code,
    observerCode: r.observer_code,
    createdAt: Number(r.created_at),
    ownerId: r.owner_id,
    tokenGen: Number(r.token_gen),
    joinGen: Number(r.join_gen),
    joinOpen: Boolean(r.join_open),
  };
}

/** Row columns for a `WorkshopAccessPatch` key. */
export const WORKSHOP_ACCESS_COLUMNS = {
  joinCode: 'join_code',
  observerCode: 'observer_code',
  tokenGen: 'token_gen',
  joinGen: 'join_gen',
  joinOpen: 'join_open',
} as const;

export interface FacilitatorRow {
  id: string;
  subject: string;
  name: string;
  org: string | null;
  created_at: Millis;
  session_gen: Millis;
}

/** The columns of `FacilitatorRow`, for SELECT lists. */
export const FACILITATOR_COLUMNS = 'id, subject, name, org, created_at, session_gen';

export function facilitatorFromRow(r: FacilitatorRow): FacilitatorAccount {
  return {
    id: r.id,
    subject: r.subject,
    name: r.name,
    org: r.org,
    createdAt: Number(r.created_at),
    sessionGen: Number(r.session_gen),
  };
}

export interface InviteRow {
  id: string;
  token_hash: string;
  name: string;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
}

export function inviteFromRow(r: InviteRow): InviteRecord {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    name: r.name,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    usedAt: r.used_at === null ? null : Number(r.used_at),
  };
}

/** The columns of `templates`, in the order inserts give them. */
export const TEMPLATE_COLUMNS = 'id, owner_id, name, shapes, plan, created_at';

export interface TemplateRow {
  id: string;
  owner_id: string | null;
  name: string;
  shapes: string;
  plan: string | null;
  created_at: Millis;
}

export function templateFromRow(r: TemplateRow): TemplateRecord {
  return {
    id: r.id,
    ownerId: r.owner_id,
    name: r.name,
    shapes: r.shapes,
    plan: r.plan,
    createdAt: Number(r.created_at),
  };
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

/**
 * `col = <placeholder>` assignments for the keys a patch sets, in a fixed order; shared by
 * SQLite (`?`) and PostgreSQL (`$n`). Column names come from a fixed map, never from input.
 */
export function accessAssignments(
  patch: WorkshopAccessPatch,
  placeholder: (index: number) => string,
): { sets: string[]; values: (string | number | boolean)[] } {
  const sets: string[] = [];
  const values: (string | number | boolean)[] = [];
  for (const key of Object.keys(WORKSHOP_ACCESS_COLUMNS) as (keyof WorkshopAccessPatch)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${WORKSHOP_ACCESS_COLUMNS[key]} = ${placeholder(values.length)}`);
  }
  return { sets, values };
}
