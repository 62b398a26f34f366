import {
  boardDocId,
  CloseCode,
  ORIGIN_LOCAL,
  readAllShapes,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage } from '../src/storage/storage.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  spawnServer,
  startTestServer,
  sticky,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

// What a client notices when it connects while the server shuts down, or while the storage
// fails under a connection that is being set up: a close code or a refusal, never a hang, and
// the server neither crashes nor leaves a rejection unhandled.

/** How a WebSocket connection attempt ended: `close <code>` or `error <code>`. */
function outcome(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('close', (code) => resolve(`close ${code}`));
    ws.on('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code ?? err.message}`));
  });
}

/** How an HTTP request ended: `status <n>` or `error <code>`. */
function httpOutcome(url: string): Promise<string> {
  return fetch(url).then(
    (res) => `status ${res.status}`,
    (err: Error & { cause?: { code?: string } }) => `error ${err.cause?.code ?? err.message}`,
  );
}

/** A restart close (the client reconnects elsewhere) or a connection the server no longer takes. */
const RESTARTED_OR_REFUSED = /^(close (1001|1012)|error (ECONNREFUSED|ECONNRESET))$/;
/** An HTTP request during the shutdown: answered, or its connection refused or reset. */
const ANSWERED_OR_REFUSED = /^(status \d{3}|error (ECONNREFUSED|ECONNRESET))$/;

const workshopUrl = (server: { port: number }, workshopId: string, token: string) =>
  `${wsBase(server)}/${workshopDocId(workshopId)}?token=${encodeURIComponent(token)}`;

/** Any rejection nobody handled shows up here before the next turn of the event loop. */
async function unhandledSoFar(): Promise<unknown[]> {
  await new Promise((resolve) => setImmediate(resolve));
  return rejections;
}

let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

/** Two clients on a board; resolves once the server has the writer's two stickies. */
async function boardWithContent(server: { port: number }, board: string) {
  const writer = connectClient(server, board);
  const reader = connectClient(server, board);
  await Promise.all([waitSynced(writer), waitSynced(reader)]);
  writeShapes(
    writer.doc,
    [sticky('stop1', 'før'), sticky('stop2', 'nedstenging', 300)],
    ORIGIN_LOCAL,
  );
  await waitFor(() => readAllShapes(reader.doc).length === 2, 'the reader sees both stickies');
  return [writer, reader] as TestClient[];
}

/** The board as stored: it must decode completely (nothing written half) with both stickies. */
async function expectStoredWhole(dataDir: string, board: string): Promise<void> {
  const storage = new SqliteStorage(dataDir);
  const doc = new Y.Doc();
  for (const update of await storage.load(boardDocId(board))) Y.applyUpdate(doc, update);
  await storage.close();
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
  expect(
    readAllShapes(doc)
      .map((s) => s.id)
      .sort(),
  ).toEqual(['stop1', 'stop2']);
}

describe('connecting while the server shuts down (in-process server)', () => {
  it('connections and requests made as the shutdown starts are refused or told to reconnect; what was sent is stored whole', async () => {
    const server = await startTestServer();
    const api = apiCaller(() => server.url);
    const workshop = await createWorkshop(api, { title: 'Nedstenging', groups: ['A', 'B'] });
    const anna = await workshop.join('Anna', 0);
    const board = 'shutdown1';
    const clients = await boardWithContent(server, board);

    const inWorkshop = workshopUrl(server, workshop.workshopId, anna.token);
    const onBoard = `${wsBase(server)}/${boardDocId(board)}`;
    // Attempts just before the shutdown, as it starts, and while it runs.
    const attempts = [outcome(inWorkshop), outcome(onBoard)];
    const requests = [httpOutcome(`${server.url}/api/join/nope`)];
    const closing = server.close();
    attempts.push(outcome(inWorkshop), outcome(onBoard));
    requests.push(httpOutcome(`${server.url}/api/join/nope`));
    await Promise.resolve();
    attempts.push(outcome(inWorkshop));
    await closing;

    for (const ended of await Promise.all(attempts)) expect(ended).toMatch(RESTARTED_OR_REFUSED);
    for (const ended of await Promise.all(requests)) expect(ended).toMatch(ANSWERED_OR_REFUSED);
    for (const c of clients) c.destroy();
    expect(await unhandledSoFar()).toEqual([]);
    await expectStoredWhole(server.dataDir, board);
  });

  it('a connection still being checked or set up when the shutdown starts is told to reconnect (1012), not cut off', async () => {
    const server = await startTestServer();
    const api = apiCaller(() => server.url);
    const workshop = await createWorkshop(api, { title: 'Nedstenging', groups: ['A', 'B'] });
    const anna = await workshop.join('Anna', 0);
    const bo = await workshop.join('Bo', 1);
    // Hold Anna's connection in its token check (before the upgrade) and Bo's in its setup
    // (after it), until the shutdown has begun.
    const access = server.service.access;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = { checks: 0, setups: 0 };
    const authorize = access.authorize.bind(access);
    access.authorize = async (docId, token) => {
      const result = await authorize(docId, token);
      if (held.checks++ === 0) await gate;
      return result;
    };
    const presence = access.presence.bind(access);
    access.presence = async (identity) => {
      held.setups++;
      await gate;
      return presence(identity);
    };
    const beingChecked = outcome(workshopUrl(server, workshop.workshopId, anna.token));
    await waitFor(() => held.checks === 1, "Anna's connection is being checked");
    const beingSetUp = outcome(workshopUrl(server, workshop.workshopId, bo.token));
    await waitFor(() => held.setups === 1, "Bo's connection is being set up");

    const closing = server.close();
    release();
    await closing;

    const restart = `close ${CloseCode.serviceRestart}`;
    expect(await beingChecked).toBe(restart);
    expect(await beingSetUp).toBe(restart);
    expect(await unhandledSoFar()).toEqual([]);
  });
});

describe('connecting while the server process stops on SIGTERM', () => {
  it('exits 0 without an unhandled rejection; its clients are told to reconnect or refused, and the board is stored whole', async () => {
    const dataDir = tempDataDir();
    const server = await spawnServer(dataDir);
    let stderr = '';
    server.child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const board = 'shutdown2';
    const clients = await boardWithContent(server, board);
    const closes = clients.map(
      (c) =>
        // The close that ends the server's connection to this client.
        new Promise<number>((resolve) =>
          c.provider.once('connection-close', (event: { code: number } | null) =>
            resolve(event?.code ?? 0),
          ),
        ),
    );

    const onBoard = `${wsBase(server)}/${boardDocId(board)}`;
    const attempts = [outcome(onBoard)];
    const requests = [httpOutcome(`http://127.0.0.1:${server.port}/api/join/nope`)];
    server.child.kill('SIGTERM');
    attempts.push(outcome(onBoard));
    requests.push(httpOutcome(`http://127.0.0.1:${server.port}/api/join/nope`));

    expect(await server.exited).toBe(0);
    for (const ended of await Promise.all(attempts)) expect(ended).toMatch(RESTARTED_OR_REFUSED);
    for (const ended of await Promise.all(requests)) expect(ended).toMatch(ANSWERED_OR_REFUSED);
    for (const code of await Promise.all(closes)) expect(code).toBe(CloseCode.serviceRestart);
    for (const c of clients) c.destroy();
    expect(stderr).not.toMatch(/unhandled|uncaught|server\.close_failed/i);
    expect(stderr).toContain('server.stopped');
    await expectStoredWhole(dataDir, board);
  });
});

/**
 * A real SQLite storage whose workshop look-ups fail while `failing` is set, as when the disk
 * or database goes away under a connection that is being set up.
 */
function failingStorage(dataDir: string): { storage: Storage; failing: { on: boolean } } {
  const real = new SqliteStorage(dataDir);
  const failing = { on: false };
  const storage = new Proxy(real, {
    get(target, prop) {
      if (failing.on && prop === 'getWorkshop')
        return async () => {
          throw new Error('disk I/O error');
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { storage, failing };
}

describe('storage failing while a connection is set up', () => {
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('closes that connection with 1011, logs why, and serves the next client', async () => {
    const dataDir = tempDataDir();
    const { storage, failing } = failingStorage(dataDir);
    const logger = memoryLogger();
    const started = await startTestServer({
      dataDir,
      storage,
      logger,
      persistence: { flushIntervalMs: 10, compactAfterUpdates: 1000, unloadGraceMs: 50 },
    });
    server = started;
    const api = apiCaller(() => started.url);
    const workshop = await createWorkshop(api, { title: 'Feil', groups: ['A', 'B'] });
    const anna = await workshop.join('Anna', 0);
    // The storage fails once the token has been checked: during the connection's setup.
    const { access } = started.service;
    const authorize = access.authorize.bind(access);
    access.authorize = async (docId, token) => {
      const result = await authorize(docId, token);
      failing.on = true;
      return result;
    };

    const url = workshopUrl(started, workshop.workshopId, anna.token);
    expect(await outcome(url)).toBe(`close ${CloseCode.internalError}`);
    expect(logger.entries.map((e) => e.event)).toContain('sync.setup_failed');
    // The failed connection keeps nothing: no document stays loaded for it.
    failing.on = false;
    await waitFor(() => started.registry.loadedCount === 0, 'every document unloaded');

    // The storage is back: the server is still up and the next client gets the workshop.
    access.authorize = authorize;
    failing.on = false;
    const next = connectClient(started, '', new Y.Doc(), {
      docId: workshopDocId(workshop.workshopId),
      token: anna.token,
    });
    await waitSynced(next);
    expect(next.doc.getMap('meta').get('title')).toBe('Feil');
    next.destroy();
    expect((await api('GET', '/join/nope', null)).status).toBe(404);
    expect(await unhandledSoFar()).toEqual([]);
  });
});
