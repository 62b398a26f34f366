import {
  attributionDocId,
  boardDocId,
  ORIGIN_LOCAL,
  ORIGIN_SERVER,
  readAttribution,
  updateShapes,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  sticky,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';

let server: RunningServer & { dataDir: string };
let base: string;
const clients: TestClient[] = [];
const api = apiCaller(() => base);

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function attributionOf(boardId: string) {
  await server.attribution.settle();
  const room = await server.registry.acquire(attributionDocId(boardId));
  try {
    return readAttribution(room.doc);
  } finally {
    server.registry.release(room);
  }
}

async function connect(token: string | undefined, boardId: string): Promise<TestClient> {
  const c = connectClient(server, boardId, new Y.Doc(), token ? { token } : {});
  clients.push(c);
  await waitSynced(c);
  return c;
}

describe('who made and changed each object', () => {
  it('is recorded from the connection, not from anything the client says', async () => {
    const w = await createWorkshop(api, { title: 'Attribusjon', groups: ['Gruppe A', 'Gruppe B'] });
    const anne = await w.join('Anne', 0);
    const bjorn = await w.join('Bjørn', 0);
    const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Idéer',
    });
    const boardId = (phase.body.boardIds as string[])[0] ?? '';
    // An object the server put there (like a template's) before anyone edited.
    const room = await server.registry.acquire(boardDocId(boardId));
    writeShapes(room.doc, [sticky('tmpl1', 'Fra malen')], ORIGIN_SERVER);
    server.registry.release(room);

    const a = await connect(anne.token, boardId);
    const b = await connect(bjorn.token, boardId);
    const before = Date.now();
    writeShapes(a.doc, [sticky('idea1', 'Anne sin idé')], ORIGIN_LOCAL);
    await waitFor(async () => (await attributionOf(boardId)).has('idea1'), 'Anne is recorded');
    let rec = await attributionOf(boardId);
    expect(rec.get('idea1')).toMatchObject({ createdBy: anne.id, updatedBy: anne.id });
    expect(rec.get('idea1')?.createdAt).toBeGreaterThanOrEqual(before);

    // Bjørn edits Anne's note and the template's: creator kept (or unknown), editor Bjørn.
    await waitFor(() => b.doc.getMap('shapes').has('idea1'), 'Bjørn sees the note');
    updateShapes(b.doc, new Map([['idea1', { text: 'Anne og Bjørn' }]]), ORIGIN_LOCAL);
    updateShapes(b.doc, new Map([['tmpl1', { text: 'Endret' }]]), ORIGIN_LOCAL);
    await waitFor(
      async () => (await attributionOf(boardId)).get('tmpl1')?.updatedBy === bjorn.id,
      "Bjørn's edits are recorded",
    );
    rec = await attributionOf(boardId);
    expect(rec.get('idea1')).toMatchObject({ createdBy: anne.id, updatedBy: bjorn.id });
    expect(rec.get('tmpl1')).toMatchObject({
      createdBy: null,
      createdAt: null,
      updatedBy: bjorn.id,
    });

    // Nobody can open the record itself, to read or to write it (nor the vote ballots).
    for (const docId of [attributionDocId(boardId), `v.${boardId}`]) {
      const r = await fetch(`${base}/sync/${docId}?token=${anne.token}`);
      expect([r.status, ((await r.json()) as { error: string }).error]).toEqual([
        400,
        'invalid_doc_id',
      ]);
    }
  });

  it('open scratch boards record nothing (nobody is known there)', async () => {
    const c = await connect(undefined, 'scratch1');
    writeShapes(c.doc, [sticky('free1', 'Fri lapp')], ORIGIN_LOCAL);
    await waitFor(async () => {
      const room = await server.registry.acquire(boardDocId('scratch1'));
      const has = room.doc.getMap('shapes').has('free1');
      server.registry.release(room);
      return has;
    }, 'the note reaches the server');
    expect((await attributionOf('scratch1')).size).toBe(0);
  });
});
