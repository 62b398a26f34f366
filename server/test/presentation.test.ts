import { type AgendaPlan, readWorkshop } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  createWorkshop,
  startTestServer,
  type TestClient,
  tempDataDir,
  waitFor,
  watchWorkshop,
} from './helpers.js';

let server: RunningServer & { dataDir: string };
let base: string;
const clients: TestClient[] = [];
const api = apiCaller(() => base);

beforeAll(async () => {
  server = await startTestServer({ dataDir: tempDataDir() });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** A gathering with a group phase: a board per group. */
async function gathering(title: string) {
  const w = await createWorkshop(api, { title, groups: ['Nord', 'Sør', 'Øst'] });
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
    name: 'Fremtidsreise',
    template: 'blank',
  });
  expect(phase.status).toBe(201);
  return w;
}

describe('presentation mode', () => {
  it('the facilitator presents a group’s board; its members step the sections, no one else', async () => {
    const w = await gathering('Presentasjon');
    const [nord, sor, observer] = [
      await w.join('Nora', 0),
      await w.join('Sindre', 1),
      await w.join('Olav', 'observer'),
    ];
    const c = await watchWorkshop(server, w.workshopId, sor.token, clients);
    const url = `/workshops/${w.workshopId}/presentation`;
    const nordBoard = readWorkshop(c.doc).boards.find((b) => b.groupId === w.groups[0]);
    if (!nordBoard) throw new Error('no board for Nord');

    // Nothing presented: no section to show.
    const nothing = await api('POST', `${url}/section`, nord.token, { seq: 1, frameId: null });
    expect([nothing.status, nothing.body.error]).toEqual([409, 'no_presentation']);
    // Only the facilitator presents.
    expect((await api('POST', url, nord.token, { boardId: nordBoard.id })).status).toBe(403);
    expect((await api('POST', url, w.facilitator, { boardId: 'nosuchboard' })).status).toBe(404);
    const started = await api('POST', url, w.facilitator, { boardId: nordBoard.id });
    expect(started.status).toBe(200);
    await waitFor(() => readWorkshop(c.doc).presentation?.boardId === nordBoard.id, 'presented');
    const shown = readWorkshop(c.doc).presentation;
    expect(shown).toMatchObject({ groupId: w.groups[0], frameId: null, round: null });
    const seq = shown?.seq ?? 0;

    // Another group's member and an observer may not step; a refusal changes nothing.
    for (const who of [sor, observer]) {
      const r = await api('POST', `${url}/section`, who.token, { seq, frameId: 'frame001' });
      expect(r.status).toBe(403);
    }
    // Nord's member steps to a section; a click on the old view moves nothing.
    expect(
      (await api('POST', `${url}/section`, nord.token, { seq, frameId: 'frame001' })).status,
    ).toBe(200);
    await waitFor(() => readWorkshop(c.doc).presentation?.frameId === 'frame001', 'next section');
    const stale = await api('POST', `${url}/section`, nord.token, { seq, frameId: 'frame002' });
    expect([stale.status, stale.body.error]).toEqual([409, 'presentation_moved']);
    expect(readWorkshop(c.doc).presentation).toMatchObject({ frameId: 'frame001', seq: seq + 1 });
    // The facilitator steps too; then ends it, and everyone's view is their own again.
    expect(
      (await api('POST', `${url}/section`, w.facilitator, { seq: seq + 1, frameId: null })).status,
    ).toBe(200);
    expect((await api('DELETE', url, nord.token)).status).toBe(403);
    expect((await api('DELETE', url, w.facilitator)).status).toBe(204);
    await waitFor(() => readWorkshop(c.doc).presentation === null, 'ended');
  });

  it('a presenter clicking in a loop is slowed down; what was refused changed nothing', async () => {
    const w = await gathering('Klikk');
    const url = `/workshops/${w.workshopId}/presentation`;
    const c = await watchWorkshop(server, w.workshopId, w.facilitator, clients);
    const board = readWorkshop(c.doc).boards[0];
    const first = await api('POST', url, w.facilitator, { boardId: board?.id });
    let seq = first.body.presentation as { seq: number };
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const r = await api('POST', `${url}/section`, w.facilitator, {
        seq: seq.seq,
        frameId: i % 2 ? 'frame001' : null,
      });
      if (r.status === 200) {
        accepted++;
        seq = r.body.presentation as { seq: number };
      } else {
        expect([r.status, r.body.error]).toEqual([429, 'too_fast']);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    await waitFor(() => readWorkshop(c.doc).presentation?.seq === seq.seq, 'caught up');
    // The burst went through (20 clicks), then the clicks were refused, not queued.
    expect(accepted).toBeGreaterThanOrEqual(20);
  });

  it('"Presentasjonsrunde" walks through the groups in turn, each with its own countdown', async () => {
    const w = await createWorkshop(api, { title: 'Runde', groups: ['Nord', 'Sør'] });
    const anne = await w.join('Anne', 1);
    const c = await watchWorkshop(server, w.workshopId, anne.token, clients);
    const agenda = `/workshops/${w.workshopId}/agenda`;
    const plan: AgendaPlan = {
      dayStart: '09:00',
      steps: [
        { id: 'journey1', kind: 'phase', title: 'Reisen', minutes: 30, skipped: false },
        { id: 'present1', kind: 'presentations', title: 'Fremlegg', minutes: 20, skipped: false },
        { id: 'break001', kind: 'break', title: 'Pause', minutes: 10, skipped: false },
      ],
    };
    expect((await api('PUT', agenda, w.facilitator, plan)).status).toBe(200);
    expect((await api('POST', `${agenda}/next`, w.facilitator, { currentId: null })).status).toBe(
      200,
    );
    expect(
      (await api('POST', `${agenda}/next`, w.facilitator, { currentId: 'journey1' })).status,
    ).toBe(200);
    await waitFor(() => readWorkshop(c.doc).presentation?.round != null, 'the round begins');
    const state = readWorkshop(c.doc);
    const boardOf = (g: number) =>
      state.boards.find((b) => b.groupId === w.groups[g] && b.phaseId === state.phases[0]?.id)?.id;
    expect(state.presentation).toMatchObject({
      boardId: boardOf(0),
      groupId: w.groups[0],
      round: { turn: 0, turnMs: 10 * 60_000 },
    });
    expect(state.timer).toMatchObject({ state: 'running', durationMs: 10 * 60_000 });

    // Next group: Sør's board, its own ten minutes.
    const url = `/workshops/${w.workshopId}/presentation/next`;
    expect((await api('POST', url, anne.token)).status).toBe(403);
    expect((await api('POST', url, w.facilitator)).status).toBe(200);
    await waitFor(() => readWorkshop(c.doc).presentation?.round?.turn === 1, 'Sør presents');
    expect(readWorkshop(c.doc).presentation?.boardId).toBe(boardOf(1));

    // The next step of the day ends the round.
    expect(
      (await api('POST', `${agenda}/next`, w.facilitator, { currentId: 'present1' })).status,
    ).toBe(200);
    await waitFor(() => readWorkshop(c.doc).presentation === null, 'the round is over');
    // With no round running, "next group" is refused.
    const none = await api('POST', url, w.facilitator);
    expect([none.status, none.body.error]).toEqual([409, 'no_presentation_round']);
  });
});

describe('the screen in the room', () => {
  it('one read-only observer per gathering that, alone with the facilitators, sees the join code', async () => {
    const w = await createWorkshop(api, { title: 'Storskjerm', groups: ['Nord', 'Sør'] });
    const url = `/workshops/${w.workshopId}/screen`;
    const anne = await w.join('Anne', 0);
    const olav = await w.join('Olav', 'observer');
    expect((await api('POST', url, anne.token)).status).toBe(403);
    const first = await api('POST', url, w.facilitator);
    const again = await api('POST', url, w.facilitator);
    expect([first.status, again.status]).toEqual([200, 200]);
    const screen = String(first.body.token);
    const c = await watchWorkshop(server, w.workshopId, screen, clients);
    const screens = readWorkshop(c.doc).participants.filter((p) => p.name === 'Storskjerm');
    expect(screens).toEqual([expect.objectContaining({ role: 'observer', groupId: null })]);

    // The join code: for the screen and the facilitator, not for other members.
    const codes = await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator);
    const join = await api('GET', `${url}/join`, screen);
    expect(join.body).toEqual({ joinCode: codes.body.joinCode, joinOpen: true });
    for (const who of [anne.token, olav.token])
      expect((await api('GET', `${url}/join`, who)).status).toBe(403);
    // Read-only: it changes nothing.
    const board = readWorkshop(c.doc).boards[0]?.id ?? 'none';
    expect(
      (await api('POST', `/workshops/${w.workshopId}/presentation`, screen, { boardId: board }))
        .status,
    ).toBe(403);
    expect(
      (await api('POST', `/workshops/${w.workshopId}/agenda/next`, screen, { currentId: null }))
        .status,
    ).toBe(403);
  });
});
