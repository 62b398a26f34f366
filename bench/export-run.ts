/**
 * One export in a process of its own, for `export.ts`: prints `{ ms, bytes, maxRssMb }` as
 * JSON. `ms` is the export alone; `maxRssMb` is the whole process's peak (Node, the code, the
 * export), which is what a CLI run or a server doing only this would need.
 */
import { storageSource } from '../server/src/export/source.js';
import { produceWorkshopExport } from '../server/src/export/workshop.js';
import { SqliteStorage } from '../server/src/storage/sqlite-storage.js';

const [dataDir, workshopId, format] = process.argv.slice(2);
if (!dataDir || !workshopId || (format !== 'pdf' && format !== 'zip'))
  throw new Error('usage: export-run.ts <dataDir> <workshopId> pdf|zip');
const storage = new SqliteStorage(dataDir);
const started = performance.now();
const file = await produceWorkshopExport(storageSource(storage), workshopId, {
  format,
  anonymise: false,
  locale: 'nb',
});
const ms = performance.now() - started;
await storage.close();
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), bytes: file.bytes.byteLength, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
