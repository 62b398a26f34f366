import {
  boardDocId,
  deleteShapes,
  getShape,
  ORIGIN_LOCAL,
  readWorkshop,
  shapesMap,
  updateShapes,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TokenSigner } from '../src/auth/tokens.js';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  apiCaller,
  connectClient,
  rawSocket,
  startTestServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tokenGenerations,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';
import { png as pngImage } from './images.js';

const SECRET = 'permission-matrix-test-secret-0123456789';
let server: RunningServer & { dataDir: string };
let log: ReturnType<typeof memoryLogger>;
let base: string;
const clients: TestClient[] = [];

interface Ids {
  workshopId: string;
  tokens: Record<'facilitator' | 'memberA' | 'memberB' | 'observer', string>;
  participantIds: Record<'memberA' | 'memberB', string>;
  groupA: string;
  groupB: string;
  boardA: string;
  boardB: string;
  plenary: string;
}
let ids: Ids;

const api = apiCaller(() => base);

async function setUp(): Promise<Ids> {
  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: 'Helse og omsorg 2035',
    date: '2026-11-23',
    groups: ['Gruppe A', 'Gruppe B'],
    facilitatorName: 'Fasilitator',
  });
  expect(created.status).toBe(201);
  const workshopId = created.body.workshopId as string;
  const facilitator = created.body.token as string;
  const info = await api('GET', `/join/${created.body.joinCode as string}`, null);
  const [groupA, groupB] = (info.body.groups as { id: string }[]).map((g) => g.id) as [
    string,
    string,
  ];
  const joinA = await api('POST', '/join', null, {
    code: created.body.joinCode,
    name: 'Anne',
    groupId: groupA,
  });
  const joinB = await api('POST', '/join', null, {
    code: created.body.joinCode,
    name: 'Bjørn',
    groupId: groupB,
  });
  const obs = await api('POST', '/join', null, {
    code: created.body.observerCode,
    name: 'Politiker',
  });
  expect([joinA.status, joinB.status, obs.status]).toEqual([201, 201, 201]);
  expect(obs.body.role).toBe('observer');
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Fremtidsreise',
  });
  const plenary = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Plenum',
    plenary: true,
  });
  const [boardA, boardB] = phase.body.boardIds as [string, string];
  return {
    workshopId,
    tokens: {
      facilitator,
      memberA: joinA.body.token as string,
      memberB: joinB.body.token as string,
      observer: obs.body.token as string,
    },
    participantIds: {
      memberA: joinA.body.participantId as string,
      memberB: joinB.body.participantId as string,
    },
    groupA,
    groupB,
    boardA,
    boardB,
    plenary: (plenary.body.boardIds as string[])[0] ?? '',
  };
}

beforeAll(async () => {
  log = memoryLogger();
  server = await startTestServer({ secret: SECRET, logger: log });
  base = `http://127.0.0.1:${server.port}`;
  ids = await setUp();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** The HTTP status of a WebSocket upgrade (101 when it was accepted). */
function upgradeStatus(docId: string, token: string | null, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const url = `${wsBase(server)}/${docId}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => {});
  });
}

const forged = () => {
  const [payload] = ids.tokens.memberA.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const raised = Buffer.from(JSON.stringify({ ...claims, r: 'facilitator' })).toString('base64url');
  return `${raised}.${ids.tokens.memberA.split('.')[1]}`;
};
const expired = () =>
  new TokenSigner(SECRET, 60).sign(
    { workshopId: ids.workshopId, participantId: ids.participantIds.memberA, role: 'participant' },
    tokenGenerations(ids.tokens.memberA),
    Date.now() - 3600_000,
  );
const otherSecret = () =>
  new TokenSigner('some-other-secret-0123456789-abcdef').sign(
    {
      workshopId: ids.workshopId,
      participantId: ids.participantIds.memberA,
      role: 'participant',
    },
    tokenGenerations(ids.tokens.memberA),
  );

type Who =
  | 'facilitator'
  | 'memberA'
  | 'memberB'
  | 'observer'
  | 'none'
  | 'forged'
  | 'expired'
  | 'otherSecret';
const tokenOf = (who: Who): string | null =>
  who === 'none'
    ? null
    : who === 'forged'
      ? forged()
      : who === 'expired'
        ? expired()
        : who === 'otherSecret'
          ? otherSecret()
          : ids.tokens[who];

/** Tries to add a sticky over a real y-websocket connection; resolves whether the server kept it. */
async function tryWrite(who: Who, boardId: string): Promise<boolean> {
  const token = tokenOf(who);
  const c = connectClient(server, boardId, new Y.Doc(), token ? { token } : {});
  clients.push(c);
  await waitSynced(c);
  const id = `w${Math.random().toString(36).slice(2, 10)}`;
  const refusedBefore = log.entries.filter((e) => e.event === 'sync.write_refused').length;
  writeShapes(c.doc, [sticky(id, `skrevet av ${who}`)], ORIGIN_LOCAL);
  const room = await server.registry.acquire(boardDocId(boardId));
  try {
    await waitFor(
      () =>
        !!getShape(room.doc, id) ||
        log.entries.filter((e) => e.event === 'sync.write_refused').length > refusedBefore,
      `the server decided on ${who}'s write`,
    );
    return !!getShape(room.doc, id);
  } finally {
    server.registry.release(room);
    c.destroy();
  }
}

describe('permission matrix over real WebSockets', () => {
  const docs = () => ({
    workshop: workshopDocId(ids.workshopId),
    boardA: boardDocId(ids.boardA),
    boardB: boardDocId(ids.boardB),
    plenary: boardDocId(ids.plenary),
  });

  it.each<[Who, number]>([
    ['facilitator', 101],
    ['memberA', 101],
    ['memberB', 101],
    ['observer', 101],
    ['none', 401],
    ['forged', 401],
    ['expired', 401],
    ['otherSecret', 401],
  ])('%s connecting to every document of the workshop → %i', async (who, status) => {
    for (const docId of Object.values(docs()))
      expect(await upgradeStatus(docId, tokenOf(who)), docId).toBe(status);
  });

  it.each<[Who, Record<'boardA' | 'boardB' | 'plenary', boolean>]>([
    ['facilitator', { boardA: true, boardB: true, plenary: true }],
    ['memberA', { boardA: true, boardB: false, plenary: true }],
    ['memberB', { boardA: false, boardB: true, plenary: true }],
    ['observer', { boardA: false, boardB: false, plenary: false }],
  ])('%s writing boards: %o', async (who, expected) => {
    const got = {
      boardA: await tryWrite(who, ids.boardA),
      boardB: await tryWrite(who, ids.boardB),
      plenary: await tryWrite(who, ids.plenary),
    };
    expect(got).toEqual(expected);
  });

  it('a read-only client that replays what it already has (its local copy) stays connected', async () => {
    const obs = connectClient(server, ids.boardA, new Y.Doc(), { token: ids.tokens.observer });
    clients.push(obs);
    await waitSynced(obs);
    // What y-indexeddb does on a reload: the stored copy is applied after the socket opened,
    // and the provider forwards it to the server.
    const replay = new Y.Doc();
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(obs.doc));
    const refused = log.entries.filter((e) => e.event === 'sync.write_refused').length;
    Y.applyUpdate(obs.doc, Y.encodeStateAsUpdate(replay), 'indexeddb');
    // A round trip later the connection is still open and nothing was refused.
    const probe = connectClient(server, ids.boardA, new Y.Doc(), { token: ids.tokens.facilitator });
    clients.push(probe);
    await waitSynced(probe);
    writeShapes(probe.doc, [sticky('probe1', 'prøve')], ORIGIN_LOCAL);
    await waitFor(() => !!getShape(obs.doc, 'probe1'), 'the observer still receives');
    expect(obs.provider.wsconnected).toBe(true);
    expect(log.entries.filter((e) => e.event === 'sync.write_refused').length).toBe(refused);
    obs.destroy();
    probe.destroy();
  });

  it('nobody writes the workshop document over sync, not even the facilitator', async () => {
    const c = connectClient(server, '', new Y.Doc(), {
      token: ids.tokens.facilitator,
      docId: workshopDocId(ids.workshopId),
    });
    clients.push(c);
    await waitSynced(c);
    expect(readWorkshop(c.doc).meta?.title).toBe('Helse og omsorg 2035');
    const refused = log.entries.filter((e) => e.event === 'sync.write_refused').length;
    c.doc.getMap('meta').set('title', 'Kapret');
    await waitFor(
      () => log.entries.filter((e) => e.event === 'sync.write_refused').length > refused,
      'refused',
    );
    expect((await server.service.state(ids.workshopId)).meta?.title).toBe('Helse og omsorg 2035');
    c.destroy();
  });

  it("a raw socket's crafted update to another group's board is refused and the stored board is unchanged", async () => {
    await server.registry.flush();
    const storage = server as unknown as { dataDir: string };
    const before = await new SqliteStorage(storage.dataDir).load(boardDocId(ids.boardB));
    const ws = await rawSocket(
      `${wsBase(server)}/${boardDocId(ids.boardB)}?token=${ids.tokens.memberA}`,
    );
    const doc = new Y.Doc();
    writeShapes(doc, [sticky('forge1', 'Falsk lapp')], ORIGIN_LOCAL);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
    const refused = log.entries.filter((x) => x.event === 'sync.write_refused').length;
    const denied = new Promise<boolean>((resolve) =>
      ws.on('message', (d: ArrayBuffer) => new Uint8Array(d)[0] === 2 && resolve(true)),
    );
    ws.send(encoding.toUint8Array(e));
    await waitFor(
      () => log.entries.filter((x) => x.event === 'sync.write_refused').length > refused,
      'refused',
    );
    expect(await denied).toBe(true); // told it is read-only (y-protocols auth message)
    ws.close();
    await server.registry.flush();
    const after = await new SqliteStorage(storage.dataDir).load(boardDocId(ids.boardB));
    expect(after).toEqual(before);
    const room = await server.registry.acquire(boardDocId(ids.boardB));
    expect(getShape(room.doc, 'forge1')).toBeNull();
    server.registry.release(room);
  });

  it('a lock downgrades connected writers at once, without reconnecting; unlocking restores writing', async () => {
    const lockBoard = (locked: boolean) =>
      api('PATCH', `/workshops/${ids.workshopId}/boards/${ids.boardA}`, ids.tokens.facilitator, {
        locked,
      });
    // A raw connection of Anne's, to see the server's notice arrive without reconnecting.
    const raw = await rawSocket(
      `${wsBase(server)}/${boardDocId(ids.boardA)}?token=${ids.tokens.memberA}`,
    );
    const noticed = new Promise<boolean>((resolve) =>
      raw.on('message', (d: ArrayBuffer) => new Uint8Array(d)[0] === 2 && resolve(true)),
    );
    const anne = connectClient(server, ids.boardA, new Y.Doc(), { token: ids.tokens.memberA });
    clients.push(anne);
    await waitSynced(anne);
    const closed = new Promise<number>((resolve) =>
      anne.provider.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
    );
    const room = await server.registry.acquire(boardDocId(ids.boardA));
    writeShapes(anne.doc, [sticky('before1', 'før låsing')], ORIGIN_LOCAL);
    await waitFor(() => !!getShape(room.doc, 'before1'), 'written before the lock');

    expect((await lockBoard(true)).status).toBe(200);
    expect(await noticed).toBe(true); // told at once, on the open connection
    expect(raw.readyState).toBe(WebSocket.OPEN);
    writeShapes(anne.doc, [sticky('locked1', 'under låsing')], ORIGIN_LOCAL);
    expect(await closed).toBe(4403);
    expect(getShape(room.doc, 'locked1')).toBeNull();

    expect((await lockBoard(false)).status).toBe(200);
    expect(await tryWrite('memberA', ids.boardA)).toBe(true);
    await api('POST', `/workshops/${ids.workshopId}/lock`, ids.tokens.facilitator, {
      locked: true,
    });
    expect(await tryWrite('memberA', ids.boardA)).toBe(false);
    expect(await tryWrite('facilitator', ids.boardA)).toBe(true);
    await api('POST', `/workshops/${ids.workshopId}/lock`, ids.tokens.facilitator, {
      locked: false,
    });
    expect(await tryWrite('memberA', ids.boardA)).toBe(true);
    server.registry.release(room);
    raw.close();
  });

  it('moving a participant to another group moves their write access live', async () => {
    await api(
      'POST',
      `/workshops/${ids.workshopId}/participants/${ids.participantIds.memberA}/group`,
      ids.tokens.facilitator,
      { groupId: ids.groupB },
    );
    expect(await tryWrite('memberA', ids.boardB)).toBe(true);
    expect(await tryWrite('memberA', ids.boardA)).toBe(false);
    await api(
      'POST',
      `/workshops/${ids.workshopId}/participants/${ids.participantIds.memberA}/group`,
      ids.tokens.facilitator,
      { groupId: ids.groupA },
    );
    expect(await tryWrite('memberA', ids.boardA)).toBe(true);
  });

  it('awareness shows who a connection really is, not what it claims', async () => {
    const anne = connectClient(server, ids.plenary, new Y.Doc(), { token: ids.tokens.memberA });
    const fac = connectClient(server, ids.plenary, new Y.Doc(), { token: ids.tokens.facilitator });
    clients.push(anne, fac);
    await Promise.all([waitSynced(anne), waitSynced(fac)]);
    anne.provider.awareness.setLocalStateField('user', {
      name: 'Rådmannen',
      role: 'facilitator',
      color: '#000000',
    });
    // And a state for a client id that is not hers.
    const seen = () =>
      fac.provider.awareness.getStates().get(anne.doc.clientID)?.user as
        | Record<string, unknown>
        | undefined;
    await waitFor(() => seen() !== undefined, 'facilitator sees anne');
    expect(seen()).toMatchObject({
      name: 'Anne',
      role: 'participant',
      groupId: ids.groupA,
      participantId: ids.participantIds.memberA,
    });
    anne.destroy();
    fac.destroy();
  });

  it('refuses foreign origins for WebSockets and state-changing requests', async () => {
    expect(
      await upgradeStatus(boardDocId(ids.boardA), ids.tokens.memberA, 'http://evil.example'),
    ).toBe(403);
    expect(
      await upgradeStatus(
        boardDocId(ids.boardA),
        ids.tokens.memberA,
        `http://127.0.0.1:${server.port}`,
      ),
    ).toBe(101);
    const r = await api(
      'POST',
      `/workshops/${ids.workshopId}/message`,
      ids.tokens.facilitator,
      { text: 'hei' },
      { origin: 'http://evil.example' },
    );
    expect(r.status).toBe(403);
  });

  it('never writes a token to the log', () => {
    const all = JSON.stringify(log.entries);
    for (const t of Object.values(ids.tokens)) expect(all.includes(t)).toBe(false);
    expect(all.includes(ids.tokens.memberA.split('.')[1] ?? 'x')).toBe(false);
  });
});

describe('commands over HTTP', () => {
  const cmds = (): [string, string, unknown][] => [
    ['GET', `/workshops/${ids.workshopId}/codes`, undefined],
    ['POST', `/workshops/${ids.workshopId}/facilitators`, { name: 'Medfasilitator' }],
    ['PATCH', `/workshops/${ids.workshopId}/groups/${ids.groupA}`, { name: 'Gruppe A' }],
    [
      'POST',
      `/workshops/${ids.workshopId}/participants/${ids.participantIds.memberB}/group`,
      { groupId: ids.groupB },
    ],
    ['POST', `/workshops/${ids.workshopId}/phases`, { name: 'Interessentkart' }],
    ['PATCH', `/workshops/${ids.workshopId}/boards/${ids.boardB}`, { name: 'Omdøpt' }],
    ['POST', `/workshops/${ids.workshopId}/lock`, { locked: false }],
    ['POST', `/workshops/${ids.workshopId}/message`, { text: 'Pause til 10.15' }],
    ['POST', `/workshops/${ids.workshopId}/timer`, { action: 'start', durationMs: 60_000 }],
    ['POST', `/workshops/${ids.workshopId}/bring`, { boardId: ids.plenary, viewport: null }],
  ];

  it.each<[Who, number]>([
    ['memberA', 403],
    ['observer', 403],
    ['none', 401],
    ['forged', 401],
    ['expired', 401],
  ])('%s gets %i for every facilitator command and changes nothing', async (who, status) => {
    const before = JSON.stringify(await server.service.state(ids.workshopId));
    for (const [method, path, body] of cmds())
      expect((await api(method, path, tokenOf(who), body)).status, `${method} ${path}`).toBe(
        status,
      );
    expect(JSON.stringify(await server.service.state(ids.workshopId))).toBe(before);
  });

  it('the facilitator may run every command, and they land in the workshop document', async () => {
    for (const [method, path, body] of cmds())
      expect(
        (await api(method, path, ids.tokens.facilitator, body)).status,
        `${method} ${path}`,
      ).toBeLessThan(300);
    const state = await server.service.state(ids.workshopId);
    expect(state.message?.text).toBe('Pause til 10.15');
    expect(state.timer.state).toBe('running');
    expect(state.bring?.boardId).toBe(ids.plenary);
    expect(state.boards.find((b) => b.id === ids.boardB)?.name).toBe('Omdøpt');
  });

  it('a facilitator token of another workshop gets 403', async () => {
    const other = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Annen',
      date: '2026-12-01',
      groups: ['A', 'B'],
      facilitatorName: 'X',
    });
    const r = await api(
      'POST',
      `/workshops/${ids.workshopId}/message`,
      other.body.token as string,
      { text: 'kapret' },
    );
    expect(r.status).toBe(403);
  });

  it('bad bodies get 400 with a message', async () => {
    const r = await api('POST', `/workshops/${ids.workshopId}/timer`, ids.tokens.facilitator, {
      action: 'explode',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_body');
    expect(
      (
        await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
          title: 'x',
          date: 'i dag',
          groups: ['a'],
          facilitatorName: 'y',
        })
      ).status,
    ).toBe(400);
  });

  it("a template's locked titles and labels refuse a participant's change; the facilitator may", async () => {
    const phase = await api('POST', `/workshops/${ids.workshopId}/phases`, ids.tokens.facilitator, {
      name: 'Fremtidsreise med mal',
      template: 'future',
    });
    expect(phase.status).toBe(201);
    const boardA = (phase.body.boardIds as string[])[0] as string;
    const room = await server.registry.acquire(boardDocId(boardA));
    try {
      const furniture = [...shapesMap(room.doc).entries()]
        .filter(([, m]) => m.get('furniture') === true && m.get('locked') === true)
        .map(([id]) => id);
      expect(furniture.length).toBeGreaterThan(3);
      const [first, second] = furniture as [string, string];

      // Anne's own client would never offer it; a hostile one sends it anyway.
      const anne = connectClient(server, boardA, new Y.Doc(), { token: ids.tokens.memberA });
      clients.push(anne);
      await waitSynced(anne);
      const closed = new Promise<number>((resolve) =>
        anne.provider.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
      );
      deleteShapes(anne.doc, [first], ORIGIN_LOCAL);
      expect(await closed).toBe(4403);
      expect(getShape(room.doc, first)).not.toBeNull();
      // Her ordinary notes still go through on a new connection.
      expect(await tryWrite('memberA', boardA)).toBe(true);

      // A reopened page may send its whole offline copy (y-indexeddb's state, furniture and
      // all) as one update, with a note made offline: what the server already has changes
      // nothing, so it is no attempt, and the note goes in.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      writeShapes(copy, [sticky('offline1', 'Skrevet uten nett')], ORIGIN_LOCAL);
      const ws = await rawSocket(
        `${wsBase(server)}/${boardDocId(boardA)}?token=${ids.tokens.memberA}`,
      );
      let closedWith = 0;
      ws.on('close', (code) => {
        closedWith = code;
      });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(copy));
      ws.send(encoding.toUint8Array(e));
      await waitFor(() => getShape(room.doc, 'offline1') !== null || closedWith !== 0, 'an answer');
      expect([closedWith, getShape(room.doc, 'offline1') !== null]).toEqual([0, true]);
      ws.close();

      const kari = connectClient(server, boardA, new Y.Doc(), { token: ids.tokens.facilitator });
      clients.push(kari);
      await waitSynced(kari);
      updateShapes(kari.doc, new Map([[second, { x: 12345 }]]), ORIGIN_LOCAL);
      await waitFor(
        () => shapesMap(room.doc).get(second)?.get('x') === 12345,
        "the facilitator's move",
      );
    } finally {
      server.registry.release(room);
    }
  });

  it('members rename themselves; an ended workshop makes boards read-only for participants', async () => {
    expect(
      (
        await api('PATCH', `/workshops/${ids.workshopId}/me`, ids.tokens.memberB, {
          name: 'Bjørn Ø.',
        })
      ).status,
    ).toBe(200);
    expect(
      (await server.service.state(ids.workshopId)).participants.find(
        (p) => p.id === ids.participantIds.memberB,
      )?.name,
    ).toBe('Bjørn Ø.');
  });
});

describe('ending and deleting', () => {
  it('end makes every board read-only for everyone; delete removes every byte and the tokens stop working', async () => {
    // An image on a board, to see it go too (a valid one: uploads are decoded).
    const png = pngImage(1, 1);
    const up = await fetch(`${base}/api/boards/${ids.plenary}/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ids.tokens.facilitator}` },
      body: png,
    });
    expect(up.status).toBe(201);
    const assetId = ((await up.json()) as { assetId: string }).assetId;
    expect(await tryWrite('memberB', ids.boardB)).toBe(true);
    expect(
      (await api('POST', `/workshops/${ids.workshopId}/end`, ids.tokens.facilitator)).status,
    ).toBe(200);
    expect(await tryWrite('memberB', ids.boardB)).toBe(false);
    expect(await tryWrite('facilitator', ids.boardB)).toBe(false);
    const late = await fetch(`${base}/api/boards/${ids.plenary}/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ids.tokens.facilitator}` },
      body: png,
    });
    expect(late.status).toBe(403);
    expect(
      (
        await api('POST', `/workshops/${ids.workshopId}/phases`, ids.tokens.facilitator, {
          name: 'For sent',
        })
      ).status,
    ).toBe(409);

    const watcher = connectClient(server, ids.boardA, new Y.Doc(), { token: ids.tokens.observer });
    clients.push(watcher);
    await waitSynced(watcher);
    const closed = new Promise<number>((resolve) =>
      watcher.provider.on('connection-close', (e: { code: number } | null) =>
        resolve(e?.code ?? 0),
      ),
    );

    expect(
      (await api('DELETE', `/workshops/${ids.workshopId}`, ids.tokens.facilitator)).status,
    ).toBe(204);
    expect(await closed).toBe(4404);
    const storage = new SqliteStorage(server.dataDir);
    for (const id of [ids.workshopId, ids.boardA, ids.boardB, ids.plenary, assetId])
      expect(storage.rowsMentioning(id), id).toBe(0);
    await storage.close();
    expect((await fetch(`${base}/api/assets/${assetId}`)).status).toBe(404);
    expect((await api('GET', `/workshops/${ids.workshopId}/me`, ids.tokens.memberA)).status).toBe(
      401,
    );
    expect(await upgradeStatus(workshopDocId(ids.workshopId), ids.tokens.facilitator)).toBe(404);
    // The board ids stay dead (tombstones), even on this server with open boards on.
    expect(await upgradeStatus(boardDocId(ids.boardA), null)).toBe(404);
    expect((await api('GET', `/boards/${ids.boardA}`, null)).status).toBe(404);
  });
});
