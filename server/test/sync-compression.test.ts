import { boardDocId, CloseCode, ORIGIN_LOCAL, readAllShapes, writeShapes } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  closeOf,
  connectClient,
  startTestServer,
  sticky,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

const BOARD = 'komprimert01';
const MAX = 256 * 1024;
const NOTES = 200;

let server: RunningServer & { dataDir: string };
/** The board's whole content as one update: what a newcomer's first sync carries. */
let boardBytes: number;

beforeAll(async () => {
  server = await startTestServer({ limits: { maxMessageBytes: MAX } });
  const writer = connectClient(server, BOARD);
  await waitSynced(writer);
  const notes = Array.from({ length: NOTES }, (_, i) =>
    sticky(`lapp${String(i).padStart(3, '0')}`, `Lapp ${i}: tillit mellom tjenestene`, i * 10),
  );
  writeShapes(writer.doc, notes, ORIGIN_LOCAL);
  boardBytes = Y.encodeStateAsUpdate(writer.doc).length;
  const check = connectClient(server, BOARD);
  await waitFor(() => readAllShapes(check.doc).length === NOTES, 'the board is stored');
  check.destroy();
  writer.destroy();
});
afterAll(async () => {
  await server.close();
});

/**
 * A y-websocket client as a browser connects (offering compression or not), and the bytes
 * that reached it over the network, counted on the TCP socket under the WebSocket.
 */
async function newcomer(offerCompression: boolean) {
  let socket: WebSocket | null = null;
  class Counted extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { perMessageDeflate: offerCompression });
      socket = this;
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase(server), boardDocId(BOARD), doc, {
    WebSocketPolyfill: Counted as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await waitFor(() => readAllShapes(doc).length === NOTES, 'the newcomer has the board');
  const ws = socket as WebSocket | null;
  const received = (ws as unknown as { _socket: { bytesRead: number } })?._socket.bytesRead;
  const extensions = ws?.extensions ?? '';
  provider.destroy();
  doc.destroy();
  return { received, extensions };
}

describe('sync messages are compressed for browsers that offer it (permessage-deflate)', () => {
  it('a newcomer receives a 200-note board in a fraction of its size', async () => {
    const { received, extensions } = await newcomer(true);
    expect(extensions).toContain('permessage-deflate');
    expect(boardBytes).toBeGreaterThan(10_000);
    expect(received).toBeLessThan(boardBytes / 3);
  });

  it('a client that offers no compression gets the same board uncompressed', async () => {
    const { received, extensions } = await newcomer(false);
    expect(extensions).toBe('');
    expect(received).toBeGreaterThan(boardBytes);
  });

  it('a small compressed message that inflates past the size limit is refused (1009), nothing stored', async () => {
    const ws = new WebSocket(`${wsBase(server)}/${boardDocId(BOARD)}`, {
      perMessageDeflate: true,
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.extensions).toContain('permessage-deflate');
    const closed = closeOf(ws);
    // Zeros compress about a thousandfold: a few hundred bytes on the wire, MAX + 1 inflated.
    ws.send(new Uint8Array(MAX + 1), { compress: true });
    expect((await closed).code).toBe(CloseCode.messageTooBig);

    const after = connectClient(server, BOARD);
    await waitSynced(after);
    expect(readAllShapes(after.doc)).toHaveLength(NOTES);
    after.destroy();
  });
});
