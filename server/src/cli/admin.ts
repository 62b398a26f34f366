import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INVITE_DAYS, Invites, inviteUrl, MAX_INVITE_DAYS } from '../accounts/invites.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';
import { BackupError, backupSqlite, restoreSqlite } from './sqlite-backup.js';

/**
 * The administrator's commands, on the configured storage (TORG_DATABASE_URL, else the SQLite
 * file in TORG_DATA_DIR or ./data), also while a server runs on it:
 * - `invite --name "Kari Nordmann" [--days 7]`: a one-time facilitator invite; prints its link
 *   (TORG_PUBLIC_URL, else http://localhost:<PORT or 8787>). A running server sees it at once.
 * - `backup --out FILE`: a consistent copy of the SQLite database made while the server runs
 *   (see `sqlite-backup.ts`); with PostgreSQL, says how to use `pg_dump` instead.
 * - `restore --from FILE`: puts such a copy into an empty data folder.
 */
const usage = [
  `usage: pnpm admin invite --name <name> [--days 1-${MAX_INVITE_DAYS}]`,
  '       pnpm admin backup --out <file>',
  '       pnpm admin restore --from <file>',
].join('\n');

const POSTGRES_BACKUP = `With PostgreSQL (TORG_DATABASE_URL), back up the database itself, while the servers run:
  pg_dump --format=custom --file=torg.dump "$TORG_DATABASE_URL"
and restore into an empty database with:
  pg_restore --no-owner --dbname="$TORG_DATABASE_URL" torg.dump
The token secret is in the database too (table settings), so it comes along.`;

// npm and pnpm run scripts in the package's folder; paths are meant from where it was called.
const here = process.env.INIT_CWD ?? process.cwd();

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function parse() {
  return parseArgs({
    options: {
      name: { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
}
let args: ReturnType<typeof parse>;
try {
  args = parse();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const [command, ...rest] = args.positionals;
if (rest.length > 0) fail(`unexpected: ${rest.join(' ')}`);
const env = process.env;
const dataDir = path.resolve(here, env.TORG_DATA_DIR ?? 'data');

if (command === 'backup' || command === 'restore') {
  if (env.TORG_DATABASE_URL) {
    process.stdout.write(`${POSTGRES_BACKUP}\n`);
    process.exit(2);
  }
  try {
    if (command === 'backup') {
      if (!args.values.out) fail('--out <file> is required');
      const out = path.resolve(here, args.values.out);
      const { bytes } = backupSqlite(dataDir, out);
      process.stdout.write(`${out} (${bytes} bytes): a copy of ${dataDir}\n`);
    } else {
      if (!args.values.from) fail('--from <file> is required');
      const { workshops } = restoreSqlite(path.resolve(here, args.values.from), dataDir);
      process.stdout.write(
        `${dataDir}: restored, ${workshops} gatherings; start the server on it\n`,
      );
    }
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.exit(0);
}

if (command !== 'invite') fail('the commands are: invite, backup, restore');
const name = args.values.name?.trim() ?? '';
if (name.length < 1 || name.length > 80) fail('--name is required (1–80 characters)');
const days = args.values.days === undefined ? DEFAULT_INVITE_DAYS : Number(args.values.days);
if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS)
  fail(`--days must be a whole number from 1 to ${MAX_INVITE_DAYS}`);

const storage: Storage = env.TORG_DATABASE_URL
  ? await (await import('../storage/postgres-storage.js')).PostgresStorage.open(
      env.TORG_DATABASE_URL,
    )
  : new SqliteStorage(dataDir);
try {
  const invite = await new Invites(storage.access).create(name, days);
  const base =
    (env.TORG_PUBLIC_URL ?? '')
      .split(',')
      .map((u) => u.trim())
      .find(Boolean) ?? `http://localhost:${env.PORT || 8787}`;
  process.stdout.write(
    `${inviteUrl(base, invite.secret)}\n(${name}; gyldig til / valid until ${new Date(invite.expiresAt).toISOString()})\n`,
  );
} finally {
  await storage.close();
}
