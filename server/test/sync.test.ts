import { boardDocId, ORIGIN_LOCAL, readAllShapes, shapeText, writeShapes } from '@torg/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  connectClient,
  startTestServer,
  sticky,
  type TestClient,
  testFixtures,
  waitFor,
  waitSynced,
} from './helpers.js';

const texts = (doc: Y.Doc) => readAllShapes(doc).map(shapeText).sort();

const { servers, clients, closeAll } = testFixtures();
afterEach(closeAll);

async function server(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(overrides);
  servers.push(s);
  return s;
}
function client(s: RunningServer, boardId: string): TestClient {
  const c = connectClient(s, boardId);
  clients.push(c);
  return c;
}

describe('sync over the y-websocket protocol', () => {
  it('two clients converge', async () => {
    const s = await server();
    const a = client(s, 'board1');
    const b = client(s, 'board1');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    writeShapes(a.doc, [sticky('aaaa1', 'fra A')], ORIGIN_LOCAL);
    writeShapes(b.doc, [sticky('bbbb1', 'fra B – æøå')], ORIGIN_LOCAL);
    await waitFor(() => texts(a.doc).length === 2 && texts(b.doc).length === 2, 'both see both');
    expect(texts(a.doc)).toEqual(['fra A', 'fra B – æøå']);
    expect(texts(b.doc)).toEqual(texts(a.doc));
  });

  it('keeps boards apart', async () => {
    const s = await server();
    const a = client(s, 'boardA');
    const b = client(s, 'boardB');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    writeShapes(a.doc, [sticky('aaaa1', 'bare på A')], ORIGIN_LOCAL);
    const late = client(s, 'boardA');
    await waitFor(() => texts(late.doc).length === 1, 'late client on A sees A');
    expect(texts(b.doc)).toEqual([]);
  });

  it('a client joining late gets the full state', async () => {
    const s = await server();
    const a = client(s, 'board2');
    await waitSynced(a);
    for (let i = 0; i < 50; i++)
      writeShapes(a.doc, [sticky(`st${i}xx`, `lapp ${i}`)], ORIGIN_LOCAL);
    await waitFor(() => readAllShapes(a.doc).length === 50, 'a has 50');
    const late = client(s, 'board2');
    await waitSynced(late);
    expect(texts(late.doc)).toEqual(texts(a.doc));
  });

  it('state survives a server restart on the same data dir', async () => {
    const first = await startTestServer();
    const a = connectClient(first, 'board3');
    await waitSynced(a);
    writeShapes(
      a.doc,
      [sticky('aaaa1', 'Befolkningsvekst'), sticky('bbbb2', 'Flere eldre')],
      ORIGIN_LOCAL,
    );
    await waitFor(() => first.registry.loadedCount === 1, 'loaded');
    a.destroy();
    await first.close();

    const second = await server({ dataDir: first.dataDir });
    const b = client(second, 'board3');
    await waitSynced(b);
    expect(texts(b.doc)).toEqual(['Befolkningsvekst', 'Flere eldre']);
  });

  it('answers sync only after the document is loaded (no empty-document race)', async () => {
    const first = await startTestServer();
    const a = connectClient(first, 'board4');
    await waitSynced(a);
    writeShapes(a.doc, [sticky('aaaa1', 'lagret')], ORIGIN_LOCAL);
    a.destroy();
    await first.close();

    const second = await server({ dataDir: first.dataDir });
    // A client that syncs as soon as it can must never observe the document empty.
    const b = client(second, 'board4');
    let sawEmptyAfterSync = false;
    b.provider.on('sync', (synced: boolean) => {
      if (synced && readAllShapes(b.doc).length === 0) sawEmptyAfterSync = true;
    });
    await waitSynced(b);
    expect(sawEmptyAfterSync).toBe(false);
    expect(texts(b.doc)).toEqual(['lagret']);
  });

  it('compacts the log into one snapshot when the document unloads', async () => {
    const s = await server({
      persistence: { flushIntervalMs: 10, compactAfterUpdates: 1000, unloadGraceMs: 50 },
    });
    const a = connectClient(s, 'board5');
    await waitSynced(a);
    for (let i = 0; i < 20; i++) {
      writeShapes(a.doc, [sticky(`st${i}xx`, `lapp ${i}`)], ORIGIN_LOCAL);
      await new Promise((r) => setTimeout(r, 15)); // spread over several group-commit ticks
    }
    await waitFor(() => s.registry.loadedCount === 1, 'loaded');
    a.destroy();
    await waitFor(() => s.registry.loadedCount === 0, 'unloaded after the grace period');
    await s.close();
    const storage = new SqliteStorage(s.dataDir);
    expect(storage.logLength(boardDocId('board5'))).toBe(1);
    const doc = new Y.Doc();
    for (const u of await storage.load(boardDocId('board5'))) Y.applyUpdate(doc, u);
    expect(readAllShapes(doc)).toHaveLength(20);
    await storage.close();
  });

  it('compacts a busy document periodically without losing updates', async () => {
    const s = await server({
      persistence: { flushIntervalMs: 5, compactAfterUpdates: 10, unloadGraceMs: 60_000 },
    });
    const a = client(s, 'board6');
    await waitSynced(a);
    for (let i = 0; i < 60; i++) {
      writeShapes(a.doc, [sticky(`st${i}xx`, `lapp ${i}`)], ORIGIN_LOCAL);
      await new Promise((r) => setTimeout(r, 8));
    }
    const storage = new SqliteStorage(s.dataDir);
    await waitFor(async () => {
      const doc = new Y.Doc();
      for (const u of await storage.load(boardDocId('board6'))) Y.applyUpdate(doc, u);
      return readAllShapes(doc).length === 60;
    }, 'all 60 stored');
    expect(storage.logLength(boardDocId('board6'))).toBeLessThan(10);
    await storage.close();
  });
});
