import {
  type Market,
  readWorkshop,
  validatePlan,
  visitingBoard,
  whereIs,
  workshopDocId,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';

let server: RunningServer & { dataDir: string };
let base: string;
const clients: TestClient[] = [];

const api = apiCaller(() => base);

interface Ids {
  workshopId: string;
  facilitator: string;
  groups: [string, string, string];
  phaseId: string;
  boards: [string, string, string];
  anne: { id: string; token: string };
  hanna: { id: string; token: string };
}

/** A workshop of three groups with one phase; Anne and Hanna are in group A. */
async function setUp(): Promise<Ids> {
  const w = await createWorkshop(api, {
    title: 'Torgmøte',
    groups: ['Gruppe A', 'Gruppe B', 'Gruppe C'],
  });
  const { workshopId, facilitator } = w;
  const groups = w.groups as Ids['groups'];
  const anne = await w.join('Anne', 0);
  const hanna = await w.join('Hanna', 0);
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Fremtidsreise',
  });
  expect(phase.status).toBe(201);
  return {
    workshopId,
    facilitator,
    groups,
    phaseId: phase.body.phaseId as string,
    boards: phase.body.boardIds as Ids['boards'],
    anne,
    hanna,
  };
}

let ids: Ids;
const market = (path = '') => `/workshops/${ids.workshopId}/market${path}`;
const command = async (body: unknown) => {
  const r = await api('POST', market('/command'), ids.facilitator, body);
  expect(r.status).toBe(200);
  return r.body.market as Market;
};

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
  ids = await setUp();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('market square setup', () => {
  it('commands before a setup answer 409 no_market', async () => {
    const r = await api('POST', market('/command'), ids.facilitator, { action: 'start' });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('no_market');
  });

  it('round-robin over three groups: two rounds, a valid plan, the phase boards', async () => {
    const r = await api('POST', market(), ids.facilitator, { phaseId: ids.phaseId });
    expect(r.status).toBe(200);
    const m = r.body.market as Market;
    expect(m.plan).toHaveLength(2);
    expect(validatePlan(m.plan, ids.groups)).toEqual([]);
    expect(m.boardIds).toEqual({
      [ids.groups[0]]: ids.boards[0],
      [ids.groups[1]]: ids.boards[1],
      [ids.groups[2]]: ids.boards[2],
    });
    expect(m).toMatchObject({ state: 'setup', round: 0, roundMs: 480_000, endsAt: null });
  });

  it('refuses a plan that sends a group to its own board', async () => {
    const [a, b, c] = ids.groups;
    const r = await api('POST', market(), ids.facilitator, {
      phaseId: ids.phaseId,
      plan: [{ [a]: a, [b]: c, [c]: b }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_plan');
    expect(r.body.message).toContain('own_board');
  });

  it('refuses an unknown phase, an unknown host and a bad round length', async () => {
    const phase = await api('POST', market(), ids.facilitator, { phaseId: 'nosuchphase' });
    expect([phase.status, phase.body.error]).toEqual([400, 'unknown_phase']);
    const host = await api('POST', market(), ids.facilitator, {
      phaseId: ids.phaseId,
      hostIds: ['nosuchperson'],
    });
    expect([host.status, host.body.error]).toEqual([400, 'unknown_participant']);
    const short = await api('POST', market(), ids.facilitator, {
      phaseId: ids.phaseId,
      roundMs: 1000,
    });
    expect(short.status).toBe(400);
  });

  it('one host per group: the group picks its own (or nobody) before the start', async () => {
    const [a, b] = ids.groups;
    const both = await api('POST', market(), ids.facilitator, {
      phaseId: ids.phaseId,
      hostIds: [ids.anne.id, ids.hanna.id],
    });
    expect([both.status, both.body.error]).toEqual([400, 'two_hosts']);
    expect((await api('POST', market(), ids.facilitator, { phaseId: ids.phaseId })).status).toBe(
      200,
    );
    const host = (token: string, groupId: string, participantId: string | null) =>
      api('POST', market('/host'), token, { groupId, participantId });

    // Anne volunteers; then Hanna takes over for the group: still one host.
    let r = await host(ids.anne.token, a, ids.anne.id);
    expect([r.status, (r.body.market as Market).hostIds]).toEqual([200, [ids.anne.id]]);
    r = await host(ids.anne.token, a, ids.hanna.id);
    expect([r.status, (r.body.market as Market).hostIds]).toEqual([200, [ids.hanna.id]]);
    // Not for another group, not someone from another group, not for observers.
    expect((await host(ids.anne.token, b, null)).status).toBe(403);
    expect((await host(ids.facilitator, b, ids.anne.id)).body.error).toBe('unknown_participant');
    expect((await host(ids.anne.token, 'nosuchgroup', null)).status).toBe(404);
    // The facilitator may clear it; once the rounds run, the hosts stay as they are.
    r = await host(ids.facilitator, a, null);
    expect([r.status, (r.body.market as Market).hostIds]).toEqual([200, []]);
    await command({ action: 'start' });
    r = await host(ids.anne.token, a, ids.anne.id);
    expect([r.status, r.body.error]).toEqual([409, 'market_started']);
    await command({ action: 'end' });
  });

  it('participants get 403 and no token 401 on both routes', async () => {
    for (const path of [market(), market('/command')]) {
      const body = path.endsWith('command') ? { action: 'start' } : { phaseId: ids.phaseId };
      expect((await api('POST', path, ids.anne.token, body)).status).toBe(403);
      expect((await api('POST', path, null, body)).status).toBe(401);
    }
  });
});

describe('market square rounds', () => {
  it('start, pause, resume, extend, next and past the last round', async () => {
    const roundMs = 60_000;
    const setup = await api('POST', market(), ids.facilitator, {
      phaseId: ids.phaseId,
      hostIds: [ids.hanna.id],
      roundMs,
    });
    expect(setup.status).toBe(200);

    let before = Date.now();
    let m = await command({ action: 'start' });
    expect(m).toMatchObject({ state: 'running', round: 0, remainingMs: roundMs });
    expect(m.endsAt).toBeGreaterThanOrEqual(before + roundMs);
    expect(m.endsAt).toBeLessThanOrEqual(Date.now() + roundMs);

    const endsAt = m.endsAt ?? 0;
    m = await command({ action: 'pause' });
    expect(m.state).toBe('paused');
    expect(m.endsAt).toBeNull();
    expect(m.remainingMs).toBeGreaterThan(0);
    expect(m.remainingMs).toBeLessThanOrEqual(endsAt - before);

    const left = m.remainingMs;
    m = await command({ action: 'extend', ms: 30_000 });
    expect(m).toMatchObject({ state: 'paused', endsAt: null, remainingMs: left + 30_000 });

    before = Date.now();
    m = await command({ action: 'resume' });
    expect(m.state).toBe('running');
    expect(m.endsAt).toBeGreaterThanOrEqual(before + left + 30_000);
    expect(m.endsAt).toBeLessThanOrEqual(Date.now() + left + 30_000);

    // A new setup while the rounds run would throw everyone back: refused until it ends.
    const again = await api('POST', market(), ids.facilitator, { phaseId: ids.phaseId });
    expect([again.status, again.body.error]).toEqual([409, 'market_running']);

    // The rounds went on untouched.
    const resumedEnd = m.endsAt ?? 0;
    m = await command({ action: 'extend', ms: 60_000 });
    expect(m).toMatchObject({ state: 'running', round: 0, endsAt: resumedEnd + 60_000 });

    before = Date.now();
    m = await command({ action: 'next' });
    expect(m).toMatchObject({ state: 'running', round: 1, remainingMs: roundMs });
    expect(m.endsAt).toBeGreaterThanOrEqual(before + roundMs);
    expect(m.endsAt).toBeLessThanOrEqual(Date.now() + roundMs);

    m = await command({ action: 'next' });
    expect(m).toMatchObject({ state: 'ended', round: 1, endsAt: null, remainingMs: 0 });

    m = await command({ action: 'start' });
    expect(m).toMatchObject({ state: 'running', round: 0 });
    m = await command({ action: 'end' });
    expect(m).toMatchObject({ state: 'ended', endsAt: null });
  });

  it('visitingBoard: group A goes to the board its plan names; a host stays home', async () => {
    await command({ action: 'start' });
    const c = connectClient(server, '', new Y.Doc(), {
      token: ids.anne.token,
      docId: workshopDocId(ids.workshopId),
    });
    clients.push(c);
    await waitSynced(c);
    await waitFor(
      () => readWorkshop(c.doc).market?.state === 'running',
      'the running market reaches the client',
    );
    const state = readWorkshop(c.doc);
    const m = state.market as Market;
    const [a, b] = ids.groups;
    expect(whereIs(m.plan, 0, a)).toBe(b);
    expect(visitingBoard(state, ids.anne.id)).toBe(ids.boards[1]);
    expect(visitingBoard(state, ids.hanna.id)).toBe(ids.boards[0]);
  });

  it('an ended workshop refuses market commands with 409 workshop_ended', async () => {
    expect((await api('POST', `/workshops/${ids.workshopId}/end`, ids.facilitator)).status).toBe(
      200,
    );
    const cmd = await api('POST', market('/command'), ids.facilitator, { action: 'next' });
    expect([cmd.status, cmd.body.error]).toEqual([409, 'workshop_ended']);
    const setup = await api('POST', market(), ids.facilitator, { phaseId: ids.phaseId });
    expect([setup.status, setup.body.error]).toEqual([409, 'workshop_ended']);
  });
});
