import fs from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { liveSource } from '../src/export/source.js';
import { produceWorkshopExport } from '../src/export/workshop.js';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { startTestServer, type TestClient, tempDataDir } from './helpers.js';
import { buildRichWorkshop, type World } from './rich-workshop.js';

let server: RunningServer & { dataDir: string };
let storage: SqliteStorage;
const clients: TestClient[] = [];
let w: World;
beforeAll(async () => {
  const dataDir = tempDataDir();
  storage = new SqliteStorage(dataDir);
  server = await startTestServer({ dataDir, storage });
  w = await buildRichWorkshop(server, clients);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});
it('writes', async () => {
  for (const format of ['pdf', 'docx'] as const) {
    const f = await produceWorkshopExport(liveSource(server.registry, storage), w.workshopId, {
      format,
      anonymise: false,
      locale: 'nb',
    });
    fs.writeFileSync(`/tmp/rich.${format}`, f.bytes);
  }
}, 120000);
