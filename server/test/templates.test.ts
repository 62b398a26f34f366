import { NAME_MAX, ORIGIN_LOCAL, type Shape, shapeText, writeShapes } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
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

const SECRET = 'templates-test-secret-0123456789abcdef';
const dataDir = tempDataDir();
let server: RunningServer & { dataDir: string };
let base: string;
const clients: TestClient[] = [];

type Json = Record<string, unknown>;

const api = apiCaller(() => base);

interface Workshop {
  workshopId: string;
  facilitator: string;
  participant: string;
}

async function newWorkshop(groups = ['Gruppe A', 'Gruppe B']): Promise<Workshop> {
  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: 'Fremtidsverksted',
    date: '2027-03-01',
    groups,
    facilitatorName: 'Fasilitator',
  });
  expect(created.status).toBe(201);
  const joined = await api('POST', '/join', null, {
    code: created.body.joinCode,
    name: 'Deltaker',
  });
  expect(joined.status).toBe(201);
  return {
    workshopId: created.body.workshopId as string,
    facilitator: created.body.token as string,
    participant: joined.body.token as string,
  };
}

async function phase(w: Workshop, body: Json) {
  return api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, body);
}

async function boardShapes(boardId: string, token: string): Promise<Shape[]> {
  const r = await api('GET', `/boards/${boardId}`, token);
  expect(r.status).toBe(200);
  return r.body.shapes as Shape[];
}

async function phaseCount(w: Workshop): Promise<number> {
  return (await server.service.state(w.workshopId)).phases.length;
}

async function start(): Promise<void> {
  server = await startTestServer({ dataDir, secret: SECRET });
  base = `http://127.0.0.1:${server.port}`;
}

beforeAll(start);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('phases from builtin templates', () => {
  it('a future journey 2027 → 2040 fills every group board with its own objects', async () => {
    const w = await newWorkshop(['A', 'B', 'C']);
    const r = await phase(w, {
      name: 'Fremtidsreise',
      template: 'future',
      options: { firstYear: 2027, horizonYear: 2040 },
    });
    expect(r.status).toBe(201);
    const boardIds = r.body.boardIds as string[];
    expect(boardIds).toHaveLength(3);
    const seen = new Set<string>();
    for (const id of boardIds) {
      const shapes = await boardShapes(id, w.facilitator);
      const frames = shapes.filter((s) => s.type === 'frame');
      expect(frames.some((f) => f.section === 'future.trends')).toBe(true);
      expect(shapes.some((s) => s.type === 'text' && s.text === '2040')).toBe(true);
      expect(shapes.some((s) => s.type === 'text' && s.text === '2027')).toBe(true);
      // One fresh set per board: no object id is shared between boards.
      for (const s of shapes) {
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
    }
    const state = await server.service.state(w.workshopId);
    for (const id of boardIds)
      expect(state.boards.find((b) => b.id === id)?.template).toBe('future');
  });

  it('writes the template’s texts in the gathering’s written language', async () => {
    const w = await newWorkshop();
    const section = async () => {
      const r = await phase(w, { name: 'Reise', template: 'future' });
      const [first] = r.body.boardIds as string[];
      const shapes = await boardShapes(first ?? '', w.facilitator);
      const frame = shapes.find((s) => s.type === 'frame' && s.section === 'future.meaning');
      return frame ? shapeText(frame) : '';
    };
    expect(await section()).toBe('Hva betyr det for oss?');
    const set = await api('PATCH', `/workshops/${w.workshopId}/locale`, w.facilitator, {
      locale: 'nn',
    });
    expect(set.status).toBe(200);
    expect(await section()).toBe('Kva betyr det for oss?');
  });

  it('blank (named or by default) leaves the boards empty', async () => {
    const w = await newWorkshop();
    const named = await phase(w, { name: 'Tom', template: 'blank' });
    const plain = await phase(w, { name: 'Plenum', plenary: true });
    expect([named.status, plain.status]).toEqual([201, 201]);
    const ids = [...(named.body.boardIds as string[]), ...(plain.body.boardIds as string[])];
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(await boardShapes(id, w.facilitator)).toEqual([]);
  });

  it('a phase and group name at their longest still give every group a board, named within the limit', async () => {
    const group = 'G'.repeat(NAME_MAX);
    const w = await newWorkshop(['Gruppe A', group]);
    const r = await phase(w, { name: 'Fase '.repeat(16).trim(), template: 'blank' });
    expect(r.status).toBe(201);
    const state = await server.service.state(w.workshopId);
    const boards = state.boards.filter((b) => (r.body.boardIds as string[]).includes(b.id));
    expect(boards).toHaveLength(2);
    for (const b of boards) {
      expect(b.name.length).toBeLessThanOrEqual(NAME_MAX);
      expect(b.name.startsWith('Fase Fase')).toBe(true);
    }
  });

  it('an unknown template is 400 unknown_template and creates nothing', async () => {
    const w = await newWorkshop();
    for (const template of ['nope', 'saved:', 'saved:doesnotexist', 'saved:../x']) {
      const r = await phase(w, { name: 'Feil', template });
      expect(r.status, template).toBe(400);
      expect(r.body.error, template).toBe('unknown_template');
    }
    expect(await phaseCount(w)).toBe(0);
  });

  it('bad options are 400 invalid_body and create nothing', async () => {
    const w = await newWorkshop();
    for (const options of [
      { firstYear: 2040, horizonYear: 2030 },
      { steps: 9 },
      { firstYear: 1200 },
      { firstYear: 2027.5 },
      'i morgen',
      null,
    ]) {
      const r = await phase(w, { name: 'Feil', template: 'future', options });
      expect(r.status, JSON.stringify(options)).toBe(400);
      expect(r.body.error, JSON.stringify(options)).toBe('invalid_body');
      expect(r.body.message as string).toMatch(/^options/);
    }
    expect(await phaseCount(w)).toBe(0);
  });
});

describe('saved templates', () => {
  let templateId: string;
  let original: Shape[];

  it('a board saved as a template survives a restart and fills boards of a new workshop', async () => {
    const w = await newWorkshop();
    const r = await phase(w, { name: 'Innsikt', template: 'blank' });
    const boardId = (r.body.boardIds as string[])[0] ?? '';
    const client = connectClient(server, boardId, new Y.Doc(), { token: w.facilitator });
    clients.push(client);
    await waitSynced(client);
    writeShapes(
      client.doc,
      [
        sticky('stickyone', 'Eldre bor lenger hjemme'),
        sticky('stickytwo', 'Mangel på sykepleiere'),
      ],
      ORIGIN_LOCAL,
    );
    await waitFor(
      async () => (await boardShapes(boardId, w.facilitator)).length === 2,
      'the stickies reach the server',
    );
    original = await boardShapes(boardId, w.facilitator);

    const saved = await api('POST', `/workshops/${w.workshopId}/templates`, w.facilitator, {
      boardId,
      name: 'Våre innsikter',
    });
    expect(saved.status).toBe(201);
    templateId = saved.body.templateId as string;
    expect(typeof templateId).toBe('string');

    const got = await api('GET', `/templates/${templateId}`, w.facilitator);
    expect(got.status).toBe(200);
    expect(got.body.name).toBe('Våre innsikter');
    expect((got.body.shapes as Shape[]).map(shapeText).sort()).toEqual(
      original.map(shapeText).sort(),
    );

    client.destroy();
    await server.close();
    await start();

    const other = await newWorkshop(['X', 'Y']);
    const list = await api('GET', '/templates', other.facilitator);
    expect(list.status).toBe(200);
    expect(list.body as unknown as Json[]).toContainEqual(
      expect.objectContaining({ id: templateId, name: 'Våre innsikter', objects: 2 }),
    );
    const used = await phase(other, { name: 'Gjenbruk', template: `saved:${templateId}` });
    expect(used.status).toBe(201);
    const boardIds = used.body.boardIds as string[];
    expect(boardIds).toHaveLength(2);
    const oldIds = new Set(original.map((s) => s.id));
    const seen = new Set<string>();
    for (const id of boardIds) {
      const shapes = await boardShapes(id, other.facilitator);
      expect(shapes.map(shapeText).sort()).toEqual(original.map(shapeText).sort());
      for (const s of shapes) {
        expect(oldIds.has(s.id)).toBe(false);
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
    }
    const state = await server.service.state(other.workshopId);
    expect(state.boards.find((b) => b.id === boardIds[0])?.template).toBe(`saved:${templateId}`);
  });

  it('only boards of the caller’s own workshop can be saved', async () => {
    const mine = await newWorkshop();
    const theirs = await newWorkshop();
    const r = await phase(theirs, { name: 'Hemmelig' });
    const foreignBoard = (r.body.boardIds as string[])[0];
    for (const boardId of [foreignBoard, 'noboardhere', '../../etc']) {
      const s = await api('POST', `/workshops/${mine.workshopId}/templates`, mine.facilitator, {
        boardId,
        name: 'Stjålet',
      });
      expect(s.status, boardId).toBe(boardId === '../../etc' ? 400 : 404);
    }
  });

  it('templates can be renamed and deleted; names are 1–80 characters', async () => {
    const w = await newWorkshop();
    const path = `/templates/${templateId}`;
    expect((await api('PATCH', path, w.facilitator, { name: 'Innsikter 2027' })).status).toBe(200);
    expect((await api('GET', path, w.facilitator)).body.name).toBe('Innsikter 2027');
    for (const name of ['', '   ', 'x'.repeat(81)])
      expect((await api('PATCH', path, w.facilitator, { name })).status).toBe(400);
    expect(
      (
        await api('POST', `/workshops/${w.workshopId}/templates`, w.facilitator, {
          boardId: 'noboardhere',
          name: 'x'.repeat(81),
        })
      ).status,
    ).toBe(400);
    expect((await api('PATCH', '/templates/unknownone', w.facilitator, { name: 'x' })).status).toBe(
      404,
    );

    expect((await api('DELETE', path, w.facilitator)).status).toBe(204);
    expect((await api('GET', path, w.facilitator)).status).toBe(404);
    expect((await api('DELETE', path, w.facilitator)).status).toBe(404);
    const list = (await api('GET', '/templates', w.facilitator)).body as unknown as Json[];
    expect(list.some((t) => t.id === templateId)).toBe(false);
    const r = await phase(w, { name: 'Borte', template: `saved:${templateId}` });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('unknown_template');
  });
});

describe('template permissions', () => {
  it('participants get 403 and requests without a token 401 on every template route', async () => {
    const w = await newWorkshop();
    const r = await phase(w, { name: 'Tavle' });
    const boardId = (r.body.boardIds as string[])[0];
    const saved = await api('POST', `/workshops/${w.workshopId}/templates`, w.facilitator, {
      boardId,
      name: 'Mal',
    });
    expect(saved.status).toBe(201);
    const id = saved.body.templateId as string;
    const routes: [string, string, unknown][] = [
      ['POST', `/workshops/${w.workshopId}/templates`, { boardId, name: 'Kopi' }],
      ['GET', '/templates', undefined],
      ['GET', `/templates/${id}`, undefined],
      ['PATCH', `/templates/${id}`, { name: 'Kapret' }],
      ['DELETE', `/templates/${id}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      expect((await api(method, path, w.participant, body)).status, `${method} ${path}`).toBe(403);
      expect((await api(method, path, null, body)).status, `${method} ${path}`).toBe(401);
    }
    const other = await newWorkshop();
    expect(
      (
        await api('POST', `/workshops/${w.workshopId}/templates`, other.facilitator, {
          boardId,
          name: 'Kopi',
        })
      ).status,
    ).toBe(403);
    const kept = await api('GET', `/templates/${id}`, w.facilitator);
    expect(kept.body.name).toBe('Mal');
    // Any facilitator of the server may use the library.
    expect((await api('GET', `/templates/${id}`, other.facilitator)).status).toBe(200);
  });
});
