import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boardDocId, type Sticky, SYNC_PATH, workshopDocId } from '@torg/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { defaultConfig, type ServerConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { type RunningServer, startServer } from '../src/server.js';

/**
 * The administrator token every test server gets (config `adminToken`, env
 * `TORG_ADMIN_TOKEN`), so tests create gatherings like a script would.
 */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnop';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'torg-test-'));
}

/** A real server on a free loopback port with its own SQLite file. */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const config = defaultConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: null,
    logger: silentLogger,
    adminToken: TEST_ADMIN_TOKEN,
    // Many tests draw on open scratch boards (a board id of no workshop), which a real
    // server only allows with TORG_OPEN_BOARDS=1; tests of the default pass `openBoards: false`.
    openBoards: true,
    ...overrides,
  });
  const server = await startServer(config);
  return Object.assign(server, { dataDir });
}

/**
 * The servers and clients a test file starts, closed by `closeAll` (after each test, or in
 * the middle of one that restarts its server).
 */
export function testFixtures() {
  const servers: RunningServer[] = [];
  const clients: TestClient[] = [];
  return {
    servers,
    clients,
    async closeAll(): Promise<void> {
      for (const c of clients.splice(0)) c.destroy();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}

export function wsBase(server: { port: number }): string {
  return `ws://127.0.0.1:${server.port}${SYNC_PATH}`;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A standard y-websocket client in Node, exactly as a browser would connect. */
export function connectClient(
  server: { port: number },
  boardId: string,
  doc = new Y.Doc(),
  opts: {
    token?: string;
    docId?: string;
    /**
     * A loopback source address (any of 127.0.0.0/8 on Linux), so many clients in one test
     * process look like different hosts to per-address limits.
     */
    localAddress?: string;
  } = {},
): TestClient {
  const { localAddress } = opts;
  class FromAddress extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, localAddress ? { localAddress } : {});
    }
  }
  const provider = new WebsocketProvider(wsBase(server), opts.docId ?? boardDocId(boardId), doc, {
    params: opts.token ? { token: opts.token } : {},
    // ws's WebSocket is API-compatible with the browser one that y-websocket expects.
    WebSocketPolyfill: FromAddress as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel too: without this, clients in one test process would sync
    // through it and hide server bugs.
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `check` holds; fails with `message` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function waitSynced(client: TestClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'client synced');
}

/** Opens a raw WebSocket (for sending hand-made frames); resolves once open. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The real server as its own OS process (`src/main.ts`), for kill and restart tests. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** A fixed port (e.g. the port of a killed server, so its clients reconnect); 0: any free. */
  port = 0,
  /** What node runs: the TypeScript sources (tests) or the production build (`dist/main.js`). */
  entry: string[] = ['--import', 'tsx', 'src/main.ts'],
): Promise<{
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  /** Everything the server wrote to stdout so far. */
  stdout: () => string;
}> {
  const child = spawn(process.execPath, entry, {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TORG_DATA_DIR: dataDir,
      TORG_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      // As in startTestServer: the tests' scratch boards need open boards.
      TORG_OPEN_BOARDS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let out = '';
  const bound = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (m?.[1]) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  return { child, port: bound, exited, stdout: () => out };
}

/**
 * The generations a real token was signed in (its `g` and `j` claims), so a test can sign
 * another token that differs in one way only (expired, another participant's second device).
 */
export function tokenGenerations(token: string): { tokenGen: number; joinGen: number } {
  const claims = JSON.parse(
    Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'),
  ) as { g?: number; j?: number };
  return { tokenGen: claims.g ?? 0, joinGen: claims.j ?? 0 };
}

/** A valid sticky for tests. */
export const sticky = (id: string, text: string, x = 0): Sticky => ({
  id,
  type: 'sticky',
  v: 2,
  locked: false,
  size: 'm',
  x,
  y: 0,
  w: 200,
  h: 200,
  z: 'a0',
  text,
  color: 'yellow',
});

/** JSON over HTTP to a test server's API: status and parsed body (`{}` when empty). */
export function apiCaller(base: () => string) {
  return async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${base()}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** A participant as the tests use them: id and token. */
export interface TestPerson {
  id: string;
  token: string;
}

/**
 * A new workshop through the real API, with its groups' ids and a way to join people: into a
 * group (by index) or, with `'observer'`, by the observer code.
 */
export async function createWorkshop(
  api: ReturnType<typeof apiCaller>,
  opts: { title: string; groups: string[] },
) {
  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: opts.title,
    date: '2026-11-23',
    groups: opts.groups,
    facilitatorName: 'Fasilitator',
  });
  if (created.status !== 201)
    throw new Error(`workshop not created: ${created.status} ${JSON.stringify(created.body)}`);
  const joinCode = created.body.joinCode as string;
  const info = await api('GET', `/join/${joinCode}`, null);
  const groups = (info.body.groups as { id: string }[]).map((g) => g.id);
  return {
    workshopId: created.body.workshopId as string,
    facilitator: created.body.token as string,
    groups,
    async join(name: string, group: number | 'observer'): Promise<TestPerson> {
      const code = group === 'observer' ? created.body.observerCode : joinCode;
      const groupId = group === 'observer' ? undefined : groups[group];
      const r = await api('POST', '/join', null, { code, name, groupId });
      if (r.status !== 201) throw new Error(`${name} could not join: ${r.status}`);
      return { id: r.body.participantId as string, token: r.body.token as string };
    },
  };
}

/** A workshop's document as a member's browser gets it, synced (kept in `clients` to close). */
export async function watchWorkshop(
  server: RunningServer,
  workshopId: string,
  token: string,
  clients: TestClient[],
): Promise<TestClient> {
  const c = connectClient(server, '', new Y.Doc(), { token, docId: workshopDocId(workshopId) });
  clients.push(c);
  await waitSynced(c);
  return c;
}

/** One sample's value in Prometheus text (`name{labels} value`); 0 when it is not there. */
export function metricSample(text: string, name: string, labels = ''): number {
  const key = labels ? `${name}{${labels}}` : name;
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line ? Number(line.slice(key.length + 1)) : 0;
}
