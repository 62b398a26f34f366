/**
 * Several Torg server processes on one PostgreSQL database and one Redis, as in a hosted
 * set-up behind a load balancer: everything real (processes, sockets, PostgreSQL, Redis).
 */
import type { ChildProcess } from 'node:child_process';
import {
  boardDocId,
  commentsDocId,
  ORIGIN_CLUSTER,
  ORIGIN_LOCAL,
  readComments,
  readWorkshop,
  shapesMap,
  updateShapes,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStorage } from '../src/storage/postgres-storage.js';
import { type Balancer, startBalancer, startRedis, type TestRedis } from './cluster-support.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  metricSample,
  spawnServer,
  startTestServer,
  sticky,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';
import { freshDatabase, startPostgres } from './postgres.js';

interface Node {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

let pg: Awaited<ReturnType<typeof startPostgres>>;
let redis: TestRedis;
const clients: TestClient[] = [];
const nodes: Node[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const n of nodes.splice(0)) if (n.child.exitCode === null) n.child.kill('SIGKILL');
  await redis?.stop();
  await pg?.stop();
});

/** `n` servers on a fresh database and the shared Redis. */
async function cluster(
  n: number,
  more: Record<string, string> = {},
): Promise<{ nodes: Node[]; databaseUrl: string }> {
  const databaseUrl = await freshDatabase(pg.url);
  const env = {
    TORG_DATABASE_URL: databaseUrl,
    TORG_REDIS_URL: redis.url,
    TORG_SECRET: 'c',
    ...more,
  };
  // Started one after the other: the first runs the migrations (the others would wait).
  const made: Node[] = [];
  for (let i = 0; i < n; i++) made.push(await spawnServer(tempDataDir(), env));
  nodes.push(...made);
  return { nodes: made, databaseUrl };
}

function client(port: number, boardId: string, opts: { token?: string; docId?: string } = {}) {
  const c = connectClient({ port }, boardId, new Y.Doc(), opts);
  clients.push(c);
  return c;
}

const xs = (doc: Y.Doc) =>
  JSON.stringify(
    [...shapesMap(doc)].map(([id, m]) => [id, m.get('x')]).sort((a, b) => (a < b ? -1 : 1)),
  );

async function converged(all: TestClient[], count: number, what: string): Promise<void> {
  await waitFor(
    () => {
      const first = all[0];
      if (!first || shapesMap(first.doc).size !== count) return false;
      const key = xs(first.doc);
      return all.every((c) => xs(c.doc) === key);
    },
    what,
    20_000,
  );
}

describe('several servers on PostgreSQL and Redis', () => {
  it('clients of one board spread over three servers converge, and the board is stored once for all', async () => {
    const { nodes: three, databaseUrl } = await cluster(3);
    const board = 'spread1';
    const all = three.flatMap((n) => [client(n.port, board), client(n.port, board)]);
    await Promise.all(all.map(waitSynced));
    all.forEach((c, i) => {
      writeShapes(c.doc, [sticky(`stk${i}x`, `lapp ${i}`, i * 10)], ORIGIN_LOCAL);
    });
    await converged(all, all.length, 'every client sees every sticky');
    // Moves on every server, interleaved.
    for (let round = 1; round <= 5; round++)
      all.forEach((c, i) => {
        updateShapes(
          c.doc,
          new Map([[`stk${(i + round) % all.length}x`, { x: round * 1000 + i }]]),
          ORIGIN_LOCAL,
        );
      });
    await converged(all, all.length, 'the moves converge');

    // A new client on any server gets the same board from the database.
    const storage = await PostgresStorage.open(databaseUrl);
    try {
      await waitFor(async () => {
        const doc = new Y.Doc();
        for (const u of await storage.load(boardDocId(board))) Y.applyUpdate(doc, u);
        return xs(doc) === xs((all[0] as TestClient).doc);
      }, 'the database holds the converged board');
    } finally {
      await storage.close();
    }
  }, 60_000);

  it("the other server's metrics show how long the bus took to bring an edit", async () => {
    const token = 'metrics-token-for-cluster-tests-0123456789';
    const [a, b] = (await cluster(2, { TORG_METRICS_TOKEN: token })).nodes as [Node, Node];
    const writer = client(a.port, 'buslag1');
    const reader = client(b.port, 'buslag1');
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    writeShapes(writer.doc, [sticky('lapp1', 'Over bussen')], ORIGIN_LOCAL);
    await converged([writer, reader], 1, 'the edit reached the other server');
    const res = await fetch(`http://127.0.0.1:${b.port}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    const arrived = metricSample(text, 'torg_cluster_bus_lag_seconds_count');
    expect(arrived).toBeGreaterThanOrEqual(1);
    // Two processes on one machine, one clock: well under a second each.
    expect(metricSample(text, 'torg_cluster_bus_lag_seconds_sum') / arrived).toBeLessThan(1);
  }, 60_000);

  it('a comment, a vote, a lock and a market round made through one server reach clients on the others', async () => {
    const [a, b, c] = (await cluster(3)).nodes as [Node, Node, Node];
    const api = (n: Node) => apiCaller(() => `http://127.0.0.1:${n.port}`);
    const w = await createWorkshop(api(a), { title: 'Klynge', groups: ['G1', 'G2', 'G3'] });
    const anne = await w.join('Anne', 0);
    const bjorn = await w.join('Bjørn', 1);
    const cato = await w.join('Cato', 2);
    const phase = await api(b)('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Fremtid',
    });
    expect(phase.status).toBe(201);
    const boards = phase.body.boardIds as [string, string, string];

    // Everyone watches the workshop document on server C.
    const watcher = client(c.port, '', { token: cato.token, docId: workshopDocId(w.workshopId) });
    await waitSynced(watcher);
    await waitFor(
      () => readWorkshop(watcher.doc).phases.length === 1,
      'the phase made through B reaches C',
    );

    // Market square: set up through A, started and advanced through B; seen on C.
    const market = `/workshops/${w.workshopId}/market`;
    expect(
      (await api(a)('POST', market, w.facilitator, { phaseId: phase.body.phaseId })).status,
    ).toBe(200);
    expect(
      (await api(b)('POST', `${market}/command`, w.facilitator, { action: 'start' })).status,
    ).toBe(200);
    await waitFor(
      () => readWorkshop(watcher.doc).market?.state === 'running',
      'the started market reaches C',
    );

    // A comment through B by a visitor (round 1: group 1 visits board 2) reaches a reader on C.
    const reader = client(c.port, '', { token: bjorn.token, docId: commentsDocId(boards[1]) });
    await waitSynced(reader);
    const posted = await api(b)(
      'POST',
      `/workshops/${w.workshopId}/boards/${boards[1]}/comments`,
      anne.token,
      { kind: 'comment', text: 'Godt tenkt!', pin: { x: 10, y: 20 } },
    );
    expect(posted.status).toBe(201);
    await waitFor(
      () => readComments(reader.doc).some((x) => x.text === 'Godt tenkt!'),
      'the comment made through B reaches C',
    );

    expect(
      (await api(a)('POST', `${market}/command`, w.facilitator, { action: 'next' })).status,
    ).toBe(200);
    await waitFor(() => readWorkshop(watcher.doc).market?.round === 1, 'round 2 reaches C');
    expect(
      (await api(c)('POST', `${market}/command`, w.facilitator, { action: 'end' })).status,
    ).toBe(200);

    // A lock through A: a writer on C is refused from then on.
    const writer = client(c.port, '', { token: cato.token, docId: boardDocId(boards[2]) });
    await waitSynced(writer);
    expect(
      (await api(a)('POST', `/workshops/${w.workshopId}/lock`, w.facilitator, { locked: true }))
        .status,
    ).toBe(200);
    await waitFor(() => readWorkshop(watcher.doc).meta?.allLocked === true, 'the lock reaches C');
    const closed = new Promise<number>((resolve) =>
      writer.provider.ws?.addEventListener('close', (e) => resolve(e.code)),
    );
    writeShapes(writer.doc, [sticky('late', 'etter låsing')], ORIGIN_LOCAL);
    expect(await closed).toBe(4403);
    expect(
      (await api(a)('POST', `/workshops/${w.workshopId}/lock`, w.facilitator, { locked: false }))
        .status,
    ).toBe(200);

    // A vote with 2 dots: placed concurrently through all three servers, never more than 2.
    const vote = `/workshops/${w.workshopId}/vote`;
    const seen = [a, b, c].map((n) =>
      client(n.port, '', { token: w.facilitator, docId: boardDocId(boards[0]) }),
    );
    await Promise.all(seen.map(waitSynced));
    writeShapes((seen[0] as TestClient).doc, [sticky('idea1', 'Idé')], ORIGIN_LOCAL);
    await waitFor(
      () => seen.every((x) => shapesMap(x.doc).has('idea1')),
      'the idea is on every server',
    );
    expect(
      (await api(b)('POST', vote, w.facilitator, { boardIds: [boards[0]], dots: 2 })).status,
    ).toBe(200);
    const dots = `/workshops/${w.workshopId}/boards/${boards[0]}/dots`;
    const tries = await Promise.all(
      [a, b, c, a, b, c].map((n) => api(n)('POST', dots, anne.token, { shapeId: 'idea1' })),
    );
    expect(tries.filter((r) => r.status === 201).length).toBe(2);
    const mine = await api(c)('GET', `${vote}/mine`, anne.token);
    expect((mine.body.dots as unknown[]).length).toBe(2);
  }, 90_000);
});

/** Clients on one board through a balancer in front of `servers`, each adding its own sticky. */
async function crowdThrough(balancer: Balancer, board: string, n: number): Promise<TestClient[]> {
  const crowd = Array.from({ length: n }, () => client(balancer.port, board));
  await Promise.all(crowd.map(waitSynced));
  crowd.forEach((c, i) => {
    writeShapes(c.doc, [sticky(`own${i}x`, `lapp ${i}`, i)], ORIGIN_LOCAL);
  });
  await converged(crowd, n, 'every sticky everywhere');
  return crowd;
}

/** The board as PostgreSQL holds it. */
async function stored(databaseUrl: string, board: string): Promise<string> {
  const storage = await PostgresStorage.open(databaseUrl);
  try {
    const doc = new Y.Doc();
    for (const u of await storage.load(boardDocId(board))) Y.applyUpdate(doc, u);
    return xs(doc);
  } finally {
    await storage.close();
  }
}

describe('losing a server or Redis', () => {
  it('SIGKILL of one of three servers while everyone edits: its clients move on, all converge, the database has it all', async () => {
    const { nodes: three, databaseUrl } = await cluster(3);
    const balancer = await startBalancer(three.map((n) => n.port));
    try {
      const board = 'killone';
      const crowd = await crowdThrough(balancer, board, 12);
      expect([...balancer.open().values()].every((count) => count > 0)).toBe(true);

      let x = 1000;
      const editAll = () =>
        crowd.forEach((c, i) => {
          updateShapes(c.doc, new Map([[`own${i}x`, { x: x++ }]]), ORIGIN_LOCAL);
        });
      for (let k = 0; k < 5; k++) editAll();
      const victim = three[0] as Node;
      victim.child.kill('SIGKILL');
      await victim.exited;
      // Everyone goes on editing through the outage; the victim's clients reconnect through
      // the balancer to the two others and send what they did meanwhile.
      for (let k = 0; k < 5; k++) {
        editAll();
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitFor(
        () => crowd.every((c) => c.provider.wsconnected),
        'every client is connected again',
        20_000,
      );
      expect(balancer.open().get(victim.port) ?? 0).toBe(0);
      await converged(crowd, crowd.length, 'all clients converge after the kill');
      const final = xs((crowd[0] as TestClient).doc);
      // Every last move is the highest x that client sent.
      expect(final).toContain(`"own0x",${x - crowd.length}`);
      await waitFor(async () => (await stored(databaseUrl, board)) === final, 'stored', 15_000);
    } finally {
      await balancer.close();
    }
  }, 90_000);

  it('SIGTERM drains: clients are told to reconnect (1012) and carry on on another server', async () => {
    const { nodes: two, databaseUrl } = await cluster(2);
    const balancer = await startBalancer(two.map((n) => n.port));
    try {
      const board = 'drainone';
      const crowd = await crowdThrough(balancer, board, 6);
      const victim = two[0] as Node;
      const onVictim = balancer.open().get(victim.port) ?? 0;
      expect(onVictim).toBeGreaterThan(0);
      const codes: number[] = [];
      for (const c of crowd)
        c.provider.on('connection-close', (e: { code: number } | null) => {
          if (e) codes.push(e.code);
        });
      // A last edit just before the stop is stored and reaches everyone.
      writeShapes((crowd[0] as TestClient).doc, [sticky('lastone', 'siste', 5)], ORIGIN_LOCAL);
      victim.child.kill('SIGTERM');
      expect(await victim.exited).toBe(0);
      await waitFor(() => crowd.every((c) => c.provider.wsconnected), 'all reconnected', 10_000);
      // Every client of the drained server was told to reconnect.
      expect(codes.filter((c) => c === 1012)).toHaveLength(onVictim);
      await converged(crowd, crowd.length + 1, 'the last edit reaches everyone');
      await waitFor(
        async () => (await stored(databaseUrl, board)) === xs((crowd[0] as TestClient).doc),
        'stored',
      );
    } finally {
      await balancer.close();
    }
  }, 60_000);

  it('a change the bus never carried reaches the other server by the periodic state-vector exchange', async () => {
    const databaseUrl = await freshDatabase(pg.url);
    const config = { databaseUrl, redisUrl: redis.url, secret: 'c' };
    const a = await startTestServer(config);
    const b = await startTestServer(config);
    try {
      const board = 'gapheal';
      const onA = client(a.port, board);
      const onB = client(b.port, board);
      await Promise.all([waitSynced(onA), waitSynced(onB)]);
      // B's document gets a change as if it had come over the bus: not published, not stored
      // by B. For A it is a lost message.
      const scratch = new Y.Doc();
      writeShapes(scratch, [sticky('lostmsg', 'tapt melding', 7)], ORIGIN_LOCAL);
      const room = await b.registry.acquire(boardDocId(board));
      Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(scratch), ORIGIN_CLUSTER);
      b.registry.release(room);
      await waitFor(() => shapesMap(onB.doc).has('lostmsg'), 'B’s client has it');
      expect(shapesMap(onA.doc).has('lostmsg')).toBe(false);
      // Within one exchange (every 5 s) A learns what it lacks.
      await waitFor(() => shapesMap(onA.doc).has('lostmsg'), 'A’s client gets it', 12_000);
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('Redis restarts mid-session: edits made on both servers meanwhile reach everyone afterwards', async () => {
    const { nodes: two } = await cluster(2);
    const [a, b] = two as [Node, Node];
    const board = 'redisgap';
    const onA = client(a.port, board);
    const onB = client(b.port, board);
    await Promise.all([waitSynced(onA), waitSynced(onB)]);
    writeShapes(onA.doc, [sticky('before', 'før', 1)], ORIGIN_LOCAL);
    await converged([onA, onB], 1, 'the first sticky crosses over');

    await redis.kill();
    writeShapes(onA.doc, [sticky('duringa', 'under A', 2)], ORIGIN_LOCAL);
    writeShapes(onB.doc, [sticky('duringb', 'under B', 3)], ORIGIN_LOCAL);
    // Apart while Redis is away.
    await new Promise((r) => setTimeout(r, 300));
    expect(shapesMap(onB.doc).has('duringa')).toBe(false);
    expect(shapesMap(onA.doc).has('duringb')).toBe(false);

    await redis.start();
    await converged([onA, onB], 3, 'both sides converge once Redis is back');
    // And the bus works again for new changes.
    writeShapes(onB.doc, [sticky('afterb', 'etter', 4)], ORIGIN_LOCAL);
    await converged([onA, onB], 4, 'a later sticky crosses over');
  }, 60_000);
});
