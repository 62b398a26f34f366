import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { freeCompressorBetweenMessages, SYNC_COMPRESSION } from './compression.js';

let server: WebSocketServer;
let serverSide: Promise<WebSocket>;

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: SYNC_COMPRESSION });
  serverSide = new Promise((resolve) =>
    server.once('connection', (socket) => {
      freeCompressorBetweenMessages(socket);
      resolve(socket);
    }),
  );
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** ws's compressor of a server-side socket (private): what the memory is held by. */
const compressorOf = (socket: WebSocket) =>
  (socket as unknown as { _extensions: Record<string, { _deflate: unknown }> })._extensions[
    'permessage-deflate'
  ]?._deflate;

/** A board-like message: repetitive (it compresses), different each time. */
const message = (i: number, bytes: number) =>
  Buffer.from(
    `lapp ${i}: tillit mellom tjenestene; `.repeat(Math.ceil(bytes / 36)).slice(0, bytes),
  );

describe('compressed sync messages free their compressor (issue 22)', () => {
  it('large messages arrive whole and compressed, and no compressor is kept between them', async () => {
    const port = (server.address() as AddressInfo).port;
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: true });
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    await new Promise((resolve) => client.once('open', resolve));
    expect(client.extensions).toContain('permessage-deflate');
    const socket = await serverSide;
    const sent = [message(1, 54_000), message(2, 20), message(3, 30_000), message(4, 54_000)];
    for (const m of sent) {
      await new Promise<void>((resolve, reject) =>
        socket.send(m, (error) => (error ? reject(error) : resolve())),
      );
      expect(compressorOf(socket)).toBeNull();
    }
    await new Promise<void>((resolve) => {
      const check = () => (received.length === sent.length ? resolve() : setImmediate(check));
      check();
    });
    expect(received.map((b) => b.toString())).toEqual(sent.map((b) => b.toString()));
    // 138 kB of text reached the client in far fewer bytes: each message was compressed.
    const onWire = (client as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
    expect(onWire).toBeLessThan(20_000);
    client.close();
  });
});
