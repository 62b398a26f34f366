import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLocale, WORKSHOP_EXPORT_FORMATS, type WorkshopExportFormat } from '@torg/shared';
import { RenderPool } from '../export/render-pool.js';
import { storageSource } from '../export/source.js';
import { NoSuchWorkshop } from '../export/workshop-names.js';
import { consoleLogger } from '../logger.js';
import { SQLITE_FILE, SqliteStorage } from '../storage/sqlite-storage.js';

/**
 * `pnpm export --workshop <id> --format pdf|docx|csv|md|json|zip --out <file>`: exports a
 * workshop straight from the data dir (no server needed; a running one may share the dir).
 * Options: `--data <dir>` (default TORG_DATA_DIR or ./data), `--anonymise`, `--locale nb|nn|en`.
 */
const usage = `usage: pnpm export --workshop <id> --format ${WORKSHOP_EXPORT_FORMATS.join('|')} --out <file> [--data <dir>] [--anonymise] [--locale nb|nn|en]`;

// npm and pnpm run scripts in the package's folder; paths are meant from where it was called.
const here = process.env.INIT_CWD ?? process.cwd();

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      workshop: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      anonymise: { type: 'boolean', default: false },
      locale: { type: 'string', default: 'nb' },
      paper: { type: 'string', default: 'a4' },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const format = args.format as WorkshopExportFormat;
if (!args.workshop) fail('--workshop is required');
if (!WORKSHOP_EXPORT_FORMATS.includes(format))
  fail(`--format must be one of ${WORKSHOP_EXPORT_FORMATS.join(', ')}`);
if (!args.out) fail('--out is required');
if (!isLocale(args.locale)) fail('--locale must be nb, nn or en');
if (args.paper !== 'a4' && args.paper !== 'a3') fail('--paper must be a4 or a3');

const dataDir = path.resolve(here, args.data ?? process.env.TORG_DATA_DIR ?? 'data');
// Never create a new, empty database by mistake.
if (!fs.existsSync(path.join(dataDir, SQLITE_FILE))) fail(`no Torg data in ${dataDir}`);
const out = path.resolve(here, args.out);

const storage = new SqliteStorage(dataDir);
// The same worker thread as in the server renders it; this thread reads the data dir for it.
const pool = new RenderPool({ size: 1, maxQueued: 0, logger: consoleLogger });
try {
  const file = await pool.run(
    {
      kind: 'workshop',
      workshopId: args.workshop,
      request: { format, anonymise: args.anonymise, locale: args.locale, paper: args.paper },
    },
    storageSource(storage),
    (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${Math.round((done / total) * 100)} %`);
    },
  );
  // Written whole under a temporary name, then renamed: a failed export leaves no file.
  fs.writeFileSync(`${out}.part`, file.bytes);
  fs.renameSync(`${out}.part`, out);
  process.stderr.write(
    `${process.stderr.isTTY ? '\r' : ''}${out} (${file.bytes.byteLength} bytes)\n`,
  );
} catch (err) {
  fs.rmSync(`${out}.part`, { force: true });
  if (err instanceof NoSuchWorkshop) fail(`no workshop ${args.workshop} in ${dataDir}`);
  throw err;
} finally {
  await pool.close();
  await storage.close();
}
