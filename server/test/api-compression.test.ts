import http from 'node:http';
import zlib from 'node:zlib';
import { ORIGIN_LOCAL, readAllShapes, writeShapes } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { connectClient, startTestServer, sticky, waitFor, waitSynced } from './helpers.js';

const BOARD = 'apikomprimert';

let server: RunningServer & { dataDir: string };

beforeAll(async () => {
  server = await startTestServer({});
  const writer = connectClient(server, BOARD);
  await waitSynced(writer);
  const notes = Array.from({ length: 100 }, (_, i) => sticky(`note${i}`, `Lapp nummer ${i}`));
  writeShapes(writer.doc, notes, ORIGIN_LOCAL);
  const check = connectClient(server, BOARD);
  await waitFor(() => readAllShapes(check.doc).length === 100, 'stored');
  check.destroy();
  writer.destroy();
});
afterAll(async () => {
  await server.close();
});

/** A GET with exactly these headers; the body as it came over the wire. */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe("the API's JSON answers to reads", () => {
  it('come gzipped to a browser that accepts it, and whole to one that does not', async () => {
    const plain = await get(`/api/boards/${BOARD}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const text = plain.body.toString('utf8');
    expect((JSON.parse(text) as { shapes: unknown[] }).shapes).toHaveLength(100);

    const zipped = await get(`/api/boards/${BOARD}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(zlib.gunzipSync(zipped.body).toString('utf8')).toBe(text);
  });
});
