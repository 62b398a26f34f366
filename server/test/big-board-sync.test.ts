import { boardDocId, ORIGIN_LOCAL, readAllShapes, writeShapes } from '@torg/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  connectClient,
  rawSocket,
  startTestServer,
  sticky,
  testFixtures,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

const { servers, clients, closeAll } = testFixtures();
afterEach(closeAll);

const STICKIES = 600;

/** A board big enough to be sliced (about 8,000 structs), written and stored compacted. */
async function storedBigBoard(boardId: string): Promise<string> {
  const s = await startTestServer();
  const c = connectClient(s, boardId);
  await waitSynced(c);
  const log = new SqliteStorage(s.dataDir);
  for (let batch = 0; batch < 3; batch++) {
    const notes = Array.from({ length: STICKIES / 3 }, (_, i) =>
      sticky(`st${batch}x${i}`, `lapp ${batch}-${i}`),
    );
    writeShapes(c.doc, notes, ORIGIN_LOCAL);
    // Stored as a row of its own, so the log is worth compacting.
    await waitFor(() => log.logLength(boardDocId(boardId)) === batch + 1, `batch ${batch} stored`);
  }
  await log.close();
  c.destroy();
  // Closing flushes and compacts.
  await s.close();
  return s.dataDir;
}

interface SyncMessage {
  kind: 'step1' | 'step2' | 'update' | 'awareness';
  payload: Uint8Array;
}

function parse(data: ArrayBuffer): SyncMessage {
  const d = decoding.createDecoder(new Uint8Array(data));
  const type = decoding.readVarUint(d);
  if (type === 1) return { kind: 'awareness', payload: decoding.readVarUint8Array(d) };
  const sub = decoding.readVarUint(d);
  const kind = sub === 0 ? 'step1' : sub === 1 ? 'step2' : 'update';
  return { kind, payload: decoding.readVarUint8Array(d) };
}

function message(...parts: (number | Uint8Array)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === 'number') encoding.writeVarUint(e, p);
    else encoding.writeVarUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
}

/** Everything a client that has nothing receives up to the answer to a later query. */
async function firstSyncOf(ws: WebSocket): Promise<SyncMessage[]> {
  const got: SyncMessage[] = [];
  ws.on('message', (data: ArrayBuffer) => got.push(parse(data)));
  ws.send(message(0, 0, Y.encodeStateVector(new Y.Doc())));
  // The server's own step 1 comes once the room is ready; a query after it is answered after
  // anything the room sends for the queued step 1, so nothing is still on its way.
  await waitFor(() => got.some((m) => m.kind === 'step1'), "the server's step 1");
  ws.send(message(3));
  await waitFor(() => got.some((m) => m.kind === 'awareness'), 'the awareness answer');
  return got;
}

describe('a big board after a restart', () => {
  it('is stored as its slices, which the restarted server sends as they are', async () => {
    const dataDir = await storedBigBoard('bigboard1');
    const storage = new SqliteStorage(dataDir);
    const rows = await storage.load(boardDocId('bigboard1'));
    await storage.close();
    // Slices and the deletions: each small, each applying on its own.
    expect(rows.length).toBeGreaterThanOrEqual(3);

    const s = await startTestServer({ dataDir });
    servers.push(s);
    const ws = await rawSocket(`${wsBase(s)}/${boardDocId('bigboard1')}`);
    // The server's own step 1 comes when the room is ready: before or after the first sync
    // (which goes out while the room is built from the rows, when the client asked in time).
    const got = (await firstSyncOf(ws)).filter((m) => m.kind !== 'awareness' && m.kind !== 'step1');
    ws.close();
    const step2At = got.findIndex((m) => m.kind === 'step2');
    expect(got.filter((m) => m.kind === 'step2')).toHaveLength(1);
    // The stored rows, as they are: updates, the last one as the sync step 2.
    expect(got.slice(0, step2At + 1).map((m) => m.payload)).toEqual(rows);

    const doc = new Y.Doc();
    for (const m of got.slice(0, step2At + 1)) Y.applyUpdate(doc, m.payload);
    expect(readAllShapes(doc)).toHaveLength(STICKIES);
    // A y-websocket client gets the same board and can work on it.
    const c = connectClient(s, 'bigboard1');
    clients.push(c);
    await waitSynced(c);
    expect(readAllShapes(c.doc)).toHaveLength(STICKIES);
  });
});
