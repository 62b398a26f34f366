import { readWorkshop } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  createWorkshop,
  startTestServer,
  type TestClient,
  waitFor,
  watchWorkshop,
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

describe('a new phase that moves everyone (POST /workshops/:id/phases, moveEveryone)', () => {
  it('writes a numbered command with the phase; without it, none', async () => {
    const w = await createWorkshop(api, { title: 'Flytt', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const phases = `/workshops/${w.workshopId}/phases`;
    const c = await watchWorkshop(server, w.workshopId, anne.token, clients);

    const still = await api('POST', phases, w.facilitator, { name: 'Uten flytting' });
    expect(still.status).toBe(201);
    await waitFor(() => readWorkshop(c.doc).phases.length === 1, 'the phase arrives');
    expect(readWorkshop(c.doc).phaseMove).toBeNull();

    for (const [n, name] of [
      [1, 'Brukerreise'],
      [2, 'Tiltak'],
    ] as const) {
      const r = await api('POST', phases, w.facilitator, { name, moveEveryone: true });
      expect(r.status).toBe(201);
      await waitFor(() => readWorkshop(c.doc).phaseMove?.seq === n, `move ${n} arrives`);
      expect(readWorkshop(c.doc).phaseMove?.phaseId).toBe(r.body.phaseId);
    }
  });

  it('only a facilitator, only a boolean; refused while a market square runs, changing nothing', async () => {
    const w = await createWorkshop(api, { title: 'Nei', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const phases = `/workshops/${w.workshopId}/phases`;
    const asAnne = await api('POST', phases, anne.token, { name: 'Min', moveEveryone: true });
    expect(asAnne.status).toBe(403);
    const notBool = await api('POST', phases, w.facilitator, { name: 'X', moveEveryone: 'yes' });
    expect(notBool.status).toBe(400);

    const first = await api('POST', phases, w.facilitator, { name: 'Fremtidsreise' });
    expect(first.status).toBe(201);
    const market = `/workshops/${w.workshopId}/market`;
    expect((await api('POST', market, w.facilitator, { phaseId: first.body.phaseId })).status).toBe(
      200,
    );
    const start = await api('POST', `${market}/command`, w.facilitator, { action: 'start' });
    expect(start.status).toBe(200);
    const during = await api('POST', phases, w.facilitator, { name: 'Midt i', moveEveryone: true });
    expect(during.status).toBe(409);
    expect(during.body.error).toBe('market_running');
    // Without moving anyone, a phase can still be made during the market.
    const quiet = await api('POST', phases, w.facilitator, { name: 'Stille', moveEveryone: false });
    expect(quiet.status).toBe(201);

    const c = await watchWorkshop(server, w.workshopId, anne.token, clients);
    const state = readWorkshop(c.doc);
    expect(state.phases.map((p) => p.name)).toEqual(['Fremtidsreise', 'Stille']);
    expect(state.phaseMove).toBeNull();
  });
});
