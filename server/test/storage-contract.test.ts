import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { MIGRATIONS } from '../src/storage/postgres-migrations.js';
import { PostgresStorage } from '../src/storage/postgres-storage.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { apiCaller, startTestServer, TEST_ADMIN_TOKEN, tempDataDir } from './helpers.js';
import { freshDatabase, startPostgres, type TestPostgres } from './postgres.js';
import { edit, rebuild, storageContract, wholeSnapshot } from './storage-contract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

storageContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-contract-'));
  dirs.push(dir);
  return async () => new SqliteStorage(dir);
});

let cluster: TestPostgres | null = null;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});
function clusterUrl(): string {
  if (!cluster) throw new Error('PostgreSQL did not start');
  return cluster.url;
}

storageContract('PostgreSQL', async () => {
  const url = await freshDatabase(clusterUrl());
  return () => PostgresStorage.open(url);
});

describe('PostgreSQL with several servers on one database', () => {
  const opened: PostgresStorage[] = [];
  async function open(url: string): Promise<PostgresStorage> {
    const s = await PostgresStorage.open(url);
    opened.push(s);
    return s;
  }
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it('compactions racing appends of another server lose nothing', async () => {
    const url = await freshDatabase(clusterUrl());
    const [a, b] = await Promise.all([open(url), open(url)]);
    const docId = 'b.busy';
    // Each server holds its own copy of the board and writes its own keys.
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const rounds = 40;
    const writer = async (store: PostgresStorage, doc: Y.Doc, prefix: string) => {
      for (let i = 0; i < rounds; i++) {
        await store.append([{ docId, update: edit(doc, `${prefix}${i}`, `${prefix}-${i}`) }]);
        // Both compact often, each with a snapshot of only what it has itself.
        if (i % 3 === 0) await store.compact(docId, wholeSnapshot(doc));
      }
    };
    const appendOnly = async (store: PostgresStorage) => {
      const doc = new Y.Doc();
      for (let i = 0; i < rounds; i++)
        await store.append([{ docId, update: edit(doc, `c${i}`, `c-${i}`) }]);
      return doc;
    };
    const [, , docC] = await Promise.all([
      writer(a, docA, 'a'),
      writer(b, docB, 'b'),
      appendOnly(b),
    ]);
    await a.compact(docId, wholeSnapshot(docA));

    const expected = {
      ...docA.getMap('m').toJSON(),
      ...docB.getMap('m').toJSON(),
      ...docC.getMap('m').toJSON(),
    };
    expect(Object.keys(expected)).toHaveLength(rounds * 3);
    expect(rebuild(await a.load(docId))).toEqual(expected);
    expect(rebuild(await b.load(docId))).toEqual(expected);
    expect(await a.logLength(docId)).toBeLessThan(rounds * 3);
  });

  it('a compaction while another holds the lock does nothing, and the log stays whole', async () => {
    const url = await freshDatabase(clusterUrl());
    const store = await open(url);
    const doc = new Y.Doc();
    await store.append([
      { docId: 'b.locked', update: edit(doc, 'x', '1') },
      { docId: 'b.locked', update: edit(doc, 'y', '2') },
    ]);
    // Another "server" is in the middle of compacting this document.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('torg:compact:' || $1, 0))",
        ['b.locked'],
      );
      await store.compact('b.locked', wholeSnapshot(doc));
      expect(await store.logLength('b.locked')).toBe(2);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    await store.compact('b.locked', wholeSnapshot(doc));
    expect(await store.logLength('b.locked')).toBe(1);
    expect(rebuild(await store.load('b.locked'))).toEqual({ x: '1', y: '2' });
  });

  it('servers starting at once migrate the schema once, without errors', async () => {
    const url = await freshDatabase(clusterUrl());
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const versions = await check.query<{ version: number }>(
        'SELECT version FROM torg_schema_migrations ORDER BY version',
      );
      // Every step once, in order.
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await check.end();
    }
    // Every one of them works against the shared schema.
    await stores[0]?.append([{ docId: 'b.m', update: edit(new Y.Doc(), 'k', 'v') }]);
    for (const s of stores) expect(rebuild(await s.load('b.m'))).toEqual({ k: 'v' });
    // Opening again later applies nothing new.
    const later = await open(url);
    expect(rebuild(await later.load('b.m'))).toEqual({ k: 'v' });
  });

  it('all servers agree on a shared setting set at the same time', async () => {
    const url = await freshDatabase(clusterUrl());
    const stores = await Promise.all(Array.from({ length: 3 }, () => open(url)));
    const secrets = await Promise.all(
      stores.map((s, i) => s.sharedSetting('token-secret', `secret-${i}`)),
    );
    expect(new Set(secrets).size).toBe(1);
  });

  it('opening a database that cannot be reached fails', async () => {
    const bad = new URL(clusterUrl());
    bad.pathname = '/no_such_database';
    await expect(PostgresStorage.open(bad.toString())).rejects.toThrow();
  });
});

describe('servers configured with TORG_DATABASE_URL', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('share workshops and the token secret through the database, and never log the password', async () => {
    // Trust authentication ignores the password, so it can stand in for a real one here.
    const url = new URL(await freshDatabase(clusterUrl()));
    url.password = 'hemmelig-passord';
    const logs = [memoryLogger(), memoryLogger()];
    const dataDirs = [tempDataDir(), tempDataDir()];
    dirs.push(...dataDirs);
    const [a, b] = await Promise.all(
      logs.map((logger, i) =>
        startTestServer({ databaseUrl: url.toString(), logger, dataDir: dataDirs[i] }),
      ),
    );
    servers.push(a as RunningServer, b as RunningServer);
    const apiA = apiCaller(() => a?.url ?? '');
    const apiB = apiCaller(() => b?.url ?? '');

    const created = await apiA('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Felles database',
      date: '2026-11-23',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitatorName: 'Fasilitator',
    });
    expect(created).toMatchObject({ status: 201 });
    // Server B knows the workshop (shared storage) and accepts A's tokens (shared secret).
    const info = await apiB('GET', `/join/${created.body.joinCode as string}`, null);
    expect(info.status).toBe(200);
    const groupId = (info.body.groups as { id: string }[])[0]?.id;
    const joined = await apiB('POST', '/join', null, {
      code: created.body.joinCode,
      name: 'Kari',
      groupId,
    });
    expect(joined).toMatchObject({ status: 201 });
    const facilitator = created.body.token as string;
    expect((await apiB('GET', '/templates', facilitator)).status).toBe(200);
    expect((await apiB('GET', '/templates', 'not-a-token')).status).toBe(401);

    for (const log of logs) {
      const started = log.entries.find((e) => e.event === 'server.started');
      expect(started?.fields?.storage).toBe('postgresql');
      expect(JSON.stringify(log.entries)).not.toContain('hemmelig-passord');
    }
    // The secret lives in the database, not in a file of either server.
    for (const dir of dataDirs) expect(fs.existsSync(path.join(dir, 'secret'))).toBe(false);
  });

  it('a server without a database URL says it stores in SQLite', async () => {
    const logger = memoryLogger();
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    servers.push(await startTestServer({ logger, dataDir }));
    const started = logger.entries.find((e) => e.event === 'server.started');
    expect(started?.fields?.storage).toBe('sqlite');
    expect(started?.fields?.dataDir).toBe(dataDir);
  });
});
