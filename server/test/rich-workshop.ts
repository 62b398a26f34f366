import {
  attributionDocId,
  boardDocId,
  type Comment,
  ORIGIN_LOCAL,
  readAllShapes,
  readAttribution,
  readWorkshop,
  type Shape,
  workshopDocId,
  writeShapes,
  zAbove,
} from '@torg/shared';
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';

/**
 * A whole gathering for the export tests, made through the real API and real connections: a
 * future-journey phase for two groups with notes in the sections (each written by its author,
 * so it is attributed), a market round with suggestions (one accepted, one resolved) and a
 * comment with a reply, a "+1", a facilitator comment outside the rounds and a closed dot vote.
 */
export const REAL_NAMES = [
  'Frida Fasilitatorsen',
  'Åsmund Lie',
  'Kari Nordmann',
  'Bjørn Sæther',
  'Ola Hansen',
  'Pål Politikersen',
];

export interface Person {
  id: string;
  token: string;
}
export interface World {
  workshopId: string;
  facilitator: Person;
  groups: [string, string];
  boards: [string, string];
  boardNames: [string, string];
  asmund: Person; // Gruppe Nord
  kari: Person; // Gruppe Nord, hosts in the market
  bjorn: Person; // Gruppe Sør
  ola: Person; // Gruppe Sør
  observer: Person;
  /** Sticky texts by board, by section title. */
  stickies: { board: number; id: string; text: string; section: string }[];
  accepted: { text: string; shapeId: string };
  comments: { accepted: string; resolved: string; open: string; outside: string };
}

/**
 * Places a sticky in a section frame, right of the template's suggested notes (offset `i`
 * further right), level with their second row.
 */
function inFrame(frame: Shape, id: string, text: string, i: number): Shape {
  if (frame.type !== 'frame') throw new Error('not a frame');
  return { ...sticky(id, text), x: frame.x + 500 + i * 230, y: frame.y + 235 };
}

export async function buildRichWorkshop(
  server: RunningServer,
  clients: TestClient[],
): Promise<World> {
  const api = apiCaller(() => `http://127.0.0.1:${server.port}`);
  const connect = (token: string, docId: string): TestClient => {
    const c = connectClient(server, '', new Y.Doc(), { token, docId });
    clients.push(c);
    return c;
  };
  const withRoom = async <T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T> => {
    const room = await server.registry.acquire(docId);
    try {
      return fn(room.doc);
    } finally {
      server.registry.release(room);
    }
  };

  const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
    title: 'Fremtidsverksted i Ås',
    date: '2026-11-23',
    groups: ['Gruppe Nord', 'Gruppe Sør'],
    facilitatorName: 'Frida Fasilitatorsen',
  });
  expect(created.status).toBe(201);
  const workshopId = created.body.workshopId as string;
  const facilitator = {
    id: created.body.participantId as string,
    token: created.body.token as string,
  };
  const code = created.body.joinCode as string;
  const info = await api('GET', `/join/${code}`, null);
  const groups = (info.body.groups as { id: string }[]).map((g) => g.id) as [string, string];
  const join = async (c: unknown, name: string, groupId?: string): Promise<Person> => {
    const r = await api('POST', '/join', null, { code: c, name, groupId });
    expect(r.status).toBe(201);
    return { id: r.body.participantId as string, token: r.body.token as string };
  };
  const asmund = await join(code, 'Åsmund Lie', groups[0]);
  const bjorn = await join(code, 'Bjørn Sæther', groups[1]);
  const kari = await join(code, 'Kari Nordmann', groups[0]);
  const ola = await join(code, 'Ola Hansen', groups[1]);
  const observer = await join(created.body.observerCode, 'Pål Politikersen');

  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator.token, {
    name: 'Fremtidsreise',
    template: 'future',
  });
  expect(phase.status).toBe(201);
  const boards = phase.body.boardIds as [string, string];
  const sectionFrames = async (boardId: string) =>
    withRoom(boardDocId(boardId), (doc) => {
      const frames = new Map<string, Shape>();
      for (const s of readAllShapes(doc))
        if (s.type === 'frame' && s.section) frames.set(s.section, s);
      return frames;
    });

  // Each group writes stickies into its board's sections over its own connection.
  const stickies: World['stickies'] = [];
  const write = async (
    who: Person,
    board: 0 | 1,
    notes: { id: string; text: string; section: string | null }[],
  ) => {
    const frames = await sectionFrames(boards[board]);
    const client = connect(who.token, boardDocId(boards[board]));
    await waitSynced(client);
    // On top of what is there, as the editor puts a new note (a note under its section's frame
    // would be hidden in every picture of the board).
    let z = zAbove(readAllShapes(client.doc).map((s) => s.z));
    const shapes = notes.map((n, i) => {
      z = zAbove([z]);
      if (n.section === null) return { ...sticky(n.id, n.text), z, x: -4000, y: -4000 + i * 300 };
      const frame = frames.get(n.section);
      if (frame?.type !== 'frame') throw new Error(`no section ${n.section}`);
      stickies.push({ board, id: n.id, text: n.text, section: frame.name });
      return { ...inFrame(frame, n.id, n.text, i), z };
    });
    writeShapes(client.doc, shapes, ORIGIN_LOCAL);
    await waitFor(
      () =>
        withRoom(attributionDocId(boards[board]), (doc) => {
          const rec = readAttribution(doc);
          return notes.every((n) => rec.has(n.id));
        }),
      'the notes reach the server and are attributed',
    );
  };
  await write(asmund, 0, [
    { id: 'nordTrend', text: 'Flere eldre på øyene', section: 'future.trends' },
    { id: 'nordMean', text: 'Større behov for hjemmetjenester', section: 'future.meaning' },
    { id: 'nordAct', text: 'Velferdsteknologi i hver kommunedel', section: 'future.actions' },
  ]);
  await write(kari, 0, [
    { id: 'nordVision', text: 'Trygghet, nærhet og mestring', section: 'future.vision' },
  ]);
  await write(bjorn, 1, [
    { id: 'sorTrend', text: 'Færre yrkesaktive, "mange" pendlere', section: 'future.trends' },
    {
      id: 'sorAct',
      text: 'Samarbeid med frivillige, lag og foreninger',
      section: 'future.actions',
    },
  ]);
  await write(ola, 1, [{ id: 'sorLoose', text: 'Løs lapp: spør ungdomsrådet', section: null }]);
  // Bjørn makes one of the template's suggested trends the group's own words.
  {
    const client = connect(bjorn.token, boardDocId(boards[1]));
    await waitSynced(client);
    const trend = readAllShapes(client.doc).find(
      (s) => s.type === 'sticky' && s.prefilled === true && s.text === 'Digitalisering',
    );
    if (trend?.type !== 'sticky') throw new Error('no suggested trend "Digitalisering"');
    // …and moves it to the row's start: where the template put it moves with the current year
    // (the "today" column), and the report's reading order must not.
    const trends = (await sectionFrames(boards[1])).get('future.trends');
    if (trends?.type !== 'frame') throw new Error('no trends section');
    writeShapes(
      client.doc,
      [{ ...trend, text: 'Digitalisering av skolen', x: trends.x + 20, y: trends.y + 235 }],
      ORIGIN_LOCAL,
    );
    await waitFor(
      () =>
        withRoom(
          attributionDocId(boards[1]),
          (doc) => !!readAttribution(doc).get(trend.id)?.updatedBy,
        ),
      'the change reaches the server and is attributed',
    );
  }
  stickies.push({
    board: 1,
    id: 'sorLoose',
    text: 'Løs lapp: spør ungdomsrådet',
    section: 'Øvrig',
  });

  // The market square: Kari stays home for Gruppe Nord; one round, Sør visits Nord.
  const market = (rest = '') => `/workshops/${workshopId}/market${rest}`;
  expect(
    (await api('POST', market(), facilitator.token, { phaseId: phase.body.phaseId })).status,
  ).toBe(200);
  expect(
    (await api('POST', market('/host'), kari.token, { groupId: groups[0], participantId: kari.id }))
      .status,
  ).toBe(200);
  expect(
    (await api('POST', market('/command'), facilitator.token, { action: 'start' })).status,
  ).toBe(200);

  const onBoard = (boardId: string, rest = '') =>
    `/workshops/${workshopId}/boards/${boardId}/comments${rest}`;
  const add = async (who: Person, boardId: string, body: Record<string, unknown>) => {
    const r = await api('POST', onBoard(boardId), who.token, body);
    expect(r.status).toBe(201);
    return r.body.comment as Comment;
  };
  const toAccept = await add(bjorn, boards[0], {
    kind: 'suggestion',
    text: 'Ta med pårørende',
    proposal: 'Pårørendeskole på nett',
    pin: { shapeId: 'nordAct' },
  });
  const toResolve = await add(ola, boards[0], {
    kind: 'suggestion',
    text: 'Hva med økonomien?',
    proposal: 'Innsparing på reiser',
    pin: { x: 10, y: 10 },
  });
  const open = await add(bjorn, boards[0], {
    kind: 'comment',
    text: 'Godt arbeid, særlig «mestring»!',
    pin: { shapeId: 'nordVision' },
  });
  const reply = await api('POST', onBoard(boards[0], `/${open.id}/replies`), asmund.token, {
    text: 'Takk, vi tar det med oss',
  });
  expect(reply.status).toBe(201);
  const plusOne = await api(
    'POST',
    `/workshops/${workshopId}/boards/${boards[0]}/reactions`,
    ola.token,
    { shapeId: 'nordTrend' },
  );
  expect(plusOne.status).toBe(200);
  expect((await api('POST', market('/command'), facilitator.token, { action: 'end' })).status).toBe(
    200,
  );

  // Back home: Nord accepts one suggestion, resolves the other, leaves the comment open.
  const accepted = await api('POST', onBoard(boards[0], `/${toAccept.id}/accept`), asmund.token);
  expect(accepted.status).toBe(200);
  const resolved = await api('POST', onBoard(boards[0], `/${toResolve.id}/status`), kari.token, {
    status: 'resolved',
  });
  expect(resolved.status).toBe(200);
  // The facilitator comments outside the rounds.
  const outside = await add(facilitator, boards[1], {
    kind: 'comment',
    text: 'Husk tidsfristene',
    pin: { shapeId: 'sorAct' },
  });

  // A dot vote over both boards.
  const vote = await api('POST', `/workshops/${workshopId}/vote`, facilitator.token, {
    boardIds: boards,
    dots: 3,
  });
  expect(vote.status).toBe(200);
  const dot = async (who: Person, board: 0 | 1, shapeId: string) => {
    const r = await api(
      'POST',
      `/workshops/${workshopId}/boards/${boards[board]}/dots`,
      who.token,
      {
        shapeId,
      },
    );
    expect(r.status).toBe(201);
  };
  await dot(asmund, 1, 'sorAct');
  await dot(kari, 1, 'sorAct');
  await dot(bjorn, 0, 'nordAct');
  await dot(ola, 0, 'nordAct');
  await dot(ola, 0, 'nordVision');
  await dot(bjorn, 1, 'sorAct');
  expect((await api('POST', `/workshops/${workshopId}/vote/close`, facilitator.token)).status).toBe(
    200,
  );

  const names = await withRoom(workshopDocId(workshopId), (doc) => {
    const state = readWorkshop(doc);
    return boards.map((id) => state.boards.find((b) => b.id === id)?.name ?? '') as [
      string,
      string,
    ];
  });
  return {
    workshopId,
    facilitator,
    groups,
    boards,
    boardNames: names,
    asmund,
    kari,
    bjorn,
    ola,
    observer,
    stickies,
    accepted: { text: 'Pårørendeskole på nett', shapeId: accepted.body.shapeId as string },
    comments: {
      accepted: toAccept.id,
      resolved: toResolve.id,
      open: open.id,
      outside: outside.id,
    },
  };
}
