import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../logger.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { SyncConnection } from './connection.js';
import { DocRegistry } from './doc-registry.js';

const PERSISTENCE = { flushIntervalMs: 10, compactAfterUpdates: 500, unloadGraceMs: 60_000 };

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function registryWith(rows: Uint8Array[]): Promise<DocRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-first-sync-'));
  const storage = new SqliteStorage(dir);
  await storage.append(rows.map((update) => ({ docId: 'b.stored', update })));
  const registry = new DocRegistry(storage, PERSISTENCE, silentLogger);
  cleanups.push(async () => {
    await registry.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return registry;
}

/** Rows of a document written in `edits` changes, one row each. */
function rowsOf(edits: number): Uint8Array[] {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  for (let i = 0; i < edits; i++) doc.getMap('m').set(`k${i}`, i);
  return rows;
}

interface Sent {
  kind: 'step1' | 'step2' | 'update' | 'other';
  payload: Uint8Array;
}

/** A connection on a recording socket; its client asks for everything at once. */
async function connectAndAsk(registry: DocRegistry): Promise<Sent[]> {
  const sent: Sent[] = [];
  const conn = new SyncConnection(
    {
      send(data) {
        const d = decoding.createDecoder(data);
        if (decoding.readVarUint(d) !== 0) return sent.push({ kind: 'other', payload: data });
        const sub = decoding.readVarUint(d);
        const kind = sub === 0 ? 'step1' : sub === 1 ? 'step2' : 'update';
        sent.push({ kind, payload: decoding.readVarUint8Array(d) });
      },
      close() {},
      isOpen: true,
    },
    'b.stored',
    registry,
    silentLogger,
  );
  const started = conn.start();
  // The client's sync step 1 arrives while the document is still being read.
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  conn.receive(encoding.toUint8Array(e));
  await started;
  cleanups.push(async () => conn.onClosed());
  return sent.filter((m) => m.kind !== 'other');
}

describe("a client's first sync from the stored rows", () => {
  it('goes out before the room is ready; what changes meanwhile follows once it is', async () => {
    const rows = rowsOf(3);
    const registry = await registryWith(rows);
    // A change to the document while it loads (as another server's, applied on loading).
    registry.onLoad((room) => room.transact((doc) => doc.getMap('m').set('meanwhile', 1)));
    const sent = await connectAndAsk(registry);

    expect(sent.map((m) => m.kind)).toEqual(['update', 'update', 'step2', 'step1', 'update']);
    expect(sent.slice(0, 3).map((m) => m.payload)).toEqual(rows);
    const client = new Y.Doc();
    for (const m of sent) if (m.kind !== 'step1') Y.applyUpdate(client, m.payload);
    expect(client.getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, meanwhile: 1 });
  });

  it('is the room’s own answer when the rows cannot be sent as they are (a long log)', async () => {
    const rows = rowsOf(40);
    const registry = await registryWith(rows);
    const sent = await connectAndAsk(registry);
    expect(sent.map((m) => m.kind)).toEqual(['step1', 'step2']);
    const client = new Y.Doc();
    Y.applyUpdate(client, sent[1]?.payload as Uint8Array);
    expect(Object.keys(client.getMap('m').toJSON())).toHaveLength(40);
  });
});
