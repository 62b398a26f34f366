import {
  ballotsDocId,
  boardDocId,
  commentsDocId,
  ORIGIN_SERVER,
  readDots,
  readWorkshop,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TokenSigner } from '../src/auth/tokens.js';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  sticky,
  type TestClient,
  tokenGenerations,
  waitFor,
  waitSynced,
} from './helpers.js';

const SECRET = 'votes-test-secret';
let server: RunningServer & { dataDir: string };
let base: string;

const api = apiCaller(() => base);

interface Person {
  id: string;
  token: string;
}
interface Ids {
  workshopId: string;
  facilitator: string;
  boards: [string, string];
  anne: Person;
  bjorn: Person;
  cato: Person;
  observer: Person;
}
let ids: Ids;

/** Two groups, one phase (two boards) with stickies written by the server. */
async function setUp(): Promise<Ids> {
  const w = await createWorkshop(api, { title: 'Prioritering', groups: ['Gruppe A', 'Gruppe B'] });
  const { workshopId, facilitator } = w;
  const anne = await w.join('Anne', 0);
  const bjorn = await w.join('Bjørn', 1);
  const cato = await w.join('Cato', 1);
  const observer = await w.join('Politiker', 'observer');
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Idéer',
  });
  expect(phase.status).toBe(201);
  const boards = phase.body.boardIds as [string, string];
  const put = async (boardId: string, shapes: ReturnType<typeof sticky>[]) => {
    const room = await server.registry.acquire(boardDocId(boardId));
    writeShapes(room.doc, shapes, ORIGIN_SERVER);
    server.registry.release(room);
  };
  await put(boards[0], [sticky('ideaA1', 'Digital assistanse'), sticky('ideaA2', 'Kortere kø')]);
  await put(boards[1], [sticky('ideaB1', 'Felles innbyggertorg')]);
  return { workshopId, facilitator, boards, anne, bjorn, cato, observer };
}

beforeAll(async () => {
  server = await startTestServer({ secret: SECRET });
  base = `http://127.0.0.1:${server.port}`;
  ids = await setUp();
});
afterAll(async () => {
  await server.close();
});

const vote = (rest = '') => `/workshops/${ids.workshopId}/vote${rest}`;
const dots = (boardId: string, rest = '') =>
  `/workshops/${ids.workshopId}/boards/${boardId}/dots${rest}`;
const place = (who: string, boardId: string, shapeId: string) =>
  api('POST', dots(boardId), who, { shapeId });

/** Starts a new vote (closing the open one first: a new vote waits until it is closed). */
async function start(body: Record<string, unknown> = {}) {
  await api('POST', vote('/close'), ids.facilitator);
  const r = await api('POST', vote(), ids.facilitator, { boardIds: ids.boards, ...body });
  expect(r.status).toBe(200);
  return r.body.vote as { id: string; dots: number; state: string };
}

/**
 * Runs `fn` while every document load takes a few milliseconds, so concurrent requests really
 * interleave at the awaits between the budget check and the write.
 */
async function withSlowLoads<T>(fn: () => Promise<T>): Promise<T> {
  const registry = server.registry;
  const original = registry.acquire.bind(registry);
  registry.acquire = async (docId: string) => {
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 5));
    return original(docId);
  };
  try {
    return await fn();
  } finally {
    registry.acquire = original;
  }
}

async function dotsOf(participantId: string, voteId: string): Promise<number> {
  let n = 0;
  for (const b of ids.boards) {
    const room = await server.registry.acquire(ballotsDocId(b));
    n += readDots(room.doc, voteId).filter((d) => d.participantId === participantId).length;
    server.registry.release(room);
  }
  return n;
}

describe('dot voting', () => {
  it('only the facilitator starts a vote; it is in the workshop document', async () => {
    const denied = await api('POST', vote(), ids.anne.token, { boardIds: ids.boards });
    expect([denied.status, denied.body.error]).toEqual([403, 'forbidden']);
    const unknown = await api('POST', vote(), ids.facilitator, { boardIds: ['nosuchboard'] });
    expect(unknown.status).toBe(404);
    const bad = await api('POST', vote(), ids.facilitator, { boardIds: ids.boards, dots: 0 });
    expect(bad.status).toBe(400);
    const v = await start();
    expect(v).toMatchObject({ dots: 3, state: 'open' });
    const room = await server.registry.acquire(workshopDocId(ids.workshopId));
    expect(readWorkshop(room.doc).vote).toMatchObject({ id: v.id, boardIds: ids.boards });
    server.registry.release(room);
  });

  it('the budget of 3 holds when one participant fires 6 dots at once, across two boards', async () => {
    const v = await start();
    const shots = () => [
      place(ids.anne.token, ids.boards[0], 'ideaA1'),
      place(ids.anne.token, ids.boards[1], 'ideaB1'),
      place(ids.anne.token, ids.boards[0], 'ideaA2'),
      place(ids.anne.token, ids.boards[1], 'ideaB1'),
      place(ids.anne.token, ids.boards[0], 'ideaA1'),
      place(ids.anne.token, ids.boards[1], 'ideaB1'),
    ];
    const results = await withSlowLoads(() => Promise.all(shots()));
    const ok = results.filter((r) => r.status === 201);
    const spent = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(3);
    expect(spent).toHaveLength(3);
    for (const r of spent) expect(r.body.error).toBe('budget_spent');
    expect(ok.map((r) => r.body.left).sort()).toEqual([0, 1, 2]);
    expect(await dotsOf(ids.anne.id, v.id)).toBe(3);
  });

  it('two clients of the same participant together still get exactly 3', async () => {
    const v = await start();
    const second = new TokenSigner(SECRET).sign(
      { workshopId: ids.workshopId, participantId: ids.bjorn.id, role: 'participant' },
      tokenGenerations(ids.bjorn.token),
      Date.now() + 5000,
    );
    expect(second).not.toBe(ids.bjorn.token);
    const shots = () =>
      [0, 1, 2, 3, 4, 5].map((i) =>
        place(
          i % 2 ? second : ids.bjorn.token,
          i % 2 ? ids.boards[1] : ids.boards[0],
          i % 2 ? 'ideaB1' : i % 4 ? 'ideaA2' : 'ideaA1',
        ),
      );
    const results = await withSlowLoads(() => Promise.all(shots()));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.body.error === 'budget_spent')).toHaveLength(3);
    expect(await dotsOf(ids.bjorn.id, v.id)).toBe(3);
  });

  it('removing a dot frees budget; only your own dots', async () => {
    await start({ dots: 2 });
    const a = await place(ids.cato.token, ids.boards[0], 'ideaA1');
    const b = await place(ids.cato.token, ids.boards[1], 'ideaB1');
    expect([a.status, a.body.left, b.status, b.body.left]).toEqual([201, 1, 201, 0]);
    expect((await place(ids.cato.token, ids.boards[0], 'ideaA2')).body.error).toBe('budget_spent');
    const dotId = a.body.dotId as string;
    const notMine = await api('DELETE', dots(ids.boards[0], `/${dotId}`), ids.anne.token);
    expect([notMine.status, notMine.body.error]).toEqual([403, 'forbidden']);
    const removed = await api('DELETE', dots(ids.boards[0], `/${dotId}`), ids.cato.token);
    expect([removed.status, removed.body.left]).toEqual([200, 1]);
    const again = await api('DELETE', dots(ids.boards[0], `/${dotId}`), ids.cato.token);
    expect(again.status).toBe(404);
    const c = await place(ids.cato.token, ids.boards[0], 'ideaA2');
    expect([c.status, c.body.left]).toEqual([201, 0]);
  });

  it('observers and facilitators do not vote; unknown shapes and boards are 404', async () => {
    await start();
    const obs = await place(ids.observer.token, ids.boards[0], 'ideaA1');
    expect([obs.status, obs.body.error]).toEqual([403, 'forbidden']);
    const fac = await place(ids.facilitator, ids.boards[0], 'ideaA1');
    expect(fac.status).toBe(403);
    const shape = await place(ids.anne.token, ids.boards[0], 'nosuchshape');
    expect([shape.status, shape.body.error]).toEqual([404, 'not_found']);
    // A shape of the other board is not on this one.
    expect((await place(ids.anne.token, ids.boards[0], 'ideaB1')).status).toBe(404);
    expect((await place(ids.anne.token, 'nosuchboard', 'ideaA1')).status).toBe(404);
    expect((await place(null as unknown as string, ids.boards[0], 'ideaA1')).status).toBe(401);
    expect((await api('POST', dots(ids.boards[0]), ids.anne.token, {})).status).toBe(400);
  });

  it('results tally correctly and stay hidden from participants until shown or closed', async () => {
    const v = await start();
    expect((await place(ids.anne.token, ids.boards[0], 'ideaA2')).status).toBe(201);
    expect((await place(ids.anne.token, ids.boards[0], 'ideaA2')).status).toBe(201);
    expect((await place(ids.anne.token, ids.boards[1], 'ideaB1')).status).toBe(201);
    expect((await place(ids.bjorn.token, ids.boards[0], 'ideaA1')).status).toBe(201);
    expect((await place(ids.bjorn.token, ids.boards[0], 'ideaA2')).status).toBe(201);

    const hidden = await api('GET', vote('/results'), ids.anne.token);
    expect([hidden.status, hidden.body.error]).toEqual([403, 'forbidden']);
    expect((await api('GET', vote('/results'), ids.observer.token)).status).toBe(403);

    const expected = {
      voteId: v.id,
      total: 5,
      boards: [
        {
          boardId: ids.boards[0],
          items: [
            { shapeId: 'ideaA2', text: 'Kortere kø', dots: 3 },
            { shapeId: 'ideaA1', text: 'Digital assistanse', dots: 1 },
          ],
        },
        {
          boardId: ids.boards[1],
          items: [{ shapeId: 'ideaB1', text: 'Felles innbyggertorg', dots: 1 }],
        },
      ],
    };
    const fac = await api('GET', vote('/results'), ids.facilitator);
    expect(fac.status).toBe(200);
    expect(fac.body).toEqual(expected);

    const shown = await api('POST', vote('/results-visible'), ids.facilitator, { show: true });
    expect(shown.status).toBe(200);
    const seen = await api('GET', vote('/results'), ids.anne.token);
    expect([seen.status, seen.body]).toEqual([200, expected]);
    await api('POST', vote('/results-visible'), ids.facilitator, { show: false });
    expect((await api('GET', vote('/results'), ids.anne.token)).status).toBe(403);

    const closed = await api('POST', vote('/close'), ids.facilitator);
    expect(closed.status).toBe(200);
    expect((await api('GET', vote('/results'), ids.observer.token)).body).toEqual(expected);
  });

  it('a closed vote takes no new dots and no removals', async () => {
    const v = await start();
    const a = await place(ids.anne.token, ids.boards[0], 'ideaA1');
    expect(a.status).toBe(201);
    expect((await api('POST', vote('/close'), ids.facilitator)).status).toBe(200);
    const late = await place(ids.anne.token, ids.boards[0], 'ideaA2');
    expect([late.status, late.body.error]).toEqual([409, 'no_vote']);
    const remove = await api(
      'DELETE',
      dots(ids.boards[0], `/${a.body.dotId as string}`),
      ids.anne.token,
    );
    expect([remove.status, remove.body.error]).toEqual([409, 'no_vote']);
    expect(await dotsOf(ids.anne.id, v.id)).toBe(1);
  });

  it('a board outside the vote is 409 no_vote', async () => {
    const r = await api('POST', vote(), ids.facilitator, { boardIds: [ids.boards[0]] });
    expect(r.status).toBe(200);
    const outside = await place(ids.bjorn.token, ids.boards[1], 'ideaB1');
    expect([outside.status, outside.body.error]).toEqual([409, 'no_vote']);
  });
  it("a participant's vote list has the notes of every board of the open vote, for participants only", async () => {
    const v = await start();
    const list = await api('GET', vote('/ballot'), ids.anne.token);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      voteId: v.id,
      boards: [
        {
          boardId: ids.boards[0],
          notes: [
            { shapeId: 'ideaA1', text: 'Digital assistanse' },
            { shapeId: 'ideaA2', text: 'Kortere kø' },
          ],
        },
        { boardId: ids.boards[1], notes: [{ shapeId: 'ideaB1', text: 'Felles innbyggertorg' }] },
      ],
    });
    // A dot from the list is an ordinary dot on the other group's board, under the same rules.
    const other = await place(ids.anne.token, ids.boards[1], 'ideaB1');
    expect(other.status).toBe(201);
    for (const [who, status] of [
      [ids.facilitator, 403],
      [ids.observer.token, 403],
    ] as const)
      expect((await api('GET', vote('/ballot'), who)).status).toBe(status);
    expect((await api('GET', vote('/ballot'), null)).status).toBe(401);
    await api('POST', vote('/close'), ids.facilitator);
    const closed = await api('GET', vote('/ballot'), ids.anne.token);
    expect([closed.status, closed.body.error]).toEqual([409, 'no_vote']);
  });

  it('a new vote waits until the open one is closed', async () => {
    const v = await start();
    const again = await api('POST', vote(), ids.facilitator, { boardIds: ids.boards });
    expect([again.status, again.body.error]).toEqual([409, 'vote_open']);
    const room = await server.registry.acquire(workshopDocId(ids.workshopId));
    expect(readWorkshop(room.doc).vote?.id).toBe(v.id);
    server.registry.release(room);
  });

  it('hidden results are not sent: others see no dots until shown; each reads their own', async () => {
    const v = await start({ dots: 2 });
    const clients: TestClient[] = [];
    const watch = (token: string) => {
      const c = connectClient(server, '', new Y.Doc(), {
        token,
        docId: commentsDocId(ids.boards[0]),
      });
      clients.push(c);
      return c;
    };
    try {
      const bjorn = watch(ids.bjorn.token);
      await waitSynced(bjorn);
      expect((await place(ids.anne.token, ids.boards[0], 'ideaA2')).status).toBe(201);
      expect((await place(ids.anne.token, ids.boards[1], 'ideaB1')).status).toBe(201);
      // A +1 written after the dot arrives after it would have: still no dot for Bjørn.
      const plus = await api(
        'POST',
        `/workshops/${ids.workshopId}/boards/${ids.boards[0]}/reactions`,
        ids.anne.token,
        { shapeId: 'ideaA1' },
      );
      expect(plus.status).toBe(200);
      await waitFor(() => bjorn.doc.getMap('reactions').size === 1, 'the +1 reaches Bjørn');
      expect(readDots(bjorn.doc)).toEqual([]);

      // Anne reads her own two, on both boards; Bjørn has none of his own.
      const mine = await api('GET', vote('/mine'), ids.anne.token);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ voteId: v.id, left: 0 });
      expect((mine.body.dots as { shapeId: string }[]).map((d) => d.shapeId).sort()).toEqual([
        'ideaA2',
        'ideaB1',
      ]);
      expect((await api('GET', vote('/mine'), ids.bjorn.token)).body).toMatchObject({
        left: 2,
        dots: [],
      });

      // Shown: everyone's dots arrive; hidden again: they are taken back.
      await api('POST', vote('/results-visible'), ids.facilitator, { show: true });
      await waitFor(() => readDots(bjorn.doc, v.id).length === 1, 'the shown dot reaches Bjørn');
      expect(readDots(bjorn.doc, v.id)[0]).toMatchObject({
        shapeId: 'ideaA2',
        participantId: ids.anne.id,
      });
      const late = watch(ids.cato.token);
      await waitSynced(late);
      expect(readDots(late.doc, v.id)).toHaveLength(1);
      await api('POST', vote('/results-visible'), ids.facilitator, { show: false });
      await waitFor(() => readDots(bjorn.doc).length === 0, 'the dots are taken back');
      // Closing shows them for good.
      await api('POST', vote('/close'), ids.facilitator);
      await waitFor(() => readDots(bjorn.doc, v.id).length === 1, 'closed: the dots are shown');
    } finally {
      for (const c of clients) c.destroy();
    }
  });
});
