import { type AgendaPlan, readAgenda, readWorkshop } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { liveSource } from '../src/export/source.js';
import { produceWorkshopExport } from '../src/export/workshop.js';
import { createWorkshop, waitFor, watchWorkshop } from './helpers.js';
import { sqliteServerPerFile } from './sqlite-server.js';

const t = sqliteServerPerFile();
const { api, clients } = t;

/** A morning: welcome, the future journey in groups, the market square, a vote, a break. */
const morning: AgendaPlan = {
  dayStart: '09:00',
  steps: [
    { id: 'welcome1', kind: 'text', title: 'Velkommen', minutes: 15, skipped: false },
    {
      id: 'journey1',
      kind: 'phase',
      title: 'Fremtidsreise',
      minutes: 60,
      template: 'future',
      skipped: false,
    },
    { id: 'market01', kind: 'market', title: 'Torgmøte', minutes: 30, skipped: false },
    { id: 'vote0001', kind: 'vote', title: 'Prioritering', minutes: 10, skipped: false },
    { id: 'break001', kind: 'break', title: 'Pause', minutes: 15, skipped: false },
  ],
};

describe('the plan of the day drives the gathering', () => {
  it('"Start neste steg" does what each step needs, and everyone sees the plan move', async () => {
    const w = await createWorkshop(api, { title: 'Kjøreplan', groups: ['Nord', 'Sør', 'Øst'] });
    const anne = await w.join('Anne', 0);
    const c = await watchWorkshop(t.server, w.workshopId, anne.token, clients);
    const agenda = `/workshops/${w.workshopId}/agenda`;
    const next = async (currentId: string | null) =>
      api('POST', `${agenda}/next`, w.facilitator, { currentId });

    expect((await api('PUT', agenda, w.facilitator, morning)).status).toBe(200);
    await waitFor(() => readAgenda(c.doc).steps.length === 5, 'the plan arrives');

    // Welcome: the step's countdown runs.
    expect((await next(null)).status).toBe(200);
    await waitFor(() => readAgenda(c.doc).currentId === 'welcome1', 'welcome runs');
    expect(readWorkshop(c.doc).timer).toMatchObject({ state: 'running', durationMs: 15 * 60_000 });

    // The journey: a phase from the template, everyone moved, the plan remembers the phase.
    expect((await next('welcome1')).status).toBe(200);
    // The move and the plan's record of it are two changes of the workshop document, stored
    // one after the other: both arrive.
    await waitFor(
      () => readWorkshop(c.doc).phaseMove?.seq === 1 && readAgenda(c.doc).currentId === 'journey1',
      'everyone is moved and the plan shows it',
    );
    const state = readWorkshop(c.doc);
    const phase = state.phases.find((p) => p.name === 'Fremtidsreise');
    expect(phase?.template).toBe('future');
    expect(state.boards.filter((b) => b.phaseId === phase?.id)).toHaveLength(3);
    expect(readAgenda(c.doc).steps[1]?.phaseId).toBe(phase?.id);
    expect(readAgenda(c.doc).steps[0]?.endedAt).not.toBeNull();

    // The market square on that phase: set up and started, its 30 minutes shared by 2 rounds.
    expect((await next('journey1')).status).toBe(200);
    await waitFor(() => readWorkshop(c.doc).market?.state === 'running', 'the market runs');
    expect(readWorkshop(c.doc).market).toMatchObject({ phaseId: phase?.id, roundMs: 15 * 60_000 });

    // The vote: the market ends, a vote opens on the phase's boards.
    expect((await next('market01')).status).toBe(200);
    await waitFor(() => readWorkshop(c.doc).vote?.state === 'open', 'the vote opens');
    expect(readWorkshop(c.doc).market?.state).toBe('ended');
    expect(readWorkshop(c.doc).vote?.boardIds).toHaveLength(3);

    // The break: the vote closes, the break's countdown runs.
    expect((await next('vote0001')).status).toBe(200);
    await waitFor(() => readAgenda(c.doc).currentId === 'break001', 'the break runs');
    expect(readWorkshop(c.doc).vote?.state).toBe('closed');
    expect(readWorkshop(c.doc).timer.durationMs).toBe(15 * 60_000);

    // Nothing left to start; the day ends.
    expect((await next('break001')).body.error).toBe('no_next_step');
    expect((await api('POST', `${agenda}/end`, w.facilitator)).status).toBe(200);
    await waitFor(() => readAgenda(c.doc).currentId === null, 'the day has ended');
    expect(readAgenda(c.doc).steps.every((s) => s.startedAt && s.endedAt)).toBe(true);

    // The report lists the plan, planned against actual times.
    const md = await produceWorkshopExport(liveSource(t.server.registry, t.storage), w.workshopId, {
      format: 'md',
      anonymise: false,
      locale: 'nb',
    });
    const text = new TextDecoder().decode(md.bytes);
    expect(text).toContain('Kjøreplan: planlagt og faktisk');
    // (Markdown escapes the full stop of a line's leading number: "09\.00".)
    expect(text).toMatch(/09\\?\.00 Velkommen \(15 min\): startet \d\d\.\d\d, ferdig \d\d\.\d\d/);
    expect(text).toMatch(/10\\?\.45 Prioritering \(10 min\): startet/);
  });

  it('a second click on the same screen starts no second step', async () => {
    const w = await createWorkshop(api, { title: 'Dobbeltklikk', groups: ['A', 'B'] });
    const agenda = `/workshops/${w.workshopId}/agenda`;
    await api('PUT', agenda, w.facilitator, morning);
    const [one, two] = await Promise.all([
      api('POST', `${agenda}/next`, w.facilitator, { currentId: null }),
      api('POST', `${agenda}/next`, w.facilitator, { currentId: null }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const state = await t.server.service.state(w.workshopId);
    expect(state.phases).toHaveLength(0);
  });

  it('re-timed, reordered and skipped while the day runs; what happened stays', async () => {
    const w = await createWorkshop(api, { title: 'Omplanlegging', groups: ['A', 'B'] });
    const agenda = `/workshops/${w.workshopId}/agenda`;
    await api('PUT', agenda, w.facilitator, morning);
    await api('POST', `${agenda}/next`, w.facilitator, { currentId: null });
    const [welcome, journey, market, vote, pause] = morning.steps;
    if (!welcome || !journey || !market || !vote || !pause) throw new Error('plan');
    // The break first, the market skipped, the vote longer.
    const edited = await api('PUT', agenda, w.facilitator, {
      dayStart: '09:00',
      steps: [welcome, pause, journey, { ...market, skipped: true }, { ...vote, minutes: 20 }],
    });
    expect(edited.status).toBe(200);
    const plan = (edited.body as { agenda: { steps: { id: string; startedAt: number | null }[] } })
      .agenda;
    expect(plan.steps.map((s) => s.id)).toEqual([
      'welcome1',
      'break001',
      'journey1',
      'market01',
      'vote0001',
    ]);
    expect(plan.steps[0]?.startedAt).not.toBeNull();
    // Dropping the started step is refused and changes nothing.
    const dropped = await api('PUT', agenda, w.facilitator, { dayStart: '09:00', steps: [pause] });
    expect(dropped.status).toBe(409);
    const doc = await t.server.service.docs.change(w.workshopId, (d) => readAgenda(d));
    expect(doc.steps).toHaveLength(5);
  });

  it('only the facilitator plans and starts; a bad plan is refused and stores nothing', async () => {
    const w = await createWorkshop(api, { title: 'Tilgang', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const agenda = `/workshops/${w.workshopId}/agenda`;
    expect((await api('PUT', agenda, anne.token, morning)).status).toBe(403);
    expect((await api('POST', `${agenda}/next`, anne.token, { currentId: null })).status).toBe(403);
    const tooMany = Array.from({ length: 41 }, (_, i) => ({
      id: `step${i}x`,
      kind: 'text',
      title: `Steg ${i}`,
      minutes: 5,
    }));
    for (const bad of [
      { dayStart: '9', steps: [] },
      { dayStart: '09:00', steps: tooMany },
      { dayStart: '09:00', steps: [{ ...morning.steps[0], minutes: 0 }] },
      { dayStart: '09:00', steps: [{ ...morning.steps[0], kind: 'dance' }] },
      { dayStart: '09:00', steps: [{ ...morning.steps[0], title: 'x'.repeat(121) }] },
    ])
      expect((await api('PUT', agenda, w.facilitator, bad)).status).toBe(400);
    const stored = await t.server.service.docs.change(w.workshopId, (d) => readAgenda(d));
    expect(stored.steps).toHaveLength(0);
  });

  it('a plan is kept as a gathering template and used again in the owner’s next gathering', async () => {
    const first = await createWorkshop(api, { title: 'Samling 1', groups: ['A', 'B'] });
    const anne = await first.join('Anne', 0);
    const keep = `/workshops/${first.workshopId}/agenda/template`;
    // Nothing planned yet: nothing to keep.
    expect((await api('POST', keep, first.facilitator, { name: 'Tom' })).status).toBe(409);
    await api('PUT', `/workshops/${first.workshopId}/agenda`, first.facilitator, morning);
    expect((await api('POST', keep, anne.token, { name: 'Dagen' })).status).toBe(403);
    expect((await api('POST', keep, first.facilitator, { name: '' })).status).toBe(400);
    const saved = await api('POST', keep, first.facilitator, { name: 'Samlingsdag' });
    expect(saved.status).toBe(201);
    const templateId = String(saved.body.templateId);

    // The next gathering (same owner) lists it as a gathering's template with its five steps.
    const second = await createWorkshop(api, { title: 'Samling 2', groups: ['A', 'B'] });
    const list = (await api('GET', '/templates', second.facilitator)).body as unknown as {
      id: string;
      kind: string;
      steps: number;
    }[];
    expect(list.find((t) => t.id === templateId)).toMatchObject({ kind: 'gathering', steps: 5 });
    const got = (await api('GET', `/templates/${templateId}`, second.facilitator))
      .body as unknown as {
      plan: { dayStart: string; steps: { title: string; template?: string }[] };
    };
    expect(got.plan.dayStart).toBe('09:00');
    expect(got.plan.steps.map((s) => s.title)).toEqual(morning.steps.map((s) => s.title));
    expect(got.plan.steps[1]?.template).toBe('future');
    // It is a day, not a board: no phase starts from it.
    const phase = await api('POST', `/workshops/${second.workshopId}/phases`, second.facilitator, {
      name: 'Fra dagsplanen',
      template: `saved:${templateId}`,
    });
    expect(phase.status).toBe(400);
  });
});
