import {
  boardDocId,
  getShape,
  ORIGIN_LOCAL,
  SYNC_SUBPROTOCOL,
  syncProtocols,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  sticky,
  waitFor,
  wsBase,
} from './helpers.js';

let server: RunningServer & { dataDir: string };
let base: string;
let facilitator: string;
let boardId: string;
const api = apiCaller(() => base);

beforeAll(async () => {
  server = await startTestServer({ secret: 'subprotocol-test-secret-0123456789abcdef' });
  base = `http://127.0.0.1:${server.port}`;
  const w = await createWorkshop(api, {
    title: 'Tokens i protokollen',
    groups: ['Gruppe A', 'Gruppe B'],
  });
  facilitator = w.facilitator;
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, facilitator, {
    name: 'Fase',
  });
  boardId = (phase.body.boardIds as string[])[0] ?? '';
});
afterAll(async () => {
  await server.close();
});

/** Upgrades with `protocols` offered: the HTTP status and the subprotocol the server answered. */
function upgrade(protocols: string[]): Promise<{ status: number; answered: string | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsBase(server)}/${boardDocId(boardId)}`, protocols);
    let answered: string | null = null;
    ws.once('upgrade', (res) => {
      answered = (res.headers['sec-websocket-protocol'] as string | undefined) ?? null;
      resolve({ status: 101, answered });
      ws.terminate();
    });
    ws.once('unexpected-response', (_req, res) =>
      resolve({ status: res.statusCode ?? 0, answered }),
    );
    ws.once('error', () => {});
  });
}

/** A y-websocket client that sends its token the way our page does (as a subprotocol). */
function subprotocolClient(token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase(server), boardDocId(boardId), doc, {
    protocols: syncProtocols(token),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
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

describe('the token as a WebSocket subprotocol', () => {
  it('a good token is accepted and the answer is the plain protocol, never the token', async () => {
    expect(await upgrade(syncProtocols(facilitator))).toEqual({
      status: 101,
      answered: SYNC_SUBPROTOCOL,
    });
    // Even a client that offers the token first never gets it echoed.
    const [plain, withToken] = syncProtocols(facilitator) as [string, string];
    const reversed = await upgrade([withToken, plain]);
    expect(reversed).toEqual({ status: 101, answered: SYNC_SUBPROTOCOL });
  });

  it('a client writes and reads with it', async () => {
    const writer = subprotocolClient(facilitator);
    await waitFor(() => writer.provider.synced, 'synced');
    writeShapes(writer.doc, [sticky('via-protocol', 'skrevet')], ORIGIN_LOCAL);
    const room = await server.registry.acquire(boardDocId(boardId));
    try {
      await waitFor(() => !!getShape(room.doc, 'via-protocol'), 'the server kept the write');
    } finally {
      server.registry.release(room);
      writer.destroy();
    }
  });

  it('a wrong token is refused before upgrading and nothing is stored', async () => {
    const [payload, mac] = facilitator.split('.') as [string, string];
    const wrong = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await upgrade(syncProtocols(wrong))).status).toBe(401);
    expect((await upgrade(syncProtocols('nonsense'))).status).toBe(401);
    const intruder = subprotocolClient(wrong);
    writeShapes(intruder.doc, [sticky('intruder', 'nei')], ORIGIN_LOCAL);
    const probe = subprotocolClient(facilitator);
    await waitFor(() => probe.provider.synced, 'probe synced');
    expect(intruder.provider.synced).toBe(false);
    expect(getShape(probe.doc, 'intruder')).toBeNull();
    intruder.destroy();
    probe.destroy();
  });

  it('`?token=` keeps working for other y-websocket clients and scripts', async () => {
    const script = connectClient(server, boardId, new Y.Doc(), { token: facilitator });
    await waitFor(() => script.provider.synced, 'synced with ?token=');
    await waitFor(() => !!getShape(script.doc, 'via-protocol'), 'reads what is there');
    script.destroy();
  });
});
