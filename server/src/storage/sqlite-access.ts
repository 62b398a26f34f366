import type Database from 'better-sqlite3';
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
import { addColumns } from './sqlite-schema.js';
import type {
  AccessStore,
  FacilitatorAccount,
  InviteRecord,
  WorkshopAccessPatch,
  WorkshopRecord,
} from './storage.js';

/**
 * The access part of the SQLite storage (see `AccessStore`): its tables and the columns it
 * adds to older files. Created by `SqliteStorage` on its database before that prepares its
 * own statements, so the columns exist by then.
 */
export class SqliteAccess implements AccessStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS tombstones (
        id TEXT PRIMARY KEY,
        deleted_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS facilitators (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        org TEXT,
        created_at INTEGER NOT NULL,
        session_gen INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS invites (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
    `);
    addColumns(db, 'workshops', {
      owner_id: 'TEXT',
      // Workshops from before generations: their tokens carry none, which counts as 0.
      token_gen: 'INTEGER NOT NULL DEFAULT 0',
      join_gen: 'INTEGER NOT NULL DEFAULT 0',
      join_open: 'INTEGER NOT NULL DEFAULT 1',
    });
    addColumns(db, 'templates', { owner_id: 'TEXT' });
    db.exec('CREATE INDEX IF NOT EXISTS workshops_owner ON workshops (owner_id, created_at)');
    this.stmts = {
      exists: db.prepare<[string], { id: string }>('SELECT id FROM workshops WHERE id = ?'),
      owned: db.prepare<[string], WorkshopRow>(
        `SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE owner_id = ? ORDER BY created_at DESC, id`,
      ),
      addTombstone: db.prepare<[string, number]>(
        'INSERT OR IGNORE INTO tombstones (id, deleted_at) VALUES (?, ?)',
      ),
      tombstoned: db.prepare<[string], { id: string }>(
        'SELECT id FROM tombstones WHERE id IN (SELECT value FROM json_each(?))',
      ),
      removeTombstone: db.prepare<[string]>('DELETE FROM tombstones WHERE id = ?'),
      putFacilitator: db.prepare<[string, string, string, string | null, number, number]>(
        `INSERT INTO facilitators (${FACILITATOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      getFacilitator: db.prepare<[string], FacilitatorRow>(
        `SELECT ${FACILITATOR_COLUMNS} FROM facilitators WHERE id = ?`,
      ),
      facilitatorBySubject: db.prepare<[string], FacilitatorRow>(
        `SELECT ${FACILITATOR_COLUMNS} FROM facilitators WHERE subject = ?`,
      ),
      updateFacilitator: db.prepare<[string, string | null, string]>(
        'UPDATE facilitators SET name = ?, org = ? WHERE id = ?',
      ),
      countFacilitators: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM facilitators'),
      endSessions: db.prepare<[string]>(
        'UPDATE facilitators SET session_gen = session_gen + 1 WHERE id = ?',
      ),
      putInvite: db.prepare<[string, string, string, number, number]>(
        'INSERT INTO invites (id, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      findInvite: db.prepare<[string], InviteRow>(
        'SELECT id, token_hash, name, created_at, expires_at, used_at FROM invites WHERE token_hash = ?',
      ),
      claimInvite: db.prepare<[number, string, number], InviteRow>(
        `UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING id, token_hash, name, created_at, expires_at, used_at`,
      ),
    };
  }

  async updateWorkshopAccess(id: string, patch: WorkshopAccessPatch): Promise<boolean> {
    const { sets, values } = accessAssignments(patch, () => '?');
    if (sets.length === 0) return this.stmts.exists.get(id) !== undefined;
    const sql = `UPDATE workshops SET ${sets.join(', ')} WHERE id = ?`;
    const sqliteValues = values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
    return this.db.prepare(sql).run(...sqliteValues, id).changes > 0;
  }

  async workshopsOwnedBy(ownerId: string): Promise<WorkshopRecord[]> {
    return this.stmts.owned.all(ownerId).map(workshopFromRow);
  }

  async addTombstones(ids: readonly string[], now: number): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.stmts.addTombstone.run(id, now);
    })();
  }

  async tombstoned(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.stmts.tombstoned.all(JSON.stringify(ids)).map((r) => r.id);
  }

  async removeTombstones(ids: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.stmts.removeTombstone.run(id);
    })();
  }

  async putFacilitator(a: FacilitatorAccount): Promise<void> {
    this.stmts.putFacilitator.run(a.id, a.subject, a.name, a.org, a.createdAt, a.sessionGen);
  }

  async getFacilitator(id: string): Promise<FacilitatorAccount | null> {
    const row = this.stmts.getFacilitator.get(id);
    return row ? facilitatorFromRow(row) : null;
  }

  async findFacilitatorBySubject(subject: string): Promise<FacilitatorAccount | null> {
    const row = this.stmts.facilitatorBySubject.get(subject);
    return row ? facilitatorFromRow(row) : null;
  }

  async updateFacilitator(id: string, patch: { name: string; org: string | null }): Promise<void> {
    this.stmts.updateFacilitator.run(patch.name, patch.org, id);
  }

  async countFacilitators(): Promise<number> {
    return this.stmts.countFacilitators.get()?.n ?? 0;
  }

  async endSessions(id: string): Promise<void> {
    this.stmts.endSessions.run(id);
  }

  async putInvite(i: InviteRecord): Promise<void> {
    this.stmts.putInvite.run(i.id, i.tokenHash, i.name, i.createdAt, i.expiresAt);
  }

  async findInvite(tokenHash: string): Promise<InviteRecord | null> {
    const row = this.stmts.findInvite.get(tokenHash);
    return row ? inviteFromRow(row) : null;
  }

  async claimInvite(tokenHash: string, now: number): Promise<InviteRecord | null> {
    const row = this.stmts.claimInvite.get(now, tokenHash, now);
    return row ? inviteFromRow(row) : null;
  }
}
