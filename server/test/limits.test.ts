import { randomBytes } from 'node:crypto';
import {
  boardDocId,
  CloseCode,
  MessageType,
  ORIGIN_LOCAL,
  readAllShapes,
  SyncMessageType,
  shapeText,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ServerConfig } from '../src/config.js';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  closeOf,
  connectClient,
  rawSocket,
  startTestServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

let s: (RunningServer & { dataDir: string }) | null = null;
let log: ReturnType<typeof memoryLogger>;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

async function start(limits: Partial<ServerConfig['limits']> = {}) {
  log = memoryLogger();
  s = await startTestServer({
    logger: log,
    limits: { maxMessageBytes: 2 * 1024 * 1024, ...limits },
  });
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await s?.close();
  s = null;
});

function client(server: RunningServer, board: string): TestClient {
  const c = connectClient(server, board);
  clients.push(c);
  return c;
}

async function raw(server: RunningServer, docId: string, token?: string): Promise<WebSocket> {
  const ws = await rawSocket(
    `${wsBase(server)}/${docId}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  );
  sockets.push(ws);
  return ws;
}

/** Sync step 1 with an empty state vector: opens the session. */
function step1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncMessageType.step1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}
const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

/** Resolves with the next sync step 2 the socket receives (the reply to a step 1). */
function nextStep2(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (bytes[0] === MessageType.sync && bytes[1] === SyncMessageType.step2) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
  });
}

/** HTTP status of a refused upgrade. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      sockets.push(ws);
      reject(new Error('upgrade should have been refused'));
    });
    ws.once('error', () => {});
  });
}

async function facilitatorToken(server: RunningServer): Promise<{ token: string; doc: string }> {
  const api = apiCaller(() => server.url);
  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: 'Grenser',
    date: '2026-11-23',
    groups: ['Gruppe A', 'Gruppe B'],
    facilitatorName: 'Fasilitator',
  });
  expect(created.status).toBe(201);
  return {
    token: created.body.token as string,
    doc: workshopDocId(created.body.workshopId as string),
  };
}

describe('awareness coalescing', () => {
  it('200 cursor moves of 20 clients in 1 s reach a watcher in ≤ 25 messages, ending in everyone’s latest state', async () => {
    const server = await start();
    const board = 'coalesce';
    const movers = Array.from({ length: 20 }, () => client(server, board));
    await Promise.all(movers.map(waitSynced));

    // The watcher: a raw socket that counts awareness messages and applies them.
    const watcher = await raw(server, boardDocId(board));
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    seen.setLocalState(null);
    let awarenessMessages = 0;
    watcher.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
      awarenessMessages++;
      awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server');
    });
    watcher.send(step1());
    const cursorOf = (c: TestClient) =>
      (seen.getStates().get(c.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor;
    for (const m of movers) m.provider.awareness.setLocalStateField('cursor', { x: -1, y: 0 });
    await waitFor(() => movers.every((m) => cursorOf(m)?.x === -1), 'watcher sees every client');

    awarenessMessages = 0;
    const started = Date.now();
    for (let round = 0; round < 10; round++) {
      for (const m of movers) m.provider.awareness.setLocalStateField('cursor', { x: round, y: 0 });
      if (round < 9) await new Promise((r) => setTimeout(r, 100));
    }
    await waitFor(() => movers.every((m) => cursorOf(m)?.x === 9), 'every latest cursor arrives');
    const elapsed = Date.now() - started;
    console.info(`[limits] 200 awareness updates in ${elapsed} ms → ${awarenessMessages} messages`);
    // One batched message per 50 ms tick: ~20 for the second the moves take, not 200.
    expect(awarenessMessages).toBeGreaterThan(0);
    expect(awarenessMessages).toBeLessThanOrEqual(25);
    expect(elapsed).toBeLessThan(3000);

    // A removal (a client leaves) goes out in the next tick too.
    const leaver = movers[0] as TestClient;
    const leaverId = leaver.doc.clientID;
    leaver.provider.destroy();
    await waitFor(() => !seen.getStates().has(leaverId), 'the leaver’s cursor disappears');
  });

  it('document changes are not delayed by the awareness tick', async () => {
    // A tick far longer than the test: a change arriving means it was not held back.
    const server = await start({ awarenessTickMs: 60_000 });
    const a = client(server, 'notdelayed');
    const b = client(server, 'notdelayed');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    writeShapes(a.doc, [sticky('fast1', 'Straks')], ORIGIN_LOCAL);
    await waitFor(() => readAllShapes(b.doc).length === 1, 'b gets the change at once', 2000);
  });
});

describe('slow consumers', () => {
  it('a client that does not read is cut with 4408 while the others keep syncing; memory stays bounded', async () => {
    const server = await start({ maxBufferedBytes: 1024 * 1024 });
    const board = 'slowreader';
    const a = client(server, board);
    const b = client(server, board);
    await Promise.all([waitSynced(a), waitSynced(b)]);

    const slow = await raw(server, boardDocId(board));
    const greeted = nextStep2(slow);
    slow.send(step1());
    await greeted;
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    slow.pause();
    const closed = closeOf(slow);

    const rssBefore = process.memoryUsage().rss;
    // Random text: sync messages are compressed, and 'xxx…' would shrink a thousandfold.
    const text = randomBytes(150_000).toString('base64');
    let edits = 0;
    let sentBytes = 0;
    // Edits of 200 kB each (a ring of 5 keys, so the document itself stays ~1 MB).
    const edit = (key: string, value: string) => a.doc.getMap('load').set(key, value);
    const bHas = (key: string, value: string) => b.doc.getMap('load').get(key) === value;
    while (!log.entries.some((e) => e.event === 'sync.slow_consumer')) {
      if (edits >= 400) throw new Error('slow consumer never detected');
      const value = `${text}${edits}`;
      edit(`k${edits % 5}`, value);
      sentBytes += value.length;
      edits++;
      await waitFor(() => bHas(`k${(edits - 1) % 5}`, value), 'b keeps up with the edits');
    }
    const entry = log.entries.find((e) => e.event === 'sync.slow_consumer');
    expect(entry?.fields?.bufferedBytes as number).toBeGreaterThan(1024 * 1024);

    // It reads again: behind what was buffered, the close frame with the code waits.
    slow.resume();
    expect(await closed).toEqual({
      code: CloseCode.tooSlow,
      reason: 'too slow: the connection does not keep up',
    });

    // Its membership is gone; the others still sync both ways.
    const room = await server.registry.acquire(boardDocId(board));
    expect(room.members.size).toBe(2);
    for (let i = 0; i < 20; i++) {
      const value = `${text}after${i}`;
      edit(`k${i % 5}`, value);
      await waitFor(() => bHas(`k${i % 5}`, value), 'b syncs');
    }
    writeShapes(b.doc, [sticky('back1', 'Tilbake')], ORIGIN_LOCAL);
    await waitFor(() => readAllShapes(a.doc).some((x) => shapeText(x) === 'Tilbake'), 'a syncs');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

    const rssGrowth = process.memoryUsage().rss - rssBefore;
    // Server, both clients and the slow socket share this process; the bound is loose but
    // far below what buffering every edit for the slow client would cost without the limit.
    console.info(
      `[limits] slow consumer cut after ${edits} edits (${(sentBytes / 1e6).toFixed(1)} MB), ` +
        `buffered ${(entry?.fields?.bufferedBytes as number) / 1e6} MB, RSS growth ${(rssGrowth / 1e6).toFixed(0)} MB`,
    );
    expect(rssGrowth).toBeLessThan(256 * 1024 * 1024);
  }, 60_000);
});

describe('message rate limits', () => {
  it('a burst beyond the budget closes with 4429 and is logged; a client at 100 msg/s stays', async () => {
    const server = await start();
    const { token, doc } = await facilitatorToken(server);

    const flooder = await raw(server, doc, token);
    const closed = closeOf(flooder);
    flooder.send(step1());
    for (let i = 0; i < 600; i++) flooder.send(QUERY_AWARENESS);
    expect(await closed).toEqual({
      code: CloseCode.rateLimited,
      reason: 'too many messages: slow down',
    });
    expect(log.entries.some((e) => e.event === 'sync.rate_limited')).toBe(true);

    // 100 messages per second for 5 s: more than the burst in total, under the rate.
    const steady = await raw(server, doc, token);
    let steadyClosed = false;
    steady.once('close', () => {
      steadyClosed = true;
    });
    steady.send(step1());
    const t0 = Date.now();
    for (let i = 0; i < 500; i++) {
      const due = t0 + i * 10;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      if (steadyClosed) break;
      steady.send(QUERY_AWARENESS);
    }
    const answered = nextStep2(steady);
    steady.send(step1());
    await answered;
    expect(steadyClosed).toBe(false);
    expect(steady.readyState).toBe(WebSocket.OPEN);
  }, 20_000);

  it('connections without an identity get the stricter budget', async () => {
    const server = await start();
    const { token, doc } = await facilitatorToken(server);

    // 300 at once: over the anonymous burst (200), under the one with a token (400).
    const anonymous = await raw(server, boardDocId('scratchflood'));
    const anonClosed = closeOf(anonymous);
    anonymous.send(step1());
    for (let i = 0; i < 300; i++) anonymous.send(QUERY_AWARENESS);
    expect((await anonClosed).code).toBe(CloseCode.rateLimited);

    const known = await raw(server, doc, token);
    known.send(step1());
    for (let i = 0; i < 300; i++) known.send(QUERY_AWARENESS);
    const answered = nextStep2(known);
    known.send(step1());
    await answered;
    expect(known.readyState).toBe(WebSocket.OPEN);

    // A normal anonymous client on an open board is unaffected.
    const a = client(server, 'scratchok');
    const b = client(server, 'scratchok');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    for (let i = 0; i < 20; i++) a.provider.awareness.setLocalStateField('cursor', { x: i });
    writeShapes(a.doc, [sticky('ok001', 'Går fint')], ORIGIN_LOCAL);
    await waitFor(() => readAllShapes(b.doc).length === 1, 'b gets a’s edit');
    expect(a.provider.wsconnected).toBe(true);
  });

  it('the budgets are configurable', async () => {
    const server = await start({ anonymousMessagesPerSecond: 5, anonymousMessageBurst: 5 });
    const ws = await raw(server, boardDocId('tinybudget'));
    const closed = closeOf(ws);
    ws.send(step1());
    for (let i = 0; i < 10; i++) ws.send(QUERY_AWARENESS);
    expect((await closed).code).toBe(CloseCode.rateLimited);
  });
});

describe('connections per client', () => {
  it('the 33rd connection with one token is refused with 429; others are unaffected', async () => {
    const server = await start();
    const { token, doc } = await facilitatorToken(server);
    const url = `${wsBase(server)}/${doc}?token=${encodeURIComponent(token)}`;
    const open = await Promise.all(Array.from({ length: 32 }, () => raw(server, doc, token)));
    expect(await upgradeStatus(url)).toBe(429);
    expect(log.entries.some((e) => e.event === 'sync.too_many_connections')).toBe(true);

    // The body of the refusal, as a plain request sees it.
    const res = await server.app.request(`/sync/${doc}?token=${encodeURIComponent(token)}`, {
      headers: { upgrade: 'websocket' },
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toBe('too_many_connections');

    // The connections already open still work.
    const first = open[0] as WebSocket;
    const answered = nextStep2(first);
    first.send(step1());
    await answered;
    // Anonymous clients (counted per address, not per token) still connect.
    const anon = client(server, 'capother');
    await waitSynced(anon);

    // One closes: a slot is free again.
    first.close();
    await waitFor(async () => {
      try {
        await raw(server, doc, token);
        return true;
      } catch {
        return false;
      }
    }, 'a new connection is accepted after one closed');
  });

  it('anonymous connections are counted per remote address', async () => {
    const server = await start({ maxConnectionsPerClient: 3 });
    for (let i = 0; i < 3; i++) await raw(server, boardDocId(`anoncap${i}`));
    expect(await upgradeStatus(`${wsBase(server)}/${boardDocId('anoncap9')}`)).toBe(429);
  });
});
