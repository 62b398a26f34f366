import { CommandError } from '../errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup-format.js';

// Reading a backup, step one: the JSON's shape (every field, its type, pattern and size).
// What the documents and images inside say is checked after, in backup-check.ts.

/** A backup that cannot be imported: 400 `invalid_backup` with what is wrong and where. */
export const invalid = (message: string) => new CommandError(400, 'invalid_backup', message);

/** What an id in a backup may look like. */
const ID = /^[A-Za-z0-9_-]{4,64}$/;
/** Largest single document in a backup (base64 characters). */
const MAX_DOC_CHARS = 100 * 1024 * 1024;
const MAX_BOARDS = 1_000;
const MAX_ASSETS = 10_000;

// The server has no zod of its own (it is shared's dependency), so the shape is checked by
// hand: every field, its type, pattern and size, and no unknown keys.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function keysOnly(v: Obj, at: string, keys: readonly string[]): void {
  for (const k of Object.keys(v))
    if (!keys.includes(k)) throw invalid(`${at}: unknown field "${k}"`);
}
function str(v: Obj, key: string, at: string, max: number): string {
  const x = v[key];
  if (typeof x !== 'string') throw invalid(`${at}.${key}: must be a string`);
  if (x.length > max) throw invalid(`${at}.${key}: longer than ${max} characters`);
  return x;
}
function idOf(v: Obj, key: string, at: string): string {
  const x = str(v, key, at, 64);
  if (!ID.test(x)) throw invalid(`${at}.${key}: not a valid id`);
  return x;
}
function int(v: Obj, key: string, at: string): number {
  const x = v[key];
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0)
    throw invalid(`${at}.${key}: must be a whole number ≥ 0`);
  return x;
}
/** Strict base64 (standard alphabet, padded), as `Buffer.toString('base64')` writes it. */
function b64(v: Obj, key: string, at: string, max: number): string {
  const x = str(v, key, at, max);
  if (x.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(x))
    throw invalid(`${at}.${key}: not valid base64`);
  return x;
}
function arr(v: Obj, key: string, at: string, max: number): unknown[] {
  const x = v[key];
  if (!Array.isArray(x)) throw invalid(`${at}.${key}: must be a list`);
  if (x.length > max) throw invalid(`${at}.${key}: more than ${max} entries`);
  return x;
}
function obj(x: unknown, at: string): Obj {
  if (!isObj(x)) throw invalid(`${at}: must be an object`);
  return x;
}

/** The backup as its JSON says, shape-checked (its contents are checked after). */
export function parseShape(raw: unknown, maxImageBytes: number): Backup {
  const b = obj(raw, 'backup');
  if (b.format !== BACKUP_FORMAT)
    throw invalid(`format: not a Torg workshop backup (expected "${BACKUP_FORMAT}")`);
  if (b.version !== BACKUP_VERSION)
    throw invalid(
      `version: unsupported version ${JSON.stringify(b.version)} (this server reads version ${BACKUP_VERSION})`,
    );
  keysOnly(b, 'backup', [
    'format',
    'version',
    'exportedAt',
    'workshop',
    'boardIds',
    'docs',
    'assets',
  ]);
  const w = obj(b.workshop, 'workshop');
  keysOnly(w, 'workshop', ['id', 'createdAt', 'title']);
  const maxAssetChars = Math.ceil(maxImageBytes / 3) * 4;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: str(b, 'exportedAt', 'backup', 100),
    workshop: {
      id: idOf(w, 'id', 'workshop'),
      createdAt: int(w, 'createdAt', 'workshop'),
      title: str(w, 'title', 'workshop', 1_000),
    },
    boardIds: arr(b, 'boardIds', 'backup', MAX_BOARDS).map((x, i) => {
      if (typeof x !== 'string' || !ID.test(x)) throw invalid(`boardIds.${i}: not a valid id`);
      return x;
    }),
    docs: arr(b, 'docs', 'backup', 2 + 4 * MAX_BOARDS).map((x, i) => {
      const at = `docs.${i}`;
      const d = obj(x, at);
      keysOnly(d, at, ['id', 'update']);
      return { id: str(d, 'id', at, 100), update: b64(d, 'update', at, MAX_DOC_CHARS) };
    }),
    assets: arr(b, 'assets', 'backup', MAX_ASSETS).map((x, i) => {
      const at = `assets.${i}`;
      const a = obj(x, at);
      keysOnly(a, at, ['id', 'boardId', 'mime', 'width', 'height', 'data']);
      const data = b64(a, 'data', at, maxAssetChars + 4);
      return {
        id: idOf(a, 'id', at),
        boardId: idOf(a, 'boardId', at),
        mime: str(a, 'mime', at, 100),
        width: int(a, 'width', at),
        height: int(a, 'height', at),
        data,
      };
    }),
  };
}
