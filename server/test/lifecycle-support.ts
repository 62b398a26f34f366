import path from 'node:path';
import { readWorkshop, workshopDocId } from '@torg/shared';
import Database from 'better-sqlite3';
import { afterAll, afterEach, expect } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE } from '../src/storage/sqlite-storage.js';
import { apiCaller, createWorkshop, startTestServer, type TestClient, wsBase } from './helpers.js';
import { png } from './images.js';

/**
 * What the lifecycle attack tests share (`attacks-lifecycle`, `attacks-joining`): real
 * servers, a workshop with people in it, and ways to see what the server stored or answered.
 */
type Server = RunningServer & { dataDir: string };

/** A test server with its address and API caller. */
export interface T {
  s: Server;
  base: string;
  api: ReturnType<typeof apiCaller>;
}

/**
 * Servers and sync clients for a spec file: `server()` starts one (closed after the file),
 * clients pushed to `clients` are destroyed after each test.
 */
export function useServers() {
  const servers: Server[] = [];
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<T> {
    const s = await startTestServer(overrides);
    servers.push(s);
    const base = s.url.replace('localhost', '127.0.0.1');
    return { s, base, api: apiCaller(() => base) };
  }
  return { server, clients };
}

/** Stored rows (documents, images) that mention a board or workshop id, read from the file. */
export async function storedFor(t: T, id: string): Promise<number> {
  await t.s.registry.flush();
  const db = new Database(path.join(t.s.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
    return (
      n('SELECT COUNT(*) AS n FROM doc_updates WHERE substr(doc_id, 3) = ?') +
      n('SELECT COUNT(*) AS n FROM assets WHERE board_id = ?')
    );
  } finally {
    db.close();
  }
}

/** Every stored document row and image on the server. */
export async function storedRows(t: T): Promise<number> {
  await t.s.registry.flush();
  const db = new Database(path.join(t.s.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return n('SELECT COUNT(*) AS n FROM doc_updates') + n('SELECT COUNT(*) AS n FROM assets');
  } finally {
    db.close();
  }
}

/** The HTTP status a WebSocket upgrade to `/sync/<docId>` gets (101 when it opens). */
export function upgradeStatus(
  t: { s: { port: number } },
  docId: string,
  token: string | null = null,
): Promise<number> {
  return new Promise((resolve) => {
    const q = token ? `?token=${encodeURIComponent(token)}` : '';
    const ws = new WebSocket(`${wsBase(t.s)}/${docId}${q}`);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => {});
  });
}

export async function upload(t: T, boardId: string, token: string | null = null): Promise<number> {
  const res = await fetch(`${t.base}/api/boards/${boardId}/assets`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: png(4, 4),
  });
  await res.body?.cancel();
  return res.status;
}

/** A workshop with one phase (a board per group), a participant and an observer. */
export async function gathering(t: T) {
  const w = await createWorkshop(t.api, { title: 'Nabolagsmøte', groups: ['Rød', 'Blå'] });
  const phase = await t.api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
    name: 'Idémyldring',
  });
  expect(phase.status).toBe(201);
  const boardIds = phase.body.boardIds as string[];
  const anne = await w.join('Anne', 0);
  const olav = await w.join('Olav', 'observer');
  const codes = await t.api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator);
  return {
    ...w,
    boardIds,
    anne,
    olav,
    joinCode: codes.body.joinCode as string,
    observerCode: codes.body.observerCode as string,
  };
}

export const participantsOf = async (t: T, workshopId: string) => {
  const room = await t.s.registry.acquire(workshopDocId(workshopId));
  try {
    return readWorkshop(room.doc).participants.length;
  } finally {
    t.s.registry.release(room);
  }
};
