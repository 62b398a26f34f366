import path from 'node:path';
import {
  attributionDocId,
  boardDocId,
  DEFAULT_LIMITS,
  type ImageShape,
  ORIGIN_LOCAL,
  readAllShapes,
  readAttribution,
  readComments,
  readDots,
  readWorkshop,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TokenSigner } from '../src/auth/tokens.js';
import { defaultConfig } from '../src/config.js';
import { type Backup, importBackup } from '../src/export/backup.js';
import { silentLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE, SqliteStorage } from '../src/storage/sqlite-storage.js';
import { DocRegistry } from '../src/sync/doc-registry.js';
import {
  apiCaller,
  connectClient,
  startTestServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';
import { png } from './images.js';

type Server = RunningServer & { dataDir: string };
let source: Server;
let target: Server;
let fresh: Server;
const clients: TestClient[] = [];
const TITLE = 'Fremtidens tjenester på Ås';

const urlOf = (s: Server) => `http://127.0.0.1:${s.port}`;
const apiOf = (s: Server) => apiCaller(() => urlOf(s));

/** Every row of a server's SQLite file, summarised (to see that nothing was written). */
function rows(s: Server): Record<string, number> {
  const db = new Database(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      docRows: n('SELECT COUNT(*) AS n FROM doc_updates'),
      docBytes: n('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM doc_updates'),
      workshops: n('SELECT COUNT(*) AS n FROM workshops'),
      boards: n('SELECT COUNT(*) AS n FROM workshop_boards'),
      assets: n('SELECT COUNT(*) AS n FROM assets'),
    };
  } finally {
    db.close();
  }
}

function logRows(s: Server, docId: string): number {
  const db = new Database(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

/** A copy of a document as a server has it now (stored and live). */
async function docOn(s: Server, docId: string): Promise<Y.Doc> {
  const room = await s.registry.acquire(docId);
  try {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    return copy;
  } finally {
    s.registry.release(room);
  }
}

function contentOf(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...doc.share.keys()].sort()) out[key] = doc.getMap(key).toJSON();
  return out;
}

async function postImport(s: Server, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${urlOf(s)}/api/workshops/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

interface Built {
  workshopId: string;
  facilitator: string;
  joinCode: string;
  observerCode: string;
  boards: [string, string];
  anne: { id: string; token: string };
  assetId: string;
  image: Uint8Array;
}
let built: Built;
let backup: Backup;
let backupText: string;
let disposition: string;

/** A real workshop on the source server: groups, a phase, stickies, an image, comments, a vote. */
async function build(): Promise<Built> {
  const api = apiOf(source);
  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: TITLE,
    date: '2026-11-23',
    groups: ['Gruppe A', 'Gruppe B'],
    facilitatorName: 'Fasilitator Frøya',
  });
  expect(created.status).toBe(201);
  const workshopId = created.body.workshopId as string;
  const facilitator = created.body.token as string;
  const joinCode = created.body.joinCode as string;
  const info = await api('GET', `/join/${joinCode}`, null);
  const groups = info.body.groups as { id: string }[];
  const joined = await api('POST', '/join', null, {
    code: joinCode,
    name: 'Anne',
    groupId: groups[0]?.id,
  });
  expect(joined.status).toBe(201);
  const anne = { id: joined.body.participantId as string, token: joined.body.token as string };
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Idéer',
  });
  expect(phase.status).toBe(201);
  const boards = phase.body.boardIds as [string, string];

  // Anne writes on her group's board through a real y-websocket connection.
  const client = connectClient(source, boards[0], new Y.Doc(), { token: anne.token });
  clients.push(client);
  await waitSynced(client);
  writeShapes(
    client.doc,
    [sticky('ideaA1', 'Digital assistanse'), sticky('ideaA2', 'Kortere kø på legevakten', 300)],
    ORIGIN_LOCAL,
  );
  // An uploaded photo, placed on the board.
  const image = png(40, 30);
  const upload = await fetch(`${urlOf(source)}/api/boards/${boards[0]}/assets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${anne.token}`, 'content-type': 'image/png' },
    body: image,
  });
  expect(upload.status).toBe(201);
  const assetId = ((await upload.json()) as { assetId: string }).assetId;
  const photo: ImageShape = {
    id: 'photo1',
    type: 'image',
    v: 1,
    z: 'a5',
    locked: false,
    x: 0,
    y: 400,
    w: 400,
    h: 300,
    assetId,
    alt: 'Flippover fra gruppe A',
  };
  writeShapes(client.doc, [photo], ORIGIN_LOCAL);
  await waitFor(async () => {
    await source.attribution.settle();
    return readAttribution(await docOn(source, attributionDocId(boards[0]))).size === 3;
  }, 'the server recorded who made the three objects');

  const comment = await api(
    'POST',
    `/workshops/${workshopId}/boards/${boards[0]}/comments`,
    anne.token,
    { kind: 'comment', text: 'Hva med nattestid?', pin: { shapeId: 'ideaA1' } },
  );
  expect(comment.status).toBe(201);
  const commentId = (comment.body.comment as { id: string }).id;
  const reply = await api(
    'POST',
    `/workshops/${workshopId}/boards/${boards[0]}/comments/${commentId}/replies`,
    facilitator,
    { text: 'Godt poeng, ta det med.' },
  );
  expect(reply.status).toBe(201);
  const vote = await api('POST', `/workshops/${workshopId}/vote`, facilitator, {
    boardIds: boards,
    dots: 3,
  });
  expect(vote.status).toBe(200);
  for (const shapeId of ['ideaA1', 'ideaA1', 'ideaA2']) {
    const dot = await api('POST', `/workshops/${workshopId}/boards/${boards[0]}/dots`, anne.token, {
      shapeId,
    });
    expect(dot.status).toBe(201);
  }
  await source.registry.flush();
  return {
    workshopId,
    facilitator,
    joinCode,
    observerCode: created.body.observerCode as string,
    boards,
    anne,
    assetId,
    image,
  };
}

beforeAll(async () => {
  [source, target, fresh] = await Promise.all([
    startTestServer(),
    startTestServer(),
    startTestServer(),
  ]);
  built = await build();
  const res = await fetch(`${urlOf(source)}/api/workshops/${built.workshopId}/backup`, {
    headers: { authorization: `Bearer ${built.facilitator}` },
  });
  expect(res.status).toBe(200);
  disposition = res.headers.get('content-disposition') ?? '';
  backupText = await res.text();
  backup = JSON.parse(backupText) as Backup;
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([source, target, fresh].map((s) => s?.close()));
});

describe('workshop backup', () => {
  it('is a download named after the workshop, with every document and image and no access', () => {
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${TITLE}-sikkerhetskopi.json`)}`,
    );
    expect(backup.format).toBe('torg-workshop-backup');
    expect(backup.version).toBe(1);
    expect(backup.workshop.id).toBe(built.workshopId);
    expect(backup.boardIds.sort()).toEqual([...built.boards].sort());
    expect(backup.docs.map((d) => d.id).sort()).toEqual(
      [
        `w.${built.workshopId}`,
        `i.${built.workshopId}`,
        ...built.boards.flatMap((b) => [`b.${b}`, `c.${b}`, `v.${b}`, `a.${b}`]),
      ].sort(),
    );
    expect(backup.assets.map((a) => [a.id, a.boardId, a.mime, a.width, a.height])).toEqual([
      [built.assetId, built.boards[0], 'image/png', 40, 30],
    ]);
    // A backup must not carry access: no codes, no tokens.
    for (const secret of [built.joinCode, built.observerCode, built.facilitator, built.anne.token])
      expect(backupText).not.toContain(secret);
  });

  it('only a facilitator of the workshop may download it', async () => {
    const api = apiOf(source);
    const path = `/workshops/${built.workshopId}/backup`;
    const none = await api('GET', path, null);
    expect([none.status, none.body.error]).toEqual([401, 'unauthenticated']);
    const participant = await api('GET', path, built.anne.token);
    expect([participant.status, participant.body.error]).toEqual([403, 'forbidden']);
  });
});

describe('importing a backup on another server', () => {
  let imported: { workshopId: string; token: string; joinCode: string; observerCode: string };
  let before: Record<string, number>;

  beforeAll(async () => {
    const r = await postImport(target, backupText);
    expect(r.status).toBe(201);
    imported = r.body as typeof imported;
  });

  it('restores every document exactly: same state vectors, same content', async () => {
    expect(imported.workshopId).toBe(built.workshopId);
    for (const { id } of backup.docs) {
      const a = await docOn(source, id);
      const b = await docOn(target, id);
      expect(Y.encodeStateVector(b), id).toEqual(Y.encodeStateVector(a));
      expect(contentOf(b), id).toEqual(contentOf(a));
      // Each document is one stored snapshot (empty ones are not stored, as on the source).
      const empty = Y.encodeStateVector(a).length <= 1;
      expect(logRows(target, id), id).toBe(empty ? 0 : 1);
    }
    const shapes = readAllShapes(await docOn(target, boardDocId(built.boards[0])));
    expect(shapes.map((s) => s.id).sort()).toEqual(['ideaA1', 'ideaA2', 'photo1']);
    const comments = readComments(await docOn(target, `c.${built.boards[0]}`));
    expect(comments.map((c) => [c.text, c.authorName, c.parentId === null])).toEqual([
      ['Hva med nattestid?', 'Anne', true],
      ['Godt poeng, ta det med.', 'Fasilitator Frøya', false],
    ]);
    const dots = readDots(await docOn(target, `v.${built.boards[0]}`));
    expect(dots.map((d) => d.shapeId).sort()).toEqual(['ideaA1', 'ideaA1', 'ideaA2']);
    const attribution = readAttribution(await docOn(target, attributionDocId(built.boards[0])));
    expect(attribution.get('ideaA1')?.createdBy).toBe(built.anne.id);
  });

  it('restores the images: the same picture, type and size under the same id', async () => {
    const res = await fetch(`${urlOf(target)}/api/assets/${built.assetId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    // An import re-encodes like an upload does, so compare pictures, not bytes.
    const restored = await rgba(new Uint8Array(await res.arrayBuffer()));
    const uploaded = await rgba(built.image);
    expect([restored.info.width, restored.info.height]).toEqual([40, 30]);
    expect(restored.data.equals(uploaded.data)).toBe(true);
  });

  it('works: new codes, a new facilitator token, the same vote results', async () => {
    const api = apiOf(target);
    expect(imported.joinCode).not.toBe(built.joinCode);
    expect(imported.observerCode).not.toBe(built.observerCode);
    const me = await api('GET', `/workshops/${imported.workshopId}/me`, imported.token);
    expect(me.body.role).toBe('facilitator');
    const codes = await api('GET', `/workshops/${imported.workshopId}/codes`, imported.token);
    expect(codes.body).toEqual({
      joinCode: imported.joinCode,
      observerCode: imported.observerCode,
      joinOpen: true,
    });
    // The old codes and the old token are of no use here.
    expect((await api('GET', `/join/${built.joinCode}`, null)).status).toBe(404);
    expect(
      (await api('GET', `/workshops/${imported.workshopId}/me`, built.facilitator)).status,
    ).toBe(401);
    // The console state, through a real sync connection with the new token.
    const wClient = connectClient(target, '', new Y.Doc(), {
      token: imported.token,
      docId: workshopDocId(imported.workshopId),
    });
    clients.push(wClient);
    await waitSynced(wClient);
    const state = readWorkshop(wClient.doc);
    expect(state.meta?.title).toBe(TITLE);
    expect(state.groups.map((g) => g.name)).toEqual(['Gruppe A', 'Gruppe B']);
    expect(state.boards.map((b) => b.id).sort()).toEqual([...built.boards].sort());
    // Vote results are the same as on the source.
    const results = (s: Server, token: string) =>
      apiOf(s)('GET', `/workshops/${built.workshopId}/vote/results`, token);
    expect((await results(target, imported.token)).body).toEqual(
      (await results(source, built.facilitator)).body,
    );
    // The new join code joins, and the newcomer sees the board's stickies.
    const info = await api('GET', `/join/${imported.joinCode}`, null);
    expect(info.body.title).toBe(TITLE);
    const groupA = (info.body.groups as { id: string; name: string }[])[0];
    const joined = await api('POST', '/join', null, {
      code: imported.joinCode,
      name: 'Nils',
      groupId: groupA?.id,
    });
    expect(joined.status).toBe(201);
    const board = connectClient(target, built.boards[0], new Y.Doc(), {
      token: joined.body.token as string,
    });
    clients.push(board);
    await waitSynced(board);
    expect(
      readAllShapes(board.doc)
        .filter((s) => s.type === 'sticky')
        .map((s) => (s.type === 'sticky' ? s.text : ''))
        .sort(),
    ).toEqual(['Digital assistanse', 'Kortere kø på legevakten']);
  });

  it('refuses the same backup twice: 409, nothing changed', async () => {
    await target.registry.flush();
    before = rows(target);
    const again = await postImport(target, backupText);
    expect([again.status, again.body.error]).toEqual([409, 'already_exists']);
    await target.registry.flush();
    expect(rows(target)).toEqual(before);
    // The first import still works.
    const me = await apiOf(target)('GET', `/workshops/${imported.workshopId}/me`, imported.token);
    expect(me.status).toBe(200);
  });

  it('refuses a board that exists here already, even in another workshop: 409', async () => {
    const other = structuredClone(backup);
    other.workshop.id = 'anotherworkshop';
    // The workshop's own documents renamed; its boards' kept.
    const own = {
      [`w.${backup.workshop.id}`]: 'w.anotherworkshop',
      [`i.${backup.workshop.id}`]: 'i.anotherworkshop',
    };
    other.docs = other.docs.map((d) => ({ ...d, id: own[d.id] ?? d.id }));
    await target.registry.flush();
    const rowsBefore = rows(target);
    const r = await postImport(target, JSON.stringify(other));
    expect([r.status, r.body.error]).toEqual([409, 'already_exists']);
    expect(rows(target)).toEqual(rowsBefore);
  });
});

describe('a malformed backup', () => {
  const cases: [string, (b: Backup) => unknown][] = [
    [
      'bad base64',
      (b) => ({ ...b, docs: b.docs.map((d, i) => (i === 1 ? { ...d, update: 'no*base64!' } : d)) }),
    ],
    ['an unknown version', (b) => ({ ...b, version: 2 })],
    ['another format', (b) => ({ ...b, format: 'miro-export' })],
    [
      'a document of another workshop',
      (b) => ({ ...b, docs: [...b.docs, { id: 'b.someoneelses', update: b.docs[1]?.update }] }),
    ],
    ['a missing document', (b) => ({ ...b, docs: b.docs.slice(0, -1) })],
    [
      'a truncated document',
      (b) => ({
        ...b,
        docs: b.docs.map((d, i) =>
          i === 0
            ? {
                ...d,
                update: Buffer.from(Buffer.from(d.update, 'base64').subarray(0, 40)).toString(
                  'base64',
                ),
              }
            : d,
        ),
      }),
    ],
    ['a bad id', (b) => ({ ...b, workshop: { ...b.workshop, id: '../etc' } })],
    [
      'an image that is not one',
      (b) => ({
        ...b,
        assets: b.assets.map((a) => ({ ...a, data: Buffer.from('<svg/>').toString('base64') })),
      }),
    ],
    ['not a backup at all', () => [1, 2, 3]],
  ];

  it.each(cases)('is refused with 400 and nothing written: %s', async (_name, spoil) => {
    await fresh.registry.flush();
    const rowsBefore = rows(fresh);
    const r = await postImport(fresh, JSON.stringify(spoil(structuredClone(backup))));
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_backup');
    expect(typeof r.body.message).toBe('string');
    await fresh.registry.flush();
    expect(rows(fresh)).toEqual(rowsBefore);
    expect((await apiOf(fresh)('GET', `/join/${built.joinCode}`, null)).status).toBe(404);
  });

  it('that is not JSON is 400', async () => {
    const r = await postImport(fresh, '{"format": "torg-workshop-backup", ');
    expect([r.status, r.body.error]).toEqual([400, 'invalid_backup']);
  });

  it('names the problem', async () => {
    const r = await postImport(fresh, JSON.stringify({ ...backup, version: 2 }));
    expect(r.body.message).toMatch(/version/);
  });
});

describe('import limits', () => {
  it('refuses a body over the import limit (TORG_MAX_IMPORT_BYTES) with 413, nothing written', async () => {
    const small = await startTestServer({
      limits: { maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes, maxImportBytes: 2000 },
    });
    try {
      expect(backupText.length).toBeGreaterThan(2000);
      const r = await postImport(small, backupText);
      expect([r.status, r.body.error]).toEqual([413, 'too_large']);
      expect(rows(small)).toEqual({ docRows: 0, docBytes: 0, workshops: 0, boards: 0, assets: 0 });
    } finally {
      await small.close();
    }
  });

  it('is a state-changing request: another origin is refused', async () => {
    const r = await postImport(fresh, backupText, { origin: 'https://evil.example' });
    expect([r.status, r.body.error]).toEqual([403, 'bad_origin']);
  });
});

describe('a failure while importing', () => {
  it('removes everything written so far', async () => {
    const dataDir = tempDataDir();
    const storage = new SqliteStorage(dataDir);
    // The disk fills up when the images are written, after the documents.
    const failing = Object.assign(Object.create(storage) as SqliteStorage, {
      putAsset: async () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    });
    const registry = new DocRegistry(failing, defaultConfig().persistence, silentLogger);
    const deps = {
      storage: failing,
      registry,
      tokens: new TokenSigner('x'.repeat(32)),
      logger: silentLogger,
    };
    try {
      await expect(importBackup(deps, backup)).rejects.toThrow(/disk is full/);
      await registry.flush();
      expect(rows({ dataDir } as Server)).toEqual({
        docRows: 0,
        docBytes: 0,
        workshops: 0,
        boards: 0,
        assets: 0,
      });
      expect(await storage.getWorkshop(backup.workshop.id)).toBeNull();
      // Afterwards the same backup imports cleanly.
      const ok = await importBackup(
        {
          ...deps,
          storage,
          registry: new DocRegistry(storage, defaultConfig().persistence, silentLogger),
        },
        backup,
      );
      expect(ok.workshopId).toBe(backup.workshop.id);
      expect(rows({ dataDir } as Server).assets).toBe(1);
    } finally {
      await registry.close();
    }
  });
});

/** Decoded RGBA pixels, to compare pictures across re-encoding. */
function rgba(bytes: Uint8Array) {
  return sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}
