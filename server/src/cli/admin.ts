import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INVITE_DAYS, Invites, inviteUrl, MAX_INVITE_DAYS } from '../accounts/invites.js';
import { PostgresStorage } from '../storage/postgres-storage.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';

/**
 * `pnpm admin invite --name "Kari Nordmann" [--days 7]`: makes a one-time facilitator invite
 * in the configured storage (TORG_DATABASE_URL, else the SQLite file in TORG_DATA_DIR or
 * ./data) and prints its link (TORG_PUBLIC_URL, else http://localhost:<PORT or 8787>). A
 * running server may share the storage; it sees the invite at once.
 */
const usage = `usage: pnpm admin invite --name <name> [--days 1-${MAX_INVITE_DAYS}]`;

// npm and pnpm run scripts in the package's folder; paths are meant from where it was called.
const here = process.env.INIT_CWD ?? process.cwd();

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function parse() {
  return parseArgs({
    options: { name: { type: 'string' }, days: { type: 'string' } },
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
if (command !== 'invite' || rest.length > 0) fail('the only command is: invite');
const name = args.values.name?.trim() ?? '';
if (name.length < 1 || name.length > 80) fail('--name is required (1–80 characters)');
const days = args.values.days === undefined ? DEFAULT_INVITE_DAYS : Number(args.values.days);
if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS)
  fail(`--days must be a whole number from 1 to ${MAX_INVITE_DAYS}`);

const env = process.env;
const storage: Storage = env.TORG_DATABASE_URL
  ? await PostgresStorage.open(env.TORG_DATABASE_URL)
  : new SqliteStorage(path.resolve(here, env.TORG_DATA_DIR ?? 'data'));
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
