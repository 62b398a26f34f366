import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wholeSnapshot } from '../../test/storage-contract.js';
import { SQLITE_FILE, SqliteStorage } from './sqlite-storage.js';

const dirs: string[] = [];
function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-storage-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function edit(doc: Y.Doc, key: string, value: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const on = (u: Uint8Array) => {
    captured = u;
  };
  doc.on('update', on);
  doc.getMap('m').set(key, value);
  doc.off('update', on);
  if (!captured) throw new Error('no update');
  return captured;
}

function rebuild(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

describe('SqliteStorage on a real file', () => {
  it('appends, loads in order, compacts and survives reopening', async () => {
    const dir = dataDir();
    const store = new SqliteStorage(dir);
    expect(fs.existsSync(path.join(dir, SQLITE_FILE))).toBe(true);
    const doc = new Y.Doc();
    const u1 = edit(doc, 'a', 'én');
    const u2 = edit(doc, 'b', 'to');
    const other = edit(new Y.Doc(), 'x', 'annet dokument');
    await store.append([
      { docId: 'b.doc1', update: u1 },
      { docId: 'b.doc2', update: other },
    ]);
    await store.append([{ docId: 'b.doc1', update: u2 }]);
    expect(await store.load('b.doc1')).toEqual([u1, u2]);
    expect(store.logLength('b.doc1')).toBe(2);

    await store.compact('b.doc1', wholeSnapshot(doc));
    expect(store.logLength('b.doc1')).toBe(1);
    await store.append([{ docId: 'b.doc1', update: edit(doc, 'c', 'tre') }]);
    await store.close();

    const reopened = new SqliteStorage(dir);
    expect(rebuild(await reopened.load('b.doc1'))).toEqual({ a: 'én', b: 'to', c: 'tre' });
    expect(rebuild(await reopened.load('b.doc2'))).toEqual({ x: 'annet dokument' });
    expect(await reopened.load('b.unknown')).toEqual([]);
    await reopened.close();
  });

  it('delete removes every byte of one document and nothing else', async () => {
    const store = new SqliteStorage(dataDir());
    await store.append([
      { docId: 'b.gone1', update: edit(new Y.Doc(), 'k', 'v') },
      { docId: 'b.stay1', update: edit(new Y.Doc(), 'k', 'v') },
    ]);
    await store.delete('b.gone1');
    expect(await store.load('b.gone1')).toEqual([]);
    expect(store.logLength('b.stay1')).toBe(1);
    await store.close();
  });

  it('stores assets byte for byte, keeps them across reopening, deletes them per board', async () => {
    const dir = dataDir();
    const store = new SqliteStorage(dir);
    // Every byte value, so no encoding step can pass unnoticed.
    const data = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const photo = { id: 'asset1', boardId: 'board1', mime: 'image/png', width: 640, height: 480 };
    const before = Date.now();
    await store.putAsset({ ...photo, data });
    await store.putAsset({ ...photo, id: 'asset2', data: new Uint8Array([1, 2, 3]) });
    await store.putAsset({ ...photo, id: 'other1', boardId: 'board2', data: new Uint8Array([9]) });
    // Assets are immutable: the same id again is refused, and the first one stays.
    await expect(store.putAsset({ ...photo, data: new Uint8Array([0]) })).rejects.toThrow();
    await store.close();

    const reopened = new SqliteStorage(dir);
    const got = await reopened.getAsset('asset1');
    expect(got).toEqual({ ...photo, data, createdAt: expect.any(Number) });
    expect(got?.createdAt).toBeGreaterThanOrEqual(before);
    expect(got?.createdAt).toBeLessThanOrEqual(Date.now());
    expect(await reopened.getAsset('unknown')).toBeNull();

    await reopened.deleteBoardAssets('board1');
    expect(await reopened.getAsset('asset1')).toBeNull();
    expect(await reopened.getAsset('asset2')).toBeNull();
    expect((await reopened.getAsset('other1'))?.data).toEqual(new Uint8Array([9]));
    await reopened.close();
  });

  it('uses WAL journaling', async () => {
    const dir = dataDir();
    const store = new SqliteStorage(dir);
    await store.append([{ docId: 'b.walwal', update: edit(new Y.Doc(), 'k', 'v') }]);
    expect(fs.existsSync(path.join(dir, `${SQLITE_FILE}-wal`))).toBe(true);
    await store.close();
  });

  it('writes the document log on a thread of its own, and starts a new one if it dies', async () => {
    const dir = dataDir();
    const store = new SqliteStorage(dir);
    const doc = new Y.Doc();
    await store.append([{ docId: 'b.thread', update: edit(doc, 'a', '1') }]);
    // Not the main thread's connection: the thread that wrote it (SqliteLogWriter's worker).
    const writer = (store as unknown as { log: { worker: Worker | null } }).log;
    const thread = writer.worker;
    expect(thread).not.toBeNull();
    await thread?.terminate();
    await store.append([{ docId: 'b.thread', update: edit(doc, 'b', '2') }]);
    expect(writer.worker).not.toBe(thread);
    expect(rebuild(await store.load('b.thread'))).toEqual({ a: '1', b: '2' });
    await store.close();
  });
});
