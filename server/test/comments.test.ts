import {
  boardDocId,
  COMMENTS_DOC,
  type Comment,
  commentsDocId,
  getShape,
  ORIGIN_LOCAL,
  reactionCounts,
  readAllShapes,
  readComments,
  readReactions,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
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
let log: ReturnType<typeof memoryLogger>;
let base: string;
const clients: TestClient[] = [];

const api = apiCaller(() => base);

interface Person {
  id: string;
  token: string;
}
interface Ids {
  workshopId: string;
  facilitator: string;
  groups: [string, string, string];
  boards: [string, string, string];
  anne: Person; // group A: visits B's board in round 0
  bjorn: Person; // group B: hosts
  cato: Person; // group C: visits A's board in round 0
  observer: Person;
}
let ids: Ids;

/** Three groups, one phase, a running round-robin market (round 0: A→B, B→C, C→A). */
async function setUp(): Promise<Ids> {
  const w = await createWorkshop(api, {
    title: 'Torgmøte',
    groups: ['Gruppe A', 'Gruppe B', 'Gruppe C'],
  });
  const { workshopId, facilitator } = w;
  const groups = w.groups as Ids['groups'];
  const anne = await w.join('Anne', 0);
  const bjorn = await w.join('Bjørn', 1);
  const cato = await w.join('Cato', 2);
  const observer = await w.join('Politiker', 'observer');
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Fremtidsreise',
  });
  expect(phase.status).toBe(201);
  const market = await api('POST', `/workshops/${workshopId}/market`, facilitator, {
    phaseId: phase.body.phaseId,
  });
  expect(market.status).toBe(200);
  const start = await api('POST', `/workshops/${workshopId}/market/command`, facilitator, {
    action: 'start',
  });
  expect(start.status).toBe(200);
  return {
    workshopId,
    facilitator,
    groups,
    boards: phase.body.boardIds as Ids['boards'],
    anne,
    bjorn,
    cato,
    observer,
  };
}

beforeAll(async () => {
  log = memoryLogger();
  server = await startTestServer({ logger: log });
  base = `http://127.0.0.1:${server.port}`;
  ids = await setUp();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

const onBoard = (boardId: string, rest = '') =>
  `/workshops/${ids.workshopId}/boards/${boardId}/comments${rest}`;
const refusals = () => log.entries.filter((e) => e.event === 'sync.write_refused').length;

function connect(token: string, docId: string): TestClient {
  const c = connectClient(server, '', new Y.Doc(), { token, docId });
  clients.push(c);
  return c;
}

describe('comments and suggestions on workshop boards', () => {
  let suggestion: Comment;

  it('a visitor comments during a running round: the visiting group and the round are kept', async () => {
    const hostBoard = ids.boards[1];
    const reader = connect(ids.bjorn.token, commentsDocId(hostBoard));
    await waitSynced(reader);
    const r = await api('POST', onBoard(hostBoard), ids.anne.token, {
      kind: 'suggestion',
      text: 'Hva med eldre uten nett?',
      proposal: 'Digital assistanse på biblioteket',
      pin: { x: 100, y: 200 },
    });
    expect(r.status).toBe(201);
    suggestion = r.body.comment as Comment;
    expect(suggestion).toMatchObject({
      boardId: hostBoard,
      kind: 'suggestion',
      authorId: ids.anne.id,
      authorName: 'Anne',
      groupId: ids.groups[0],
      round: 0,
      status: 'open',
      parentId: null,
    });
    const reply = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/replies`),
      ids.bjorn.token,
      {
        text: 'God idé',
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({ parentId: suggestion.id, groupId: ids.groups[1] });
    await waitFor(() => readComments(reader.doc).length === 2, 'the comments reach a reader');
    expect(readComments(reader.doc).map((c) => c.id)[0]).toBe(suggestion.id);
  });

  it('another group outside the round, an observer and a bad body are refused', async () => {
    const hostBoard = ids.boards[1];
    const body = { kind: 'comment', text: 'Hei', pin: { x: 0, y: 0 } };
    const cato = await api('POST', onBoard(hostBoard), ids.cato.token, body);
    expect([cato.status, cato.body.error]).toEqual([403, 'forbidden']);
    const obs = await api('POST', onBoard(hostBoard), ids.observer.token, body);
    expect([obs.status, obs.body.error]).toEqual([403, 'forbidden']);
    expect((await api('POST', onBoard(hostBoard), null, body)).status).toBe(401);
    const empty = await api('POST', onBoard(hostBoard), ids.anne.token, { ...body, text: '' });
    expect(empty.status).toBe(400);
    // Cato's group visits A's board in round 0, so there Cato may comment.
    const there = await api('POST', onBoard(ids.boards[0]), ids.cato.token, body);
    expect(there.status).toBe(201);
    expect(there.body.comment).toMatchObject({ groupId: ids.groups[2], round: 0 });
  });

  it('a visitor cannot resolve or accept', async () => {
    const hostBoard = ids.boards[1];
    const accept = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/accept`),
      ids.anne.token,
    );
    expect([accept.status, accept.body.error]).toEqual([403, 'forbidden']);
    const status = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/status`),
      ids.anne.token,
      {
        status: 'resolved',
      },
    );
    expect(status.status).toBe(403);
  });

  it('the host group resolves and accepts: the sticky appears with the attribution', async () => {
    const hostBoard = ids.boards[1];
    const comments = connect(ids.bjorn.token, commentsDocId(hostBoard));
    const board = connect(ids.bjorn.token, boardDocId(hostBoard));
    await Promise.all([waitSynced(comments), waitSynced(board)]);

    const resolved = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/status`),
      ids.bjorn.token,
      {
        status: 'resolved',
      },
    );
    expect(resolved.status).toBe(200);
    expect((resolved.body.comment as Comment).status).toBe('resolved');
    // Only an open suggestion is accepted.
    const early = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/accept`),
      ids.bjorn.token,
    );
    expect([early.status, early.body.error]).toEqual([409, 'not_open_suggestion']);
    const reopened = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/status`),
      ids.bjorn.token,
      {
        status: 'open',
      },
    );
    expect(reopened.status).toBe(200);

    const accepted = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/accept`),
      ids.bjorn.token,
    );
    expect(accepted.status).toBe(200);
    const shapeId = accepted.body.shapeId as string;
    await waitFor(() => !!getShape(board.doc, shapeId), 'the sticky reaches the board');
    // Beside the pinned point (not on it), in the visiting group's colour (its first group).
    expect(getShape(board.doc, shapeId)).toMatchObject({
      type: 'sticky',
      x: 120,
      y: 200,
      color: 'orange',
      text: 'Digital assistanse på biblioteket\n— Gruppe A',
    });
    await waitFor(
      () => readComments(comments.doc).find((c) => c.id === suggestion.id)?.status === 'accepted',
      'the accepted status reaches the reader',
    );
    const again = await api(
      'POST',
      onBoard(hostBoard, `/${suggestion.id}/accept`),
      ids.bjorn.token,
    );
    expect(again.status).toBe(409);
  });

  it('a suggestion pinned to a shape lands beside that shape, covering nothing', async () => {
    const hostBoard = ids.boards[1];
    const writer = connect(ids.bjorn.token, boardDocId(hostBoard));
    await waitSynced(writer);
    writeShapes(writer.doc, [{ ...sticky('pinned1', 'Målet'), x: 500, y: 600 }], ORIGIN_LOCAL);
    const room = await server.registry.acquire(boardDocId(hostBoard));
    await waitFor(() => !!getShape(room.doc, 'pinned1'), 'the shape reaches the server');
    server.registry.release(room);
    const r = await api('POST', onBoard(hostBoard), ids.anne.token, {
      kind: 'suggestion',
      text: 'Tydeligere mål',
      proposal: 'Halvere ventetiden',
      pin: { shapeId: 'pinned1' },
    });
    expect(r.status).toBe(201);
    const accepted = await api(
      'POST',
      onBoard(hostBoard, `/${(r.body.comment as Comment).id}/accept`),
      ids.facilitator,
    );
    expect(accepted.status).toBe(200);
    await waitFor(
      () => !!getShape(writer.doc, accepted.body.shapeId as string),
      'the sticky reaches the board',
    );
    // To the right of the 200 px note at (500, 600), a 20 px gap between (it used to be put
    // 40 px over it, covering it).
    expect(getShape(writer.doc, accepted.body.shapeId as string)).toMatchObject({ x: 720, y: 600 });
  });

  it("tells members who made a board's objects (for the label on hover), nobody else", async () => {
    const hostBoard = ids.boards[1];
    const path = `/workshops/${ids.workshopId}/boards/${hostBoard}/authors`;
    let authors: Record<string, string> = {};
    await waitFor(async () => {
      const r = await api('GET', path, ids.anne.token);
      expect(r.status).toBe(200);
      authors = r.body.authors as Record<string, string>;
      return authors.pinned1 !== undefined;
    }, 'the attribution is recorded');
    // Bjørn wrote it over his connection; the accepted suggestions were made by the server.
    expect(authors.pinned1).toBe(ids.bjorn.id);
    expect(Object.values(authors)).not.toContain(null);
    // Later questions ask only for what is new since the last answer's `asOf` (which lies a
    // little back, so an object recorded late is not missed): a time after every object has
    // none, the last answer's `asOf` has the note just made, a malformed one is refused.
    const asOf = (await api('GET', path, ids.anne.token)).body.asOf as number;
    expect(typeof asOf).toBe('number');
    expect((await api('GET', `${path}?since=${asOf}`, ids.anne.token)).body.authors).toMatchObject({
      pinned1: ids.bjorn.id,
    });
    const later = await api('GET', `${path}?since=${Date.now() + 60_000}`, ids.anne.token);
    expect([later.status, later.body.authors]).toEqual([200, {}]);
    for (const bad of ['abc', '-1', '1e9', ''])
      expect((await api('GET', `${path}?since=${bad}`, ids.anne.token)).status).toBe(400);
    expect((await api('GET', path, null)).status).toBe(401);
    const other = `/workshops/${ids.workshopId}/boards/nosuchboard/authors`;
    expect((await api('GET', other, ids.anne.token)).status).toBe(404);
  });

  it('a visitor gives +1 on an object; a second toggle removes it; another group is refused', async () => {
    const hostBoard = ids.boards[1];
    const reader = connect(ids.bjorn.token, commentsDocId(hostBoard));
    await waitSynced(reader);
    const react = `/workshops/${ids.workshopId}/boards/${hostBoard}/reactions`;
    const first = await api('POST', react, ids.anne.token, { shapeId: 'pinned1' });
    expect([first.status, first.body]).toEqual([200, { reacted: true, count: 1 }]);
    const host = await api('POST', react, ids.bjorn.token, { shapeId: 'pinned1' });
    expect(host.body).toEqual({ reacted: true, count: 2 });
    await waitFor(
      () => reactionCounts(readReactions(reader.doc)).get('pinned1') === 2,
      'the reactions reach a reader',
    );
    expect(readReactions(reader.doc).find((r) => r.participantId === ids.anne.id)).toMatchObject({
      boardId: hostBoard,
      shapeId: 'pinned1',
      groupId: ids.groups[0],
      round: 0,
    });
    const again = await api('POST', react, ids.anne.token, { shapeId: 'pinned1' });
    expect([again.status, again.body]).toEqual([200, { reacted: false, count: 1 }]);
    await waitFor(
      () => reactionCounts(readReactions(reader.doc)).get('pinned1') === 1,
      'the removal reaches a reader',
    );
    const cato = await api('POST', react, ids.cato.token, { shapeId: 'pinned1' });
    expect([cato.status, cato.body.error]).toEqual([403, 'forbidden']);
    const obs = await api('POST', react, ids.observer.token, { shapeId: 'pinned1' });
    expect(obs.status).toBe(403);
    const missing = await api('POST', react, ids.anne.token, { shapeId: 'nosuchshape' });
    expect(missing.status).toBe(404);
    const bad = await api('POST', react, ids.anne.token, {});
    expect(bad.status).toBe(400);
  });

  it('a client writing into the comments document directly is refused', async () => {
    const hostBoard = ids.boards[1];
    const c = connect(ids.bjorn.token, commentsDocId(hostBoard));
    await waitSynced(c);
    const before = refusals();
    c.doc.getMap(COMMENTS_DOC.comments).set('forged1', { ...suggestion, id: 'forged1' });
    await waitFor(() => refusals() > before, 'the write is refused');
    const room = await server.registry.acquire(commentsDocId(hostBoard));
    expect(readComments(room.doc).some((x) => x.id === 'forged1')).toBe(false);
    server.registry.release(room);
  });

  it("the visitor's forged write into the host board's content is refused", async () => {
    const hostBoard = ids.boards[1];
    const c = connect(ids.anne.token, boardDocId(hostBoard));
    await waitSynced(c);
    const before = refusals();
    writeShapes(c.doc, [sticky('forge2', 'Falsk lapp')], ORIGIN_LOCAL);
    await waitFor(() => refusals() > before, 'the write is refused');
    const room = await server.registry.acquire(boardDocId(hostBoard));
    expect(getShape(room.doc, 'forge2')).toBeNull();
    expect(readAllShapes(room.doc).length).toBeGreaterThan(0);
    server.registry.release(room);
  });

  it('once the round moves on, the former visitor may no longer comment; an ended workshop is 409', async () => {
    const next = await api('POST', `/workshops/${ids.workshopId}/market/command`, ids.facilitator, {
      action: 'next',
    });
    expect(next.status).toBe(200);
    const body = { kind: 'comment', text: 'Hei igjen', pin: { x: 0, y: 0 } };
    // Round 1: A visits C's board, so B's board is closed to Anne.
    expect((await api('POST', onBoard(ids.boards[1]), ids.anne.token, body)).status).toBe(403);
    const atC = await api('POST', onBoard(ids.boards[2]), ids.anne.token, body);
    expect(atC.status).toBe(201);
    expect((atC.body.comment as Comment).round).toBe(1);
    expect((await api('POST', `/workshops/${ids.workshopId}/end`, ids.facilitator)).status).toBe(
      200,
    );
    const ended = await api('POST', onBoard(ids.boards[0]), ids.facilitator, body);
    expect([ended.status, ended.body.error]).toEqual([409, 'workshop_ended']);
  });
});
