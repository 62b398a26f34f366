import {
  boardDocId,
  CloseCode,
  ORIGIN_LOCAL,
  readAllShapes,
  shapeText,
  writeShapes,
} from '@torg/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  closeOf,
  connectClient,
  rawSocket,
  startTestServer,
  sticky,
  tempDataDir,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

/** Real SQLite storage whose loads are held until the test releases them. */
class GatedStorage extends SqliteStorage {
  private release: () => void = () => {};
  private readonly gate = new Promise<void>((r) => {
    this.release = r;
  });
  open(): void {
    this.release();
  }
  override async load(docId: string) {
    await this.gate;
    return super.load(docId);
  }
}

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function seededDataDir(): Promise<string> {
  const dataDir = tempDataDir();
  const s = await startTestServer({ dataDir });
  const a = connectClient(s, 'slowload');
  await waitSynced(a);
  writeShapes(a.doc, [sticky('seed1', 'Fra disken')], ORIGIN_LOCAL);
  a.destroy();
  await s.close();
  return dataDir;
}

describe('while a document is loading', () => {
  it('the server sends nothing until the stored board is in memory, then the full board', async () => {
    const storage = new GatedStorage(await seededDataDir());
    server = await startTestServer({ storage });
    const ws = await rawSocket(`${wsBase(server)}/${boardDocId('slowload')}`);
    const received: Uint8Array[] = [];
    ws.on('message', (d: ArrayBuffer) => received.push(new Uint8Array(d)));
    const reader = connectClient(server, 'slowload');
    await waitFor(() => reader.provider.wsconnected, 'reader socket open');
    // An observation window, not a wait for a condition: a server that answered before
    // loading would have done so by now; this one must stay silent.
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([]);
    expect(reader.provider.synced).toBe(false);

    storage.open();
    await waitSynced(reader);
    expect(readAllShapes(reader.doc).map(shapeText)).toEqual(['Fra disken']);
    expect(received.length).toBeGreaterThan(0);
    reader.destroy();
    ws.close();
  });

  it('a flood of messages before the load finishes closes that connection with 1008', async () => {
    const storage = new GatedStorage(await seededDataDir());
    server = await startTestServer({ storage });
    const flooder = await rawSocket(`${wsBase(server)}/${boardDocId('slowload')}`);
    const closed = closeOf(flooder);
    const polite = connectClient(server, 'slowload');
    for (let i = 0; i < 100; i++) flooder.send(new Uint8Array([3])); // query-awareness
    expect(await closed).toEqual({
      code: CloseCode.policyViolation,
      reason: 'too many messages before the document loaded',
    });
    storage.open();
    await waitSynced(polite);
    expect(readAllShapes(polite.doc).map(shapeText)).toEqual(['Fra disken']);
    polite.destroy();
  });
});
