import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../storage/sqlite-storage.js';

/**
 * Backing up the embedded SQLite storage while the server runs, and putting a copy back.
 *
 * The copy is made with `VACUUM INTO`: one read transaction, so one consistent snapshot, while
 * the server goes on writing (WAL mode lets a reader and the writer work at once), so nobody
 * has to stop; unlike the page-by-page backup API it never starts over when the server writes
 * meanwhile, however busy it is. The data folder's `secret` (which signs tokens and
 * sessions) goes into the copy too, in a table of its own, so a restored server accepts the
 * links and sign-ins people already have. Uploaded images and export files are in the database.
 */

const SECRET_TABLE = 'torg_backup_secret';
/** Tables every Torg database has; a file without them is no backup of ours. */
const TORG_TABLES = ['doc_updates', 'workshops', 'assets'];

export class BackupError extends Error {}

/** Copies `<dataDir>/torg.sqlite` (and its secret) into `out`, which must not exist yet. */
export function backupSqlite(dataDir: string, out: string): { bytes: number } {
  const source = path.join(dataDir, SQLITE_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`no Torg database in ${dataDir}`);
  if (fs.existsSync(out)) throw new BackupError(`${out} exists already; choose a new file`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  // Not as it grows: a failed copy leaves no half file behind under the name asked for.
  const partial = `${out}.partial`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  const secret = readSecret(dataDir);
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    if (secret) {
      copy.exec(`CREATE TABLE ${SECRET_TABLE} (secret TEXT NOT NULL)`);
      copy.prepare(`INSERT INTO ${SECRET_TABLE} (secret) VALUES (?)`).run(secret);
    }
  } finally {
    copy.close();
  }
  fs.renameSync(partial, out);
  return { bytes: fs.statSync(out).size };
}

/**
 * Puts a backup into `dataDir`, which must hold no Torg database yet (a restore never
 * overwrites one): checked first (a Torg database, intact), then copied with its secret.
 */
export function restoreSqlite(file: string, dataDir: string): { workshops: number } {
  if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const target = path.join(dataDir, SQLITE_FILE);
  if (fs.existsSync(target) || fs.existsSync(path.join(dataDir, 'secret')))
    throw new BackupError(`${dataDir} holds a Torg database already; restore into an empty folder`);
  let backup: Database.Database;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError(`${file} is not a Torg backup (not an SQLite database)`);
  }
  let secret: string | null;
  let workshops: number;
  try {
    const tables = new Set(
      (
        backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    if (!TORG_TABLES.every((t) => tables.has(t)))
      throw new BackupError(`${file} is not a Torg backup (its tables are missing)`);
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError(`${file} is damaged (integrity check: ${String(check)})`);
    secret = tables.has(SECRET_TABLE)
      ? ((
          backup.prepare(`SELECT secret FROM ${SECRET_TABLE}`).get() as
            | { secret: string }
            | undefined
        )?.secret ?? null)
      : null;
    workshops = (backup.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n;
  } catch (err) {
    backup.close();
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a Torg backup (${String(err)})`);
  }
  backup.close();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
  const restored = new Database(target);
  try {
    restored.exec(`DROP TABLE IF EXISTS ${SECRET_TABLE}`);
    restored.pragma('journal_mode = WAL');
  } finally {
    restored.close();
  }
  if (secret) fs.writeFileSync(path.join(dataDir, 'secret'), `${secret}\n`, { mode: 0o600 });
  return { workshops };
}

function readSecret(dataDir: string): string | null {
  try {
    const secret = fs.readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
    return secret.length >= 32 ? secret : null;
  } catch {
    return null;
  }
}
