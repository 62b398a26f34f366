import type pg from 'pg';
import {
  accessAssignments,
  FACILITATOR_COLUMNS,
  type FacilitatorRow,
  facilitatorFromRow,
  type InviteRow,
  inviteFromRow,
  WORKSHOP_COLUMNS,
  type WorkshopRow,
  workshopFromRow,
} from './rows.js';
import type {
  AccessStore,
  FacilitatorAccount,
  InviteRecord,
  WorkshopAccessPatch,
  WorkshopRecord,
} from './storage.js';

/** The access part of the PostgreSQL storage (see `AccessStore`; tables in migration 4). */
export class PostgresAccess implements AccessStore {
  constructor(private readonly pool: pg.Pool) {}

  async updateWorkshopAccess(id: string, patch: WorkshopAccessPatch): Promise<boolean> {
    const { sets, values } = accessAssignments(patch, (n) => `$${n}`);
    if (sets.length === 0) {
      const res = await this.pool.query('SELECT 1 FROM workshops WHERE id = $1', [id]);
      return (res.rowCount ?? 0) > 0;
    }
    const res = await this.pool.query(
      `UPDATE workshops SET ${sets.join(', ')} WHERE id = $${values.length + 1}`,
      [...values, id],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async workshopsOwnedBy(ownerId: string): Promise<WorkshopRecord[]> {
    const res = await this.pool.query<WorkshopRow>(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE owner_id = $1
       ORDER BY created_at DESC, id COLLATE "C"`,
      [ownerId],
    );
    return res.rows.map(workshopFromRow);
  }

  async addTombstones(ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `INSERT INTO tombstones (id, deleted_at) SELECT i, $2 FROM unnest($1::text[]) AS i
       ON CONFLICT (id) DO NOTHING`,
      [[...new Set(ids)], now],
    );
  }

  async tombstoned(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const res = await this.pool.query<{ id: string }>(
      'SELECT id FROM tombstones WHERE id = ANY($1::text[])',
      [[...ids]],
    );
    return res.rows.map((r) => r.id);
  }

  async removeTombstones(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query('DELETE FROM tombstones WHERE id = ANY($1::text[])', [[...ids]]);
  }

  async putFacilitator(a: FacilitatorAccount): Promise<void> {
    await this.pool.query(
      `INSERT INTO facilitators (${FACILITATOR_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.id, a.subject, a.name, a.org, a.createdAt, a.sessionGen],
    );
  }

  async getFacilitator(id: string): Promise<FacilitatorAccount | null> {
    const res = await this.pool.query<FacilitatorRow>(
      `SELECT ${FACILITATOR_COLUMNS} FROM facilitators WHERE id = $1`,
      [id],
    );
    const row = res.rows[0];
    return row ? facilitatorFromRow(row) : null;
  }

  async findFacilitatorBySubject(subject: string): Promise<FacilitatorAccount | null> {
    const res = await this.pool.query<FacilitatorRow>(
      `SELECT ${FACILITATOR_COLUMNS} FROM facilitators WHERE subject = $1`,
      [subject],
    );
    const row = res.rows[0];
    return row ? facilitatorFromRow(row) : null;
  }

  async updateFacilitator(id: string, patch: { name: string; org: string | null }): Promise<void> {
    await this.pool.query('UPDATE facilitators SET name = $1, org = $2 WHERE id = $3', [
      patch.name,
      patch.org,
      id,
    ]);
  }

  async countFacilitators(): Promise<number> {
    const res = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM facilitators');
    return Number(res.rows[0]?.n ?? 0);
  }

  async endSessions(id: string): Promise<void> {
    await this.pool.query('UPDATE facilitators SET session_gen = session_gen + 1 WHERE id = $1', [
      id,
    ]);
  }

  async putInvite(i: InviteRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO invites (id, token_hash, name, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [i.id, i.tokenHash, i.name, i.createdAt, i.expiresAt],
    );
  }

  async findInvite(tokenHash: string): Promise<InviteRecord | null> {
    const res = await this.pool.query<InviteRow>(
      'SELECT id, token_hash, name, created_at, expires_at, used_at FROM invites WHERE token_hash = $1',
      [tokenHash],
    );
    const row = res.rows[0];
    return row ? inviteFromRow(row) : null;
  }

  async claimInvite(tokenHash: string, now: number): Promise<InviteRecord | null> {
    // One statement: of two concurrent claims, the second sees used_at set and gets no row.
    const res = await this.pool.query<InviteRow>(
      `UPDATE invites SET used_at = $1
       WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
       RETURNING id, token_hash, name, created_at, expires_at, used_at`,
      [now, tokenHash],
    );
    const row = res.rows[0];
    return row ? inviteFromRow(row) : null;
  }
}
