/**
 * Sign-out and deletion across two servers on one PostgreSQL database and one Redis (as behind
 * a load balancer): a connection on the other server is closed too, and a deleted workshop's
 * board ids are dead there as well, with open boards on. Everything real.
 */
import { boardDocId } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import { PostgresStorage } from '../src/storage/postgres-storage.js';
import { startRedis, type TestRedis } from './cluster-support.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  type TestClient,
  waitSynced,
  wsBase,
} from './helpers.js';
import { freshDatabase, startPostgres, type TestPostgres } from './postgres.js';

let pg: TestPostgres;
let redis: TestRedis;
let databaseUrl = '';
const servers: RunningServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await freshDatabase(pg.url);
  // One after the other: the first applies the migrations. Open boards on, so only the
  // tombstones keep a deleted workshop's boards dead.
  for (let i = 0; i < 2; i++)
    servers.push(await startTestServer({ databaseUrl, redisUrl: redis.url, openBoards: true }));
}, 90_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
  await redis?.stop();
  await pg?.stop();
});

const base = (s: RunningServer | undefined) => `http://127.0.0.1:${s?.port ?? 0}`;

function upgradeStatus(s: RunningServer | undefined, docId: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsBase({ port: s?.port ?? 0 })}/${docId}`);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => {});
  });
}

describe('two servers', () => {
  it('a sign-out on one closes the connections on the other; a deletion kills the ids on both', async () => {
    const [a, b] = servers;
    const apiA = apiCaller(() => base(a));
    const w = await createWorkshop(apiA, { title: 'Klynge', groups: ['Rød', 'Blå'] });
    const phase = await apiA('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Runde 1',
    });
    const boardId = (phase.body.boardIds as string[])[0] ?? '';
    const anne = await w.join('Anne', 0);

    const onB = connectClient({ port: b?.port ?? 0 }, boardId, new Y.Doc(), {
      token: anne.token,
    });
    clients.push(onB);
    await waitSynced(onB);
    const closed = new Promise<number>((resolve) =>
      onB.provider.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
    );
    const r = await apiA('POST', `/workshops/${w.workshopId}/codes/rotate`, w.facilitator, {
      signOut: true,
    });
    expect(r.status).toBe(200);
    expect(await closed).toBe(4410);
    const apiB = apiCaller(() => base(b));
    expect((await apiB('GET', `/workshops/${w.workshopId}/me`, anne.token)).status).toBe(401);
    onB.destroy();

    expect((await apiA('DELETE', `/workshops/${w.workshopId}`, w.facilitator)).status).toBe(204);
    expect(await upgradeStatus(b, boardDocId(boardId))).toBe(404);
    expect(await upgradeStatus(a, boardDocId(boardId))).toBe(404);
    const storage = await PostgresStorage.open(databaseUrl);
    try {
      expect(await storage.load(boardDocId(boardId))).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
