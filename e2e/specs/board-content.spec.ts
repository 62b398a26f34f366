import fs from 'node:fs';
import type { Download } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage, ShapeJson } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
type Full = ShapeJson & Box & { color?: string; section?: string; z?: string };

const boxOf = (s: ShapeJson): Box => ({ x: s.x ?? 0, y: s.y ?? 0, w: s.w ?? 0, h: s.h ?? 0 });
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const within = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

async function full(p: BoardPage): Promise<Full[]> {
  return (await p.shapes()) as Full[];
}

/** Looks at a board area at a given scale: its top left corner 40 px into the canvas. */
async function look(p: BoardPage, at: { x: number; y: number }, scale: number): Promise<void> {
  await p.page.evaluate(
    ({ at, scale }) =>
      window.__torg?.setCamera({ x: 40 - at.x * scale, y: 40 - at.y * scale, scale }),
    { at, scale },
  );
}

/** Where a board point is on the canvas (canvas-relative px). */
async function onCanvas(p: BoardPage, world: { x: number; y: number }) {
  const cam = await p.camera();
  return { x: world.x * cam.scale + cam.x, y: world.y * cam.scale + cam.y };
}

/** The facilitator's console, with a future-journey phase for these groups and people. */
async function futureWorkshop(title: string, people: [string, string][]) {
  const fac = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
  await new StartPage(fac.page, baseUrl).createWorkshop({
    title,
    groups: ['Gruppe 1', 'Gruppe 2'],
    facilitator: 'Kari',
  });
  const consolePage = new ConsolePage(fac.page);
  const code = await consolePage.joinCode();
  const joined: BoardPage[] = [];
  for (const [name, group] of people) {
    const p = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    await joinByCode(p, code, name, group);
    joined.push(p);
  }
  await consolePage.openNewPhase();
  await fac.page.getByLabel('Navn på fasen').fill('Fremtidsreise');
  await fac.page.locator('label.template-choice', { hasText: 'Fremtidsreise' }).click();
  await fac.page.getByRole('button', { name: 'Opprett fasen' }).click();
  for (const p of joined) {
    await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await p.waitForStatus('connected');
    await expect.poll(async () => (await p.shapes()).length).toBeGreaterThan(10);
  }
  return { fac, consolePage, code, joined, consoleUrl: fac.page.url() };
}

function frameOf(shapes: Full[], section: string): Full {
  const f = shapes.find((s) => s.type === 'frame' && s.section === section);
  if (!f) throw new Error(`no section ${section}`);
  return f;
}

/** A note by double click in a section, with its top left corner at `corner`; returns it. */
async function addNote(
  p: BoardPage,
  frame: Full,
  corner: { x: number; y: number },
  text: string,
): Promise<Full> {
  await look(p, { x: frame.x, y: frame.y }, 0.5);
  const at = await onCanvas(p, { x: corner.x + 100, y: corner.y + 100 });
  await p.doubleClickCanvas(at.x, at.y);
  await p.typeAndClose(text);
  await expect.poll(async () => (await p.contentTexts()).includes(text)).toBe(true);
  const note = (await full(p)).find((s) => s.type === 'sticky' && s.text === text);
  if (!note) throw new Error(`no note ${text}`);
  return note;
}

describe('what lands on the board, and what is the template', () => {
  it("a participant of group 2 writes in group 2's colour, not group 1's (and not yellow)", async () => {
    const { joined } = await futureWorkshop('Fremtidens helse', [
      ['Anne', 'Gruppe 1'],
      ['Bjørn', 'Gruppe 2'],
    ]);
    const [anne, bjorn] = joined as [BoardPage, BoardPage];
    const meaning = frameOf(await full(bjorn), 'future.meaning');
    const corner = { x: meaning.x + 240, y: meaning.y + 20 };
    const annes = await addNote(anne, meaning, corner, 'Flere eldre bor hjemme');
    const bjorns = await addNote(bjorn, meaning, corner, 'Færre hender i helsetjenesten');
    expect(bjorns.color).not.toBe(annes.color);
    expect([annes.color, bjorns.color]).not.toContain('yellow');
  });

  it('hovering or stepping to a note shows who made it and their group (laptop and phone)', async () => {
    const { fac, code, joined } = await futureWorkshop('Hvem skrev hva', [['Bjørn', 'Gruppe 2']]);
    const [bjorn] = joined as [BoardPage];
    const meaning = frameOf(await full(bjorn), 'future.meaning');
    const bjorns = await addNote(
      bjorn,
      meaning,
      { x: meaning.x + 240, y: meaning.y + 20 },
      'Færre hender i helsetjenesten',
    );
    await addNote(bjorn, meaning, { x: meaning.x + 20, y: meaning.y + 20 }, 'Lengre reisevei');

    // The facilitator hovers Bjørn's note on his group's board.
    await fac.page.goto(bjorn.page.url());
    await fac.canvas.waitFor();
    await expect.poll(async () => (await fac.shapes()).length).toBeGreaterThan(10);
    await look(fac, { x: meaning.x, y: meaning.y }, 0.75);
    const n = await onCanvas(fac, { x: bjorns.x + 100, y: bjorns.y + 120 });
    const page = await fac.at(n.x, n.y);
    await fac.page.mouse.move(page.x - 30, page.y - 30);
    await fac.page.mouse.move(page.x, page.y, { steps: 4 });
    const label = fac.page.getByTestId('author-label');
    await expect.poll(() => label.textContent()).toBe('Bjørn · Gruppe 2');
    await fac.page.screenshot({ path: outputFile('content-group-colours-hover.png') });
    // …and from the keyboard: stepping through the objects to it announces the author.
    await fac.page.mouse.move(5, 5);
    await fac.canvas.focus();
    const status = fac.page.getByTestId('selection-status');
    for (let i = 0; i < 60; i++) {
      if ((await fac.page.evaluate(() => window.__torg?.selection()))?.[0] === bjorns.id) break;
      await fac.page.keyboard.press('.');
    }
    await expect
      .poll(() => status.textContent())
      .toBe('Valgt: Lapp «Færre hender i helsetjenesten», laget av Bjørn · Gruppe 2');
    await expect.poll(() => label.textContent()).toBe('Bjørn · Gruppe 2');

    // On a phone: a second person of group 2 taps Bjørn's note and sees who made it.
    const phone = await crowd().person(null, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    // Joining while a phase runs leads straight to the group's board (Bjørn's).
    await phone.page.goto(`${baseUrl}/`);
    await phone.page.getByLabel('Kode', { exact: true }).fill(code);
    await phone.page.getByRole('button', { name: 'Bli med' }).click();
    await phone.page.getByLabel('Navnet ditt').fill('Cecilie');
    await phone.page.getByLabel('Gruppe 2').check();
    await phone.page.getByRole('button', { name: 'Bli med' }).click();
    await phone.page.waitForURL(bjorn.page.url());
    await phone.canvas.waitFor();
    await expect.poll(async () => (await phone.shapes()).length).toBeGreaterThan(10);
    await look(phone, { x: meaning.x, y: meaning.y }, 0.6);
    const tap = await onCanvas(phone, { x: bjorns.x + 100, y: bjorns.y + 120 });
    const tapAt = await phone.at(tap.x, tap.y);
    await phone.page.touchscreen.tap(tapAt.x, tapAt.y);
    await expect
      .poll(() => phone.page.getByTestId('author-label').textContent())
      .toBe('Bjørn · Gruppe 2');
    await phone.page.screenshot({ path: outputFile('content-group-colours-phone.png') });
  });

  it("the outline's new note lands in free space inside its section; the outline lists no template furniture", async () => {
    const { joined } = await futureWorkshop('Disposisjonen', [['Bjørn', 'Gruppe 2']]);
    const [bjorn] = joined as [BoardPage];
    const meaning = frameOf(await full(bjorn), 'future.meaning');
    // Bjørn's note goes where the outline used to put the next note (the second slot).
    await addNote(
      bjorn,
      meaning,
      { x: meaning.x + 240, y: meaning.y + 20 },
      'Færre hender i helsetjenesten',
    );
    await bjorn.canvas.focus();
    await bjorn.page.keyboard.press('Shift+O');
    const outline = bjorn.page.getByRole('complementary', { name: 'Disposisjon' });
    for (let i = 0; i < 2; i++) {
      const before = (await bjorn.shapes()).length;
      await outline.getByRole('button', { name: 'Ny lapp i «Hva betyr det for oss?»' }).click();
      await expect.poll(async () => (await bjorn.shapes()).length).toBe(before + 1);
    }
    const notes = (await full(bjorn)).filter((s) => s.type === 'sticky');
    const added = notes.filter((s) => s.text === '');
    expect(added).toHaveLength(2);
    for (const n of added) {
      expect(within(boxOf(n), boxOf(meaning))).toBe(true);
      for (const other of notes)
        if (other.id !== n.id) expect(overlap(boxOf(n), boxOf(other))).toBe(false);
    }

    // Sections are headings with no "Slett"; no template text is an editable field.
    const fields = await outline
      .locator('textarea, input')
      .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    for (const furniture of ['Fremtidsreise 2020–2035', '2035', 'I dag', 'Hva betyr det for oss?'])
      expect(fields).not.toContain(furniture);
    expect(fields).toContain('Færre hender i helsetjenesten');
    expect(
      await outline.getByRole('button', { name: 'Slett «Hva betyr det for oss?»' }).count(),
    ).toBe(0);
    await outline.getByRole('heading', { name: 'Hva betyr det for oss?' }).waitFor();
    await outline.screenshot({ path: outputFile('content-outline.png') });
  });

  it('a participant cannot delete or move a template heading; the CSV export has no template text', async () => {
    const { fac, consolePage, joined, consoleUrl } = await futureWorkshop('Låst mal', [
      ['Bjørn', 'Gruppe 2'],
    ]);
    const [bjorn] = joined as [BoardPage];
    const meaning = frameOf(await full(bjorn), 'future.meaning');
    await addNote(
      bjorn,
      meaning,
      { x: meaning.x + 20, y: meaning.y + 20 },
      'Færre hender i helsetjenesten',
    );
    const heading = (await full(bjorn)).find((s) => s.type === 'text' && s.text === '2035');
    if (!heading) throw new Error('no 2035 heading');
    await look(bjorn, { x: heading.x - 200, y: heading.y - 100 }, 1);
    const h = await onCanvas(bjorn, { x: heading.x + 20, y: heading.y + 18 });
    await bjorn.click(h.x, h.y);
    await expect
      .poll(() => bjorn.page.evaluate(() => window.__torg?.selection()))
      .toEqual([heading.id]);
    await bjorn.page.keyboard.press('Delete');
    await bjorn.drag([h.x, h.y], [h.x + 150, h.y + 120]);
    expect((await full(bjorn)).find((s) => s.id === heading.id)).toMatchObject({
      x: heading.x,
      y: heading.y,
      text: '2035',
    });
    await bjorn.click(h.x, h.y);
    expect(await bjorn.page.getByRole('button', { name: /Lås opp/ }).count()).toBe(0);
    await bjorn.page.screenshot({ path: outputFile('content-locked-heading.png') });

    // The CSV export lists the notes, not the template's headings and title.
    await fac.page.goto(consoleUrl);
    await consolePage.openStep('Eksport');
    const panel = fac.page.getByRole('region', { name: 'Eksport' });
    const [file] = await Promise.all([
      fac.page.waitForEvent('download'),
      panel.getByRole('button', { name: 'CSV (regneark)' }).click(),
    ]);
    const target = outputFile('content-export.csv');
    await (file as Download).saveAs(target);
    const csv = fs.readFileSync(target, 'utf8');
    expect(csv).toContain('Færre hender i helsetjenesten');
    // Every text field is quoted: a heading would be a field of its own.
    for (const furniture of ['I dag', '2035', 'Fremtidsreise 2020–2035'])
      expect(csv).not.toContain(`"${furniture}"`);
  });

  it('the future journey reads in time order: «I dag» between the past and the coming milestones', async () => {
    const { joined } = await futureWorkshop('Tidslinjen', [['Bjørn', 'Gruppe 2']]);
    const [bjorn] = joined as [BoardPage];
    const shapes = await full(bjorn);
    const trends = frameOf(shapes, 'future.trends');
    // The column headings above the rows, left to right.
    const headings = shapes
      .filter((s) => s.type === 'text' && s.y < trends.y && s.y > trends.y - 120)
      .sort((a, b) => a.x - b.x)
      .map((s) => s.text);
    const year = new Date().getFullYear();
    const milestones = ['2020', '2025', '2030', '2035'];
    const expected = milestones.filter((y) => Number(y) !== year);
    const today = expected.findIndex((y) => Number(y) > year);
    const todayLabel = milestones.includes(String(year)) ? `I dag (${year})` : 'I dag';
    expected.splice(today < 0 ? expected.length : today, 0, todayLabel);
    expect(headings).toEqual(expected);
    await look(bjorn, { x: trends.x - 20, y: trends.y - 120 }, 0.55);
    await bjorn.page.screenshot({ path: outputFile('content-future-timeline.png') });
  });

  it('an accepted suggestion lands beside the note it answers, inside its section, covering nothing', async () => {
    const { fac, consolePage, joined } = await futureWorkshop('Torg i Ås', [
      ['Vera Vert', 'Gruppe 1'],
      ['Bjørn', 'Gruppe 2'],
    ]);
    const [vera, bjorn] = joined as [BoardPage, BoardPage];
    const meaning = frameOf(await full(vera), 'future.meaning');
    const answered = await addNote(
      vera,
      meaning,
      { x: meaning.x + 240, y: meaning.y + 40 },
      'Hjemmetjenesten må vokse',
    );

    // The market square: group 2 visits group 1; Vera stays home.
    await consolePage.openStep('Torgmøte');
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: 'Torgmøte' }),
    });
    await square.getByLabel('Fase (tavlene som besøkes)').selectOption({ label: 'Fremtidsreise' });
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await vera.page
      .getByLabel('Hvem blir igjen og presenterer for Gruppe 1?')
      .selectOption({ label: 'Vera Vert (meg)' });
    await square.getByText('Vertskap: Vera Vert (Gruppe 1)').waitFor();
    await square.getByRole('button', { name: 'Start', exact: true }).click();
    await bjorn.page.waitForURL(vera.page.url());
    await bjorn.canvas.waitFor();
    await expect.poll(async () => (await bjorn.shapes()).length).toBeGreaterThan(10);

    // Bjørn suggests a note on Vera's note (pinned to it).
    await look(bjorn, { x: meaning.x, y: meaning.y }, 0.5);
    await bjorn.page.getByRole('button', { name: 'Kommenter', exact: true }).click();
    const pin = await onCanvas(bjorn, { x: answered.x + 100, y: answered.y + 100 });
    await bjorn.click(pin.x, pin.y);
    await bjorn.page.getByRole('radio', { name: 'Forslag' }).check();
    await bjorn.page.getByLabel('Begrunnelse').fill('Hvem skal jobbe der?');
    await bjorn.page.getByLabel('Foreslått tekst på lappen').fill('Rekruttere lokalt');
    await bjorn.page.getByRole('button', { name: 'Send' }).click();
    await bjorn.page.getByLabel('Foreslått tekst på lappen').waitFor({ state: 'detached' });

    // Vera accepts it.
    await vera.page
      .getByRole('button', { name: /Tilbakemeldinger/ })
      .first()
      .click();
    const panel = vera.page.getByRole('complementary', { name: 'Tilbakemeldinger fra torget' });
    await panel.getByRole('button', { name: /Godta forslag 1/ }).click();
    const text = 'Rekruttere lokalt\n— Gruppe 2';
    await expect.poll(() => vera.contentTexts()).toContain(text);
    const shapes = await full(vera);
    const accepted = shapes.find((s) => s.text === text);
    if (!accepted) throw new Error('no accepted note');
    expect(within(boxOf(accepted), boxOf(meaning))).toBe(true);
    for (const other of shapes)
      if (other.type === 'sticky' && other.id !== accepted.id)
        expect(overlap(boxOf(accepted), boxOf(other))).toBe(false);
    // Beside it: on the same row, right after it.
    expect(accepted.y).toBe(answered.y);
    expect(accepted.x).toBe(answered.x + answered.w + 20);
    await look(vera, { x: meaning.x, y: meaning.y - 60 }, 0.75);
    await vera.page.screenshot({ path: outputFile('content-accepted-suggestion.png') });
  });
});
