import {
  boardDocId,
  CloseCode,
  MessageType,
  ORIGIN_LOCAL,
  readAllShapes,
  SyncMessageType,
  shapeText,
  writeShapes,
} from '@torg/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  closeOf,
  connectClient,
  rawSocket,
  startTestServer,
  sticky,
  type TestClient,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

const BOARD = 'badinput';
const MAX = 64 * 1024;

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const syncUpdate = (bytes: Uint8Array) =>
  frame(
    (e) => encoding.writeVarUint(e, MessageType.sync),
    (e) => encoding.writeVarUint(e, SyncMessageType.update),
    (e) => encoding.writeVarUint8Array(e, bytes),
  );

let s: RunningServer & { dataDir: string };
let log: ReturnType<typeof memoryLogger>;
let a: TestClient;
let b: TestClient;

beforeEach(async () => {
  log = memoryLogger();
  s = await startTestServer({ logger: log, limits: { maxMessageBytes: MAX } });
  a = connectClient(s, BOARD);
  b = connectClient(s, BOARD);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  writeShapes(a.doc, [sticky('keep1', 'Skal overleve')], ORIGIN_LOCAL);
  await waitFor(() => readAllShapes(b.doc).length === 1, 'b sees the first sticky');
});

afterEach(async () => {
  a.destroy();
  b.destroy();
  await s.close();
});

/** After the bad client is gone, the good clients still sync in both directions. */
async function othersUnaffected(): Promise<void> {
  expect(a.provider.wsconnected).toBe(true);
  expect(b.provider.wsconnected).toBe(true);
  writeShapes(b.doc, [sticky('after1', 'Etter angrepet')], ORIGIN_LOCAL);
  await waitFor(() => readAllShapes(a.doc).length === 2, 'a receives b’s later edit');
}

async function storedTexts(): Promise<string[]> {
  await s.registry.flush();
  const storage = new SqliteStorage(s.dataDir);
  const doc = new Y.Doc();
  for (const u of await storage.load(boardDocId(BOARD))) {
    // Every stored entry must be a well-formed update.
    expect(() => Y.decodeUpdate(u)).not.toThrow();
    Y.applyUpdate(doc, u);
  }
  await storage.close();
  return readAllShapes(doc).map(shapeText).sort();
}

describe('bad input closes only the offending connection', () => {
  it.each([
    ['garbage bytes in a sync update', syncUpdate(new Uint8Array([255, 255, 255, 255, 7, 1, 2]))],
    ['a truncated frame', new Uint8Array([MessageType.sync, SyncMessageType.update, 50, 1, 2])],
    [
      'a bad state vector',
      frame(
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 255])),
      ),
    ],
    [
      'awareness with broken JSON',
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) =>
          encoding.writeVarUint8Array(
            e,
            frame(
              (x) => encoding.writeVarUint(x, 1),
              (x) => encoding.writeVarUint(x, 42),
              (x) => encoding.writeVarUint(x, 1),
              (x) => encoding.writeVarString(x, '{nope'),
            ),
          ),
      ),
    ],
  ])('%s → 4400, logged, nothing stored', async (_name, bytes) => {
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId(BOARD)}`);
    const closed = closeOf(ws);
    ws.send(bytes);
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.malformedMessage);
    expect(reason).toBe('malformed message');
    expect(log.entries.some((e) => e.event === 'sync.bad_message')).toBe(true);
    await othersUnaffected();
    expect(await storedTexts()).toEqual(['Etter angrepet', 'Skal overleve']);
  });

  it('an unknown message type → 4401', async () => {
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId(BOARD)}`);
    const closed = closeOf(ws);
    ws.send(new Uint8Array([99, 1, 2, 3]));
    expect(await closed).toEqual({
      code: CloseCode.unknownMessageType,
      reason: 'unknown message type 99',
    });
    await othersUnaffected();
  });

  it('a text frame → 4402', async () => {
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId(BOARD)}`);
    const closed = closeOf(ws);
    ws.send('{"type":"hello"}');
    expect((await closed).code).toBe(CloseCode.textFrame);
    await othersUnaffected();
  });

  it('a message over the size limit → 1009, and a message just under it is accepted', async () => {
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId(BOARD)}`);
    const closed = closeOf(ws);
    ws.send(new Uint8Array(MAX + 1));
    expect((await closed).code).toBe(CloseCode.messageTooBig);
    await waitFor(() => log.entries.some((e) => e.event === 'sync.message_too_big'), 'logged');

    // A legitimate large edit just under the limit still goes through.
    const big = 'ø'.repeat(4_000);
    writeShapes(a.doc, [sticky('big01', big)], ORIGIN_LOCAL);
    await waitFor(
      () => readAllShapes(b.doc).some((x) => shapeText(x) === big),
      'b gets the big sticky',
    );
    await othersUnaffected();
  });

  it('a valid update from one raw connection is relayed like any other', async () => {
    // Control: the raw-socket path itself works, so the closes above are about the content.
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId(BOARD)}`);
    const doc = new Y.Doc();
    writeShapes(doc, [sticky('raw01', 'Fra rå klient')], ORIGIN_LOCAL);
    ws.send(syncUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(
      () => readAllShapes(a.doc).some((x) => shapeText(x) === 'Fra rå klient'),
      'relayed',
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it.each(['b.x', 'b.../../etc', 'nope', `b.${'a'.repeat(65)}`, 'z.abcdef'])(
    'refuses the invalid document id %j at the upgrade with 400',
    async (docId) => {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${wsBase(s)}/${encodeURIComponent(docId)}`);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => reject(new Error('upgrade should have been refused')));
        ws.once('error', () => {});
      });
      expect(status).toBe(400);
      await othersUnaffected();
    },
  );
});

describe('connections that never start the protocol', () => {
  it('a silent connection is closed with 1008 after the handshake deadline; a chatty one after its byte budget', async () => {
    const quick = await startTestServer({
      limits: {
        maxMessageBytes: MAX,
        handshakeMs: 300,
        preHandshakeBytes: 1024,
        // The byte budget alone is under test here, not the message rate limit.
        anonymousMessageBurst: 10_000,
      },
    });
    try {
      const silent = await rawSocket(`${wsBase(quick)}/${boardDocId(BOARD)}`);
      expect(await closeOf(silent)).toEqual({
        code: CloseCode.policyViolation,
        reason: 'no sync handshake in time',
      });

      const chatty = await rawSocket(`${wsBase(quick)}/${boardDocId(BOARD)}`);
      const closed = closeOf(chatty);
      // Awareness queries (valid messages) but no sync step 1, past the budget.
      for (let i = 0; i < 600; i++) chatty.send(new Uint8Array([MessageType.queryAwareness, 0, 0]));
      expect(await closed).toEqual({
        code: CloseCode.policyViolation,
        reason: 'too much data before the sync handshake',
      });

      // A real client is unaffected by either limit.
      const ok = connectClient(quick, BOARD);
      await waitSynced(ok);
      await new Promise((r) => setTimeout(r, 400)); // past the deadline: still connected
      expect(ok.provider.wsconnected).toBe(true);
      ok.destroy();
    } finally {
      await quick.close();
    }
  });
});
