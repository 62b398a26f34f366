import { boardDocId, readAllShapes, type Sticky, writeShapes } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INSIGHT_BOARDS } from '../../shared/src/themes/insight-boards.fixture.js';
import { reportMarkdown } from '../src/export/markdown.js';
import { buildReport } from '../src/export/report.js';
import { liveSource, readWorkshopData } from '../src/export/source.js';
import {
  connectClient,
  createWorkshop,
  sticky,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';
import { sqliteServerPerFile } from './sqlite-server.js';

const t = sqliteServerPerFile();
const { api, clients } = t;

async function boardOf(boardId: string, token: string): Promise<TestClient> {
  const c = connectClient(t.server, '', new Y.Doc(), { token, docId: boardDocId(boardId) });
  clients.push(c);
  await waitSynced(c);
  return c;
}

/** Waits until the server holds `count` objects on the board (another client gets them). */
async function serverHas(boardId: string, token: string, count: number): Promise<void> {
  const other = await boardOf(boardId, token);
  await waitFor(() => readAllShapes(other.doc).length === count, `${count} objects on the board`);
}

/** Five groups, an insight phase with the fixture's notes on their boards. */
async function insightGathering(title: string) {
  const w = await createWorkshop(api, { title, groups: INSIGHT_BOARDS.map((b) => b.group) });
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
    name: 'Innsikt',
    template: 'blank',
  });
  expect(phase.status).toBe(201);
  const boardIds = phase.body.boardIds as string[];
  for (const [g, board] of INSIGHT_BOARDS.entries()) {
    const boardId = boardIds[g] as string;
    const notes = board.notes.map((n, i) => sticky(`g${g}n${i}`, n.text, i * 210));
    writeShapes((await boardOf(boardId, w.facilitator)).doc, notes, { source: 'local' });
    await serverHas(boardId, w.facilitator, notes.length);
  }
  return { ...w, phaseId: phase.body.phaseId as string, boardIds };
}

interface SetView {
  rev: number;
  reviewed: boolean;
  themes: {
    id: string;
    name: string;
    words: string[];
    notes: { boardId: string; shapeId: string }[];
  }[];
  loose: { boardId: string; shapeId: string }[];
  notes: { boardId: string; shapeId: string; text: string; groupId: string | null }[];
}

describe('themes across the groups’ boards', () => {
  it('the facilitator finds, reviews and places the themes; nobody else may, and a refusal changes nothing', async () => {
    const w = await insightGathering('Innsikt på tvers');
    const url = `/workshops/${w.workshopId}/themes`;
    const nora = await w.join('Nora', 0);
    const olav = await w.join('Olav', 'observer');

    // Only the facilitator.
    for (const who of [nora.token, olav.token]) {
      expect((await api('POST', url, who, { phaseId: w.phaseId })).status).toBe(403);
      expect((await api('GET', `${url}/${w.phaseId}`, who)).status).toBe(403);
    }
    expect((await api('GET', `${url}/${w.phaseId}`, w.facilitator)).body.set).toBeNull();
    expect((await api('POST', url, w.facilitator, { phaseId: 'nosuchphase' })).status).toBe(404);

    const r = await api('POST', url, w.facilitator, { phaseId: w.phaseId });
    expect(r.status).toBe(200);
    const found = r.body as unknown as SetView;
    expect(found.notes).toHaveLength(150);
    expect(found.rev).toBe(1);
    expect(found.reviewed).toBe(false);
    // The four findings every group wrote come first, each from all five groups.
    const groupsOf = (theme: SetView['themes'][number]) =>
      new Set(theme.notes.map((n) => found?.notes.find((x) => x.shapeId === n.shapeId)?.groupId))
        .size;
    expect(found.themes.slice(0, 4).map(groupsOf)).toEqual([5, 5, 5, 5]);
    const themeOfText = (set: SetView, text: string) => {
      const note = set.notes.find((n) => n.text === text);
      return set.themes.find((t) => t.notes.some((n) => n.shapeId === note?.shapeId));
    };
    const contact = themeOfText(found, 'Brukerne er usikre på hvem de skal kontakte');
    expect(contact?.name).toMatch(/^Kontakte/);
    expect(themeOfText(found, 'Folk er usikre på kven dei skal kontakte')?.id).toBe(contact?.id);

    // The review, step by step.
    const review = (body: unknown, token = w.facilitator) =>
      api('POST', `${url}/${w.phaseId}/review`, token, body);
    expect(
      (
        await review(
          { op: 'rename', themeId: contact?.id, name: 'Hvem kontakter jeg?' },
          nora.token,
        )
      ).status,
    ).toBe(403);
    const renamed = await review({
      op: 'rename',
      themeId: contact?.id,
      name: 'Hvem kontakter jeg?',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.rev).toBe(2);
    // Refused: an unknown theme, a note that is not among them, a split that empties a theme.
    // Two of the smaller themes (not the contact theme).
    const [first, second] = found.themes.filter((t) => t.id !== contact?.id).slice(4);
    for (const bad of [
      { op: 'rename', themeId: 'nosuchtheme', name: 'X' },
      { op: 'merge', themeIds: [first?.id, first?.id] },
      { op: 'move', note: { boardId: w.boardIds[0], shapeId: 'notanote' }, to: null },
      { op: 'split', themeId: first?.id, notes: first?.notes, name: 'Alt' },
      { op: 'rename', themeId: first?.id, name: ' ' },
    ]) {
      const refused = await review(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    const unchanged = (await api('GET', `${url}/${w.phaseId}`, w.facilitator)).body
      .set as unknown as SetView;
    expect(unchanged.rev).toBe(2);

    const merged = await review({ op: 'merge', themeIds: [first?.id, second?.id] });
    expect(merged.status).toBe(200);
    const joined = (merged.body as unknown as SetView).themes.find((t) => t.id === first?.id);
    expect(joined?.notes).toHaveLength((first?.notes.length ?? 0) + (second?.notes.length ?? 0));
    const split = await review({
      op: 'split',
      themeId: first?.id,
      notes: second?.notes,
      name: 'Tilbake for seg',
    });
    const themesAfterSplit = (split.body as unknown as SetView).themes;
    const at = themesAfterSplit.findIndex((t) => t.id === first?.id);
    // Right after the theme it came from.
    expect(themesAfterSplit[at + 1]).toMatchObject({
      name: 'Tilbake for seg',
      notes: second?.notes,
    });
    const loose = found.loose[0];
    const moved = await review({ op: 'move', note: loose, to: contact?.id });
    const afterMove = moved.body as unknown as SetView;
    expect(afterMove.loose).not.toContainEqual(loose);
    expect(afterMove.themes.find((t) => t.id === contact?.id)?.notes).toContainEqual(loose);
    expect(afterMove.reviewed).toBe(true);

    // Placed on a plenary board only.
    const onGroupBoard = await api('POST', `${url}/${w.phaseId}/place`, w.facilitator, {
      boardId: w.boardIds[0],
    });
    expect([onGroupBoard.status, onGroupBoard.body.error]).toEqual([409, 'not_plenary']);
    const plenary = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Felles temaer',
      template: 'blank',
      plenary: true,
      moveEveryone: false,
    });
    const plenaryId = (plenary.body.boardIds as string[])[0] as string;
    expect(
      (await api('POST', `${url}/${w.phaseId}/place`, nora.token, { boardId: plenaryId })).status,
    ).toBe(403);
    const placed = await api('POST', `${url}/${w.phaseId}/place`, w.facilitator, {
      boardId: plenaryId,
    });
    expect(placed.status).toBe(200);

    // What everyone in the room sees on the plenary board.
    const view = await boardOf(plenaryId, nora.token);
    const placedIds = placed.body.shapeIds as string[];
    await waitFor(() => readAllShapes(view.doc).length === placedIds.length, 'the placed themes');
    const shapes = readAllShapes(view.doc);
    const frames = shapes.filter((s) => s.type === 'frame');
    expect(frames).toHaveLength(afterMove.themes.length);
    expect(frames.map((f) => (f.type === 'frame' ? f.name : ''))).toContain(
      'Hvem kontakter jeg? – 5 av 5 grupper',
    );
    const copies = shapes.filter((s): s is Sticky => s.type === 'sticky');
    const themed = afterMove.themes.reduce((n, t) => n + t.notes.length, 0);
    expect(copies).toHaveLength(themed);
    const copy = copies.find((c) => c.text === 'Folk er usikre på kven dei skal kontakte');
    expect(copy?.source).toMatchObject({
      kind: 'theme',
      boardId: w.boardIds[4],
      label: 'Kultur og frivillighet (nynorsk)',
    });
    // Inside its theme's frame.
    const frame = frames.find((f) => f.type === 'frame' && f.name.startsWith('Hvem kontakter'));
    expect(copy && frame && copy.x >= frame.x && copy.x + copy.w <= frame.x + frame.w).toBe(true);
    expect(copy && frame && copy.y >= frame.y && copy.y + copy.h <= frame.y + frame.h).toBe(true);

    // Finding anew starts the review over; the plenary board's copies are not notes to theme.
    const again = await api('POST', url, w.facilitator, { phaseId: w.phaseId });
    expect(again.body).toMatchObject({ rev: 6, reviewed: false });
    expect(again.body.notes).toHaveLength(150);
  });

  it('the report’s summary lists the themes the groups share, found or reviewed', async () => {
    const w = await insightGathering('Rapport med temaer');
    const summary = async () => {
      const data = await readWorkshopData(liveSource(t.server.registry, t.storage), w.workshopId);
      if (!data) throw new Error('no workshop');
      const markdown = reportMarkdown(buildReport(data, { anonymise: false, locale: 'nb' }));
      return markdown.slice(0, markdown.indexOf('## ', markdown.indexOf('Felles temaer') + 20));
    };
    // Before anyone looked: found from the words, and said so.
    const found = await summary();
    expect(found).toContain('Felles temaer');
    expect(found).toContain('Innsikt (funnet ut fra ordene på lappene, ikke gjennomgått)');
    expect(found).toMatch(/Kontakte, kontaktperson, brukerne – 5 av 5 grupper, 1\d lapper/);

    const url = `/workshops/${w.workshopId}/themes`;
    const set = (await api('POST', url, w.facilitator, { phaseId: w.phaseId }))
      .body as unknown as SetView;
    const contact = set.themes.find((t) => t.name.startsWith('Kontakte'));
    await api('POST', `${url}/${w.phaseId}/review`, w.facilitator, {
      op: 'rename',
      themeId: contact?.id,
      name: 'Usikre på hvem de skal kontakte',
    });
    const reviewed = await summary();
    expect(reviewed).not.toContain('ikke gjennomgått');
    expect(reviewed).toContain(
      `Usikre på hvem de skal kontakte – 5 av 5 grupper, ${contact?.notes.length} lapper`,
    );
  });

  it('rations finding: a few at once per gathering, then refused without a change', async () => {
    const w = await createWorkshop(api, { title: 'Travel', groups: ['A', 'B'] });
    const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Innsikt',
      template: 'blank',
    });
    const boardIds = phase.body.boardIds as string[];
    const c = await boardOf(boardIds[0] as string, w.facilitator);
    const four = [
      'Lange møter',
      'Møter tar tid',
      'Hvem er kontaktperson?',
      'Vanskelig å få kontakt',
    ];
    writeShapes(
      c.doc,
      four.map((text, i) => sticky(`note${i}`, text)),
      { source: 'local' },
    );
    await serverHas(boardIds[0] as string, w.facilitator, 4);
    const url = `/workshops/${w.workshopId}/themes`;
    const body = { phaseId: phase.body.phaseId };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api('POST', url, w.facilitator, body)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const stored = await api('GET', `${url}/${phase.body.phaseId}`, w.facilitator);
    expect((stored.body.set as { rev: number }).rev).toBe(3);

    // A note written since: not in the themes, counted as new.
    writeShapes(c.doc, [sticky('note4', 'Møter uten agenda')], { source: 'local' });
    await serverHas(boardIds[0] as string, w.facilitator, 5);
    const later = await api('GET', `${url}/${phase.body.phaseId}`, w.facilitator);
    expect(later.body.set).toMatchObject({ newNotes: 1, themes: [{}, {}] });
    expect((later.body.set as { notes: unknown[] }).notes).toHaveLength(4);

    // Placing is rationed the same way; a refused placing writes nothing.
    const plenary = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Plenum',
      template: 'blank',
      plenary: true,
      moveEveryone: false,
    });
    const plenaryId = (plenary.body.boardIds as string[])[0] as string;
    const placeUrl = `${url}/${phase.body.phaseId}/place`;
    const placed: number[] = [];
    for (let i = 0; i < 4; i++)
      placed.push((await api('POST', placeUrl, w.facilitator, { boardId: plenaryId })).status);
    expect(placed).toEqual([200, 200, 200, 429]);
    // Three times two frames with their two notes each, nothing from the fourth.
    await serverHas(plenaryId, w.facilitator, 18);
  });

  it('refuses more notes than it may cluster at once, and stores nothing', async () => {
    const w = await createWorkshop(api, { title: 'Full', groups: ['A', 'B'] });
    const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Innsikt',
      template: 'blank',
    });
    const boardIds = phase.body.boardIds as string[];
    const c = await boardOf(boardIds[0] as string, w.facilitator);
    writeShapes(
      c.doc,
      Array.from({ length: 1501 }, (_, i) => sticky(`many${i}`, `Lapp nummer ${i}`)),
      { source: 'local' },
    );
    await serverHas(boardIds[0] as string, w.facilitator, 1501);
    const url = `/workshops/${w.workshopId}/themes`;
    const refused = await api('POST', url, w.facilitator, { phaseId: phase.body.phaseId });
    expect([refused.status, refused.body.error]).toEqual([409, 'too_many_notes']);
    const stored = await api('GET', `${url}/${phase.body.phaseId}`, w.facilitator);
    expect(stored.body.set).toBeNull();
  });
});
