import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { apiCaller, startTestServer, type TestClient, tempDataDir } from './helpers.js';

/**
 * A server on a SQLite file of its own for the tests of one file: started before them, closed
 * with the file's clients after them. Call it before the file's own `beforeAll`, which may then
 * use `server`, `storage` and `base` (set once the server runs). Apart from `helpers.ts`, which
 * the benchmarks import outside vitest.
 */
export interface FileServer {
  server: RunningServer & { dataDir: string };
  storage: SqliteStorage;
  base: string;
  clients: TestClient[];
  api: ReturnType<typeof apiCaller>;
}

export function sqliteServerPerFile(): FileServer {
  const t: FileServer = {
    server: undefined as unknown as FileServer['server'],
    storage: undefined as unknown as SqliteStorage,
    base: '',
    clients: [],
    api: apiCaller(() => t.base),
  };
  beforeAll(async () => {
    const dataDir = tempDataDir();
    t.storage = new SqliteStorage(dataDir);
    t.server = await startTestServer({ dataDir, storage: t.storage });
    t.base = `http://127.0.0.1:${t.server.port}`;
  });
  afterAll(async () => {
    for (const c of t.clients) c.destroy();
    await t.server.close();
  });
  return t;
}
