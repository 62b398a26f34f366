import { boardDocId, readAllShapes, type Shape, type Sticky, writeShapes } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';

let server: RunningServer & { dataDir: string };
let base: string;
const clients: TestClient[] = [];
const api = apiCaller(() => base);
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  server = await startTestServer({ dataDir: tempDataDir() });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** A gathering with a goals board per group. */
async function gathering(title: string) {
  const w = await createWorkshop(api, { title, groups: ['Nord', 'Sør'] });
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
    name: 'Mål og tiltak',
    template: 'goals',
  });
  expect(phase.status).toBe(201);
  return { ...w, boardIds: phase.body.boardIds as string[] };
}

/** A board's document as a member's browser holds it (to write notes as a group would). */
async function boardOf(boardId: string, token: string): Promise<TestClient> {
  const c = connectClient(server, '', new Y.Doc(), { token, docId: boardDocId(boardId) });
  clients.push(c);
  await waitSynced(c);
  return c;
}

/** An input round with the default stakeholders; its id and the stakeholder ids by label. */
async function openRound(workshopId: string, token: string, question: string) {
  const r = await api('POST', `/workshops/${workshopId}/rounds`, token, {
    question,
    closesAt: Date.now() + 7 * DAY,
  });
  expect(r.status).toBe(201);
  const stakeholders = r.body.stakeholders as { id: string; label: string; color: string }[];
  return { roundId: r.body.id as string, byLabel: new Map(stakeholders.map((s) => [s.label, s])) };
}

describe('a series of gatherings', () => {
  it('the facilitator makes a series, gives an assignment and adds the next gathering with boards brought forward', async () => {
    const first = await gathering('Samling 1');
    const nora = await first.join('Nora', 0);
    const url = `/workshops/${first.workshopId}`;
    // Only a facilitator makes a series; a refusal stores nothing.
    expect(
      (await api('POST', `${url}/series`, nora.token, { name: 'Lederutvikling' })).status,
    ).toBe(403);
    expect((await api('GET', `${url}/series`, first.facilitator)).body.error).toBe('no_series');
    const made = await api('POST', `${url}/series`, first.facilitator, { name: 'Lederutvikling' });
    expect(made.status).toBe(201);
    const again = await api('POST', `${url}/series`, first.facilitator, { name: 'Annen' });
    expect([again.status, again.body.error]).toEqual([409, 'in_series']);

    // A note on Nord's goals board, to be brought forward.
    const board = await boardOf(first.boardIds[0] as string, nora.token);
    writeShapes(board.doc, [sticky('measure1', 'Fast kontaktperson')], { source: 'local' });
    await waitFor(async () => {
      const seen = await api('GET', `/boards/${first.boardIds[0]}`, first.facilitator);
      return JSON.stringify(seen.body).includes('Fast kontaktperson');
    }, 'note stored');

    const assignment = 'Snakk med tre brukere før neste samling.';
    expect((await api('PUT', `${url}/assignment`, nora.token, { text: assignment })).status).toBe(
      403,
    );
    expect(
      (await api('PUT', `${url}/assignment`, first.facilitator, { text: assignment })).status,
    ).toBe(200);

    // The next gathering: a board of another gathering outside the series is refused, nothing made.
    const stranger = await gathering('Utenfor');
    const refused = await api('POST', `${url}/series/next`, first.facilitator, {
      title: 'Samling 2',
      date: '2027-01-20',
      boardIds: [stranger.boardIds[0]],
      facilitatorName: 'Fasilitator',
    });
    expect(refused.status).toBe(404);
    expect((await api('GET', `${url}/series`, first.facilitator)).body.gatherings).toHaveLength(1);

    const next = await api('POST', `${url}/series/next`, first.facilitator, {
      title: 'Samling 2',
      date: '2027-01-20',
      boardIds: [first.boardIds[0]],
      facilitatorName: 'Fasilitator',
    });
    expect(next.status).toBe(201);
    const second = next.body as { workshopId: string; token: string; joinCode: string };

    const overview = await api('GET', `/workshops/${second.workshopId}/series`, second.token);
    expect(overview.body.series).toMatchObject({ name: 'Lederutvikling' });
    const gatherings = overview.body.gatherings as {
      title: string;
      current: boolean;
      assignment: string | null;
      boards: { id: string; broughtFrom: string | null }[];
    }[];
    expect(gatherings.map((g) => [g.title, g.current, g.assignment])).toEqual([
      ['Samling 1', false, assignment],
      ['Samling 2', true, null],
    ]);
    // The same groups, and the brought board a copy of Nord's with its note, linking back.
    const joined = await api('GET', `/join/${second.joinCode}`, null);
    expect((joined.body.groups as { name: string }[]).map((g) => g.name)).toEqual(['Nord', 'Sør']);
    const copy = gatherings[1]?.boards[0];
    expect(copy?.broughtFrom).toBe(first.boardIds[0]);
    const copied = await api('GET', `/boards/${copy?.id}`, second.token);
    expect(JSON.stringify(copied.body)).toContain('Fast kontaktperson');

    // A participant of the second gathering opens it with the assignment from the first.
    const joinedR = await api('POST', '/join', null, {
      code: second.joinCode,
      name: 'Mona',
      groupId: (joined.body.groups as { id: string }[])[0]?.id,
    });
    const brief = await api(
      'GET',
      `/workshops/${second.workshopId}/brief`,
      joinedR.body.token as string,
    );
    expect(brief.body).toMatchObject({
      series: { name: 'Lederutvikling' },
      previous: { title: 'Samling 1', assignment },
    });
    // But the series overview and another gathering are the facilitators' only.
    expect(
      (await api('GET', `/workshops/${second.workshopId}/series`, joinedR.body.token as string))
        .status,
    ).toBe(403);

    // The second gathering's facilitator enters the first (the series shares facilitators).
    const entered = await api(
      'POST',
      `/workshops/${second.workshopId}/series/enter/${first.workshopId}`,
      second.token,
    );
    expect(entered.status).toBe(200);
    expect((await api('GET', `${url}/codes`, entered.body.token as string)).status).toBe(200);
    // A gathering outside the series cannot be entered that way.
    const outside = await api(
      'POST',
      `/workshops/${second.workshopId}/series/enter/${stranger.workshopId}`,
      second.token,
    );
    expect(outside.status).toBe(404);

    // Renaming reaches every gathering; leaving takes one out.
    await api('PATCH', `/workshops/${second.workshopId}/series`, second.token, {
      name: 'Ny rekke',
    });
    expect((await api('GET', `${url}/series`, first.facilitator)).body.series).toMatchObject({
      name: 'Ny rekke',
    });
    expect(
      (await api('DELETE', `/workshops/${second.workshopId}/series`, second.token)).status,
    ).toBe(200);
    expect(
      ((await api('GET', `${url}/series`, first.facilitator)).body.gatherings as unknown[]).length,
    ).toBe(1);
  });
});

describe('an input round between gatherings', () => {
  it('stakeholders answer without an account; the facilitator moderates, places and follows up', async () => {
    const w = await gathering('Innspill');
    const nora = await w.join('Nora', 0);
    const url = `/workshops/${w.workshopId}`;
    expect(
      (
        await api('POST', `${url}/rounds`, nora.token, {
          question: 'Q?',
          closesAt: Date.now() + DAY,
        })
      ).status,
    ).toBe(403);
    const { roundId, byLabel } = await openRound(
      w.workshopId,
      w.facilitator,
      'Hva er viktig for deg?',
    );
    expect([...byLabel.keys()]).toEqual([
      'Ansatt',
      'Bruker',
      'Pårørende',
      'Tillitsvalgt',
      'Politiker',
      'Annen',
    ]);
    const relative = byLabel.get('Pårørende')?.id as string;
    const employee = byLabel.get('Ansatt')?.id as string;
    const pub = `/input/${w.workshopId}/${roundId}`;

    // The contributor's page: the question and the types, nothing else.
    const round = await api('GET', pub, null);
    expect(round.body).toMatchObject({
      question: 'Hva er viktig for deg?',
      gathering: 'Innspill',
      open: true,
    });
    expect(JSON.stringify(round.body)).not.toContain(w.facilitator);
    expect((await api('GET', `/input/${w.workshopId}/nosuchround1`, null)).status).toBe(404);
    expect((await api('GET', `/input/nosuchworkshop/${roundId}`, null)).status).toBe(404);

    const sent = await api('POST', pub, null, {
      stakeholderId: relative,
      inputs: ['Én å ringe', 'Å bli hørt'],
      name: 'Kari',
    });
    expect([sent.status, sent.body.received]).toEqual([201, 2]);
    await api('POST', pub, null, { stakeholderId: employee, inputs: ['én  å ringe'] });
    // A robot filling the hidden field is answered alike; nothing is kept.
    const robot = await api('POST', pub, null, {
      stakeholderId: employee,
      inputs: ['Kjøp billige klokker'],
      website: 'http://spam.example',
    });
    expect(robot.status).toBe(201);
    // Not a type of this round: refused.
    expect(
      (await api('POST', pub, null, { stakeholderId: 'nosuchtype', inputs: ['x'] })).status,
    ).toBe(400);
    // Over the round's own limit per address: refused, nothing stored.
    let refused = 0;
    for (let i = 0; i < 6; i++) {
      const r = await api('POST', pub, null, {
        stakeholderId: employee,
        inputs: [`Innspill nummer ${i}`],
      });
      if (r.status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(0);

    const listed = await api('GET', `${url}/rounds`, w.facilitator);
    expect((await api('GET', `${url}/rounds`, nora.token)).status).toBe(403);
    const inputs =
      (
        listed.body as unknown as {
          inputs: { id: string; text: string; status: string; name: string | null }[];
        }[]
      )[0]?.inputs ?? [];
    const texts = inputs.map((i) => i.text);
    expect(texts).toContain('Én å ringe');
    expect(texts).toContain('Å bli hørt');
    // The exact repeat ("én  å ringe") counts once, the robot's not at all, all pending.
    expect(texts.filter((t) => t.toLowerCase().includes('ringe'))).toHaveLength(1);
    expect(texts).not.toContain('Kjøp billige klokker');
    // Kari's two, and the numbered ones the address's budget let through.
    expect(inputs.length).toBe(2 + (6 - refused));
    expect(new Set(inputs.map((i) => i.status))).toEqual(new Set(['pending']));

    // Moderation: approve two, hide one, merge a duplicate.
    const byText = (t: string) => inputs.find((i) => i.text === t)?.id as string;
    const call = byText('Én å ringe');
    const heard = byText('Å bli hørt');
    const dup = byText('Innspill nummer 0');
    for (const id of [call, heard])
      expect(
        (await api('POST', `${url}/inputs/${id}`, w.facilitator, { status: 'approved' })).status,
      ).toBe(200);
    expect(
      (await api('POST', `${url}/inputs/${dup}/merge`, w.facilitator, { into: call })).status,
    ).toBe(200);
    expect(
      (await api('POST', `${url}/inputs/${call}`, nora.token, { status: 'hidden' })).status,
    ).toBe(403);

    // Placed on Nord's board: notes in the stakeholder's colour, tagged with the type.
    const boardId = w.boardIds[0] as string;
    const notApproved = await api('POST', `${url}/rounds/${roundId}/place`, w.facilitator, {
      boardId,
      inputIds: [byText('Innspill nummer 1')],
    });
    expect([notApproved.status, notApproved.body.error]).toEqual([409, 'not_approved']);
    const placed = await api('POST', `${url}/rounds/${roundId}/place`, w.facilitator, {
      boardId,
      inputIds: [call, heard],
    });
    expect(placed.status).toBe(200);
    const board = await boardOf(boardId, nora.token);
    await waitFor(
      () => readAllShapes(board.doc).filter((s) => s.type === 'sticky' && s.source).length === 2,
      'notes placed',
    );
    const notes = readAllShapes(board.doc).filter(
      (s): s is Sticky => s.type === 'sticky' && s.source !== undefined,
    );
    expect(notes.map((n) => [n.text, n.color, n.source?.label])).toEqual([
      ['Én å ringe', 'pink', 'Pårørende'],
      ['Å bli hørt', 'pink', 'Pårørende'],
    ]);

    // The stakeholder map's counts: the relative's two and the employee's merged duplicate.
    const counts = await api('GET', `${url}/inputs/counts`, nora.token);
    expect(counts.body).toEqual(
      expect.arrayContaining([
        { label: 'Pårørende', count: 2 },
        { label: 'Ansatt', count: 1 },
      ]),
    );

    // Nora's group makes a measure building on the input; the facilitator follows it up.
    const measure: Shape = {
      ...sticky('tiltak01', 'Fast kontaktperson for pårørende', 900),
      measure: {
        owner: 'Enhetsleder',
        due: '2020-01-01',
        status: 'started',
        basedOn: [`input:${call}`],
      },
    } as Sticky;
    writeShapes(board.doc, [measure], { source: 'local' });
    await waitFor(async () => {
      const f = await api('GET', `${url}/follow-up`, w.facilitator);
      return (f.body.items as unknown[]).length === 1;
    }, 'measure listed');
    const followUp = await api('GET', `${url}/follow-up`, w.facilitator);
    expect(followUp.body.counts).toMatchObject({ started: 1, late: 1 });
    expect((await api('GET', `${url}/follow-up`, nora.token)).status).toBe(403);
    const done = await api('PATCH', `${url}/follow-up/${boardId}/tiltak01`, w.facilitator, {
      status: 'done',
    });
    expect(done.body).toMatchObject({ status: 'done', owner: 'Enhetsleder' });
    await waitFor(
      () =>
        (readAllShapes(board.doc).find((s) => s.id === 'tiltak01') as Sticky | undefined)?.measure
          ?.status === 'done',
      'status on the board',
    );

    // "Dette gjorde vi med innspillene": not public until published.
    expect((await api('GET', `${pub}/outcome`, null)).status).toBe(404);
    expect(
      (await api('PATCH', `${url}/rounds/${roundId}`, w.facilitator, { published: true })).status,
    ).toBe(200);
    const outcome = await api('GET', `${pub}/outcome`, null);
    expect(outcome.status).toBe(200);
    const shown = outcome.body.inputs as {
      text: string;
      name: string | null;
      measures: { text: string; status: string }[];
    }[];
    expect(shown.map((i) => i.text).sort()).toEqual(['Å bli hørt', 'Én å ringe'].sort());
    const answered = shown.find((i) => i.text === 'Én å ringe');
    expect(answered?.name).toBe('Kari');
    expect(answered?.measures).toEqual([
      { text: 'Fast kontaktperson for pårørende', status: 'done', due: '2020-01-01' },
    ]);
    // Nothing hidden or pending is public.
    expect(JSON.stringify(outcome.body)).not.toContain('Innspill nummer');

    // Closed: no more answers, nothing stored.
    await api('PATCH', `${url}/rounds/${roundId}`, w.facilitator, { closed: true });
    const late = await api('POST', pub, null, { stakeholderId: relative, inputs: ['For sent'] });
    expect([late.status, late.body.error]).toEqual([409, 'round_closed']);
    // A type with inputs cannot be removed from the list.
    const removed = await api('PATCH', `${url}/rounds/${roundId}`, w.facilitator, {
      stakeholders: ['Ansatt'],
    });
    expect([removed.status, removed.body.error]).toEqual([409, 'stakeholder_in_use']);
  });

  it('a backup carries the rounds and the place in the series; deleting the gathering removes them', async () => {
    const w = await gathering('Sikkerhet');
    const url = `/workshops/${w.workshopId}`;
    await api('POST', `${url}/series`, w.facilitator, { name: 'Rekke' });
    const { roundId, byLabel } = await openRound(w.workshopId, w.facilitator, 'Spørsmål?');
    await api('POST', `/input/${w.workshopId}/${roundId}`, null, {
      stakeholderId: byLabel.get('Bruker')?.id,
      inputs: ['Et innspill'],
      name: 'Per',
    });
    const backupRes = await fetch(`${base}/api${url}/backup`, {
      headers: { authorization: `Bearer ${w.facilitator}` },
    });
    const backup = await backupRes.text();
    expect(backup).toContain(`"i.${w.workshopId}"`);
    expect((await api('DELETE', url, w.facilitator)).status).toBe(204);
    expect((await api('GET', `/input/${w.workshopId}/${roundId}`, null)).status).toBe(404);

    const res = await fetch(`${base}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: backup,
    });
    expect(res.status).toBe(201);
    const imported = (await res.json()) as { token: string };
    const rounds = await api('GET', `${url}/rounds`, imported.token);
    expect(JSON.stringify(rounds.body)).toContain('Et innspill');
    const overview = await api('GET', `${url}/series`, imported.token);
    expect(overview.body.series).toMatchObject({ name: 'Rekke' });
    expect((overview.body.gatherings as unknown[]).length).toBe(1);
  });

  it('the report counts and quotes the inputs, names only where given and never anonymised, and follows up the measures', async () => {
    const w = await gathering('Rapport');
    const nora = await w.join('Nora', 0);
    const url = `/workshops/${w.workshopId}`;
    const { roundId, byLabel } = await openRound(w.workshopId, w.facilitator, 'Hva trenger du?');
    const pub = `/input/${w.workshopId}/${roundId}`;
    await api('POST', pub, null, {
      stakeholderId: byLabel.get('Pårørende')?.id,
      inputs: ['Å bli ringt opp'],
      name: 'Kari',
    });
    await api('POST', pub, null, {
      stakeholderId: byLabel.get('Bruker')?.id,
      inputs: ['Kortere ventetid'],
    });
    await api('POST', pub, null, {
      stakeholderId: byLabel.get('Ansatt')?.id,
      inputs: ['Reklame her'],
    });
    const inputs =
      (
        (await api('GET', `${url}/rounds`, w.facilitator)).body as unknown as {
          inputs: { id: string; text: string }[];
        }[]
      )[0]?.inputs ?? [];
    for (const i of inputs.filter((x) => x.text !== 'Reklame her'))
      await api('POST', `${url}/inputs/${i.id}`, w.facilitator, { status: 'approved' });
    const board = await boardOf(w.boardIds[0] as string, nora.token);
    writeShapes(
      board.doc,
      [
        {
          ...sticky('tiltak02', 'Ring pårørende hver uke', 900),
          measure: { owner: 'Avdelingsleder', due: '2020-03-01', status: 'planned', basedOn: [] },
        } as Sticky,
      ],
      { source: 'local' },
    );
    await waitFor(async () => {
      const f = await api('GET', `${url}/follow-up`, w.facilitator);
      return (f.body.items as unknown[]).length === 1;
    }, 'measure stored');

    const report = async (anonymise: boolean) => {
      const started = await api('POST', `${url}/exports`, w.facilitator, {
        format: 'md',
        anonymise,
      });
      const jobUrl = `${url}/exports/${(started.body.job as { id: string }).id}`;
      await waitFor(
        async () =>
          ((await api('GET', jobUrl, w.facilitator)).body.job as { state: string }).state ===
          'done',
        'the report is done',
      );
      const res = await fetch(`${base}/api${jobUrl}/download`, {
        headers: { authorization: `Bearer ${w.facilitator}` },
      });
      return res.text();
    };
    const md = await report(false);
    expect(md).toContain('Innspill fra interessenter');
    expect(md).toContain('«Hva trenger du?» (2 innspill)');
    expect(md).toContain('Bruker: 1, Pårørende: 1');
    expect(md).toContain('«Å bli ringt opp» – Kari, Pårørende');
    expect(md).toContain('«Kortere ventetid» – Bruker');
    expect(md).not.toContain('Reklame her');
    expect(md).toContain('Tiltak og oppfølging');
    expect(md).toMatch(
      /Ring pårørende hver uke – ansvarlig: Avdelingsleder, frist: 1\. mars 2020, status: Planlagt, forsinket/,
    );
    const anonymous = await report(true);
    expect(anonymous).toContain('«Å bli ringt opp» – Pårørende');
    expect(anonymous).not.toContain('Kari');
  });

  it('a measure may build on approved inputs of the series and suggestions accepted here: members read which', async () => {
    const w = await gathering('Grunnlag');
    const nora = await w.join('Nora', 0);
    const url = `/workshops/${w.workshopId}`;
    const { roundId, byLabel } = await openRound(w.workshopId, w.facilitator, 'Hva trengs?');
    await api('POST', `/input/${w.workshopId}/${roundId}`, null, {
      stakeholderId: byLabel.get('Bruker')?.id,
      inputs: ['Godkjent innspill', 'Ikke vurdert ennå'],
      name: 'Per',
    });
    const inputs =
      (
        (await api('GET', `${url}/rounds`, w.facilitator)).body as unknown as {
          inputs: { id: string; text: string }[];
        }[]
      )[0]?.inputs ?? [];
    const approved = inputs.find((i) => i.text === 'Godkjent innspill')?.id;
    await api('POST', `${url}/inputs/${approved}`, w.facilitator, { status: 'approved' });
    // The facilitator suggests on Nord's board (comments are open to facilitators); Nora accepts.
    const board = w.boardIds[0] as string;
    const suggested = await api('POST', `${url}/boards/${board}/comments`, w.facilitator, {
      kind: 'suggestion',
      text: 'Et forslag',
      proposal: 'Faste møter med pårørende',
      pin: { x: 0, y: 0 },
    });
    expect(suggested.status).toBe(201);
    const commentId = (suggested.body.comment as { id: string }).id;
    expect(
      (await api('POST', `${url}/boards/${board}/comments/${commentId}/accept`, nora.token, {}))
        .status,
    ).toBe(200);

    const basis = await api('GET', `${url}/measure-basis`, nora.token);
    expect(basis.body.inputs).toEqual([
      { key: `input:${approved}`, text: 'Godkjent innspill', stakeholder: 'Bruker' },
    ]);
    expect(basis.body.suggestions).toEqual([
      {
        key: `suggestion:${commentId}`,
        text: 'Faste møter med pårørende',
        board: 'Mål og tiltak – Nord',
      },
    ]);
    // No names, nothing pending; and only for members of the gathering.
    expect(JSON.stringify(basis.body)).not.toContain('Per');
    expect((await api('GET', `${url}/measure-basis`, null)).status).toBe(401);
  });
});
