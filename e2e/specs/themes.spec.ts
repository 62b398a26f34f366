import { frameDefaults, type Shape, stickyDefaults, zAbove } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import { INSIGHT_BOARDS, ONE_FRAME_NOTES } from '../../shared/src/themes/insight-boards.fixture.js';
import { BoardPage, type ShapeJson } from '../pages/BoardPage.js';
import { ConsolePage } from '../pages/WorkshopPages.js';
import { axeViolations } from '../support/checks.js';
import { PHONE } from '../support/devices.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import { sendAsClient } from '../support/send-shapes.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const LAPTOP = { viewport: { width: 1366, height: 900 }, timezoneId: 'Europe/Oslo' };

/** Notes in a row from `x`, as a group would have put them up. */
function notes(texts: readonly string[], prefix: string, at = { x: 0, y: 0 }): Shape[] {
  let z = 'a0';
  return texts.map((text, i) => {
    z = zAbove([z]);
    return {
      ...stickyDefaults(),
      id: `${prefix}${i}`,
      x: at.x + (i % 6) * 230,
      y: at.y + Math.floor(i / 6) * 230,
      z,
      text,
    };
  });
}

describe('themes the groups share', () => {
  it('the facilitator finds the themes of five insight boards, reviews them and places them on a plenary board', async () => {
    const w = await createGathering(
      baseUrl,
      'Innsikt på tvers',
      INSIGHT_BOARDS.map((b) => b.group),
    );
    const phase = await startPhase(baseUrl, w, 'Innsikt', 'blank');
    const fac = await crowd().person(null, LAPTOP);
    const page = fac.page;
    await page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
    const consolePage = new ConsolePage(page);
    for (const [g, board] of INSIGHT_BOARDS.entries())
      await sendAsClient(
        page,
        phase.boardIds[g] as string,
        notes(
          board.notes.map((n) => n.text),
          `g${g}n`,
        ),
        w.token,
      );
    // Every group's 30 notes have reached the server (the boards' live thumbnails say so).
    await consolePage.openStep('Faser og tavler');
    for (const board of INSIGHT_BOARDS)
      await page.getByAltText(`Tavlen Innsikt – ${board.group}: 30 objekter`).waitFor();

    await consolePage.openStep('Temaer');
    const panel = page.getByRole('region', { name: 'Felles temaer på tvers av gruppene' });
    await panel.getByRole('button', { name: 'Finn temaer' }).click();
    const summary = panel.locator('.themes-summary');
    await summary.getByText(/temaer fra 150 lapper i 5 tavler/).waitFor();
    const found = Number((await summary.textContent())?.match(/^(\d+) temaer/)?.[1]);
    expect(found).toBeGreaterThan(10);
    const cards = panel.locator('.theme-card');
    // The four findings every group wrote come first, each "5 av 5 grupper".
    for (let i = 0; i < 4; i++)
      await expect
        .poll(() => cards.nth(i).locator('.theme-groups').textContent())
        .toBe('5 av 5 grupper');
    const contact = cards.filter({ hasText: 'Brukerne er usikre på hvem de skal kontakte' });
    await expect.poll(() => contact.locator('.theme-words').textContent()).toContain('kontakte');
    await page.screenshot({ path: outputFile('themes-found-1366.png') });
    expect(await axeViolations(page, 'themes')).toEqual([]);

    // Renamed where it stands.
    const name = contact.getByRole('textbox', { name: 'Navn på temaet' });
    await name.fill('Usikre på hvem de skal kontakte');
    await name.press('Enter');
    await expect
      .poll(() => panel.locator('.themes-summary').textContent())
      .toContain('gjennomgått');
    // Two small themes merged into one.
    const smallA = cards.nth(5);
    const smallB = cards.nth(6);
    const namesBefore = [
      await smallA.locator('textarea').inputValue(),
      await smallB.locator('textarea').inputValue(),
    ];
    await smallA.getByRole('checkbox', { name: /^Velg temaet/ }).check();
    await smallB.getByRole('checkbox', { name: /^Velg temaet/ }).check();
    await panel.getByRole('button', { name: 'Slå sammen valgte temaer' }).click();
    await summary.getByText(`${found - 1} temaer fra 150 lapper i 5 tavler`).waitFor();
    await expect.poll(() => cards.nth(5).locator('textarea').inputValue()).toBe(namesBefore[0]);

    // On a new plenary board, as frames holding the notes' copies.
    await panel.getByRole('button', { name: 'Lag en ny plenumsfase og legg dem der' }).click();
    await panel.getByText(/Sist lagt på «Felles temaer»/).waitFor();
    await panel.getByRole('link', { name: 'Åpne tavla' }).click();
    await page.getByTestId('board-canvas').waitFor();
    let shapes: ShapeJson[] = [];
    await expect
      .poll(async () => {
        shapes = await page.evaluate(() => (window.__torg?.shapes() ?? []) as ShapeJson[]);
        return shapes.filter((s) => s.type === 'frame').length;
      })
      .toBe(found - 1);
    expect(shapes.map((s) => s.name)).toContain('Usikre på hvem de skal kontakte – 5 av 5 grupper');
    expect(shapes.filter((s) => s.type === 'sticky').map((s) => s.text)).toContain(
      'Folk er usikre på kven dei skal kontakte',
    );
    await page.screenshot({ path: outputFile('themes-plenary-1366.png') });

    // A copy leads to its note on its group's board.
    const copy = shapes.find((s) => s.text === 'Folk er usikre på kven dei skal kontakte');
    const board = new BoardPage(page, baseUrl);
    const frame = shapes.find((s) => s.type === 'frame' && s.name?.startsWith('Usikre på hvem'));
    await page.evaluate(
      (at) => window.__torg?.setCamera({ x: 100 - at.x * 0.5, y: 200 - at.y * 0.5, scale: 0.5 }),
      { x: frame?.x ?? 0, y: frame?.y ?? 0 },
    );
    await board.clickWorld((copy?.x ?? 0) + 100, (copy?.y ?? 0) + 100);
    await page.screenshot({ path: outputFile('themes-copy-selected-1366.png') });
    await page
      .getByRole('link', { name: 'Gå til lappen hos Kultur og frivillighet (nynorsk)' })
      .click();
    await page.waitForURL(new RegExp(`/b/${phase.boardIds[4]}\\?note=g4n3$`));
    await expect.poll(() => page.evaluate(() => window.__torg?.selection())).toEqual(['g4n3']);

    // The console's themes on a phone.
    const phone = await crowd().person(null, PHONE);
    await phone.page.goto(`${baseUrl}/w/${w.workshopId}/console?step=themes#t=${w.token}`);
    await phone.page.getByText(`${found - 1} temaer fra 150 lapper i 5 tavler`).waitFor();
    await phone.page.locator('.theme-card').first().scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: outputFile('themes-console-390.png') });
  });

  it('"Sorter lappene" groups a frame’s notes by their words, and is taken back in one step', async () => {
    const boardId = `sort-${Date.now().toString(36)}`;
    const anne = await crowd().onBoard('Anne', boardId, LAPTOP);
    const frame: Shape = {
      ...frameDefaults(),
      id: 'frame0',
      x: 0,
      y: 0,
      z: 'a0',
      w: 1500,
      h: 760,
      name: 'Smertepunkter',
    };
    const texts = ONE_FRAME_NOTES;
    const scattered = notes(texts, 'note', { x: 40, y: 60 }).map((n) => ({
      ...n,
      z: zAbove([n.z, 'a0']),
    }));
    await sendAsClient(anne.page, boardId, [frame, ...scattered]);
    await expect.poll(async () => (await anne.shapes()).length).toBe(10);
    const before = await anne.shapes();

    // Select the frame by its title and sort.
    await anne.page.evaluate(() => window.__torg?.setCamera({ x: 40, y: 80, scale: 0.8 }));
    await anne.clickWorld(40, -12);
    await anne.page.getByRole('button', { name: 'Sorter lappene' }).click();
    await anne.page
      .getByRole('status')
      .filter({ hasText: 'Lappene er sortert i 3 grupper' })
      .waitFor();
    await anne.page.screenshot({ path: outputFile('themes-sort-1366.png') });
    const after = await anne.shapes();
    const at = (text: string) => after.find((s) => s.text === text) as ShapeJson;
    const box = (group: string[]) => {
      const shapes = group.map(at);
      return {
        x0: Math.min(...shapes.map((s) => s.x ?? 0)),
        x1: Math.max(...shapes.map((s) => (s.x ?? 0) + (s.w ?? 0))),
        y0: Math.min(...shapes.map((s) => s.y ?? 0)),
        y1: Math.max(...shapes.map((s) => (s.y ?? 0) + (s.h ?? 0))),
      };
    };
    const meetings = box([texts[0], texts[3], texts[6]] as string[]);
    const contact = box([texts[1], texts[4], texts[7]] as string[]);
    const responsibility = box([texts[2], texts[5], texts[8]] as string[]);
    const apart = (a: typeof meetings, b: typeof meetings) =>
      a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
    // Each group of three together, no group in another's area, all inside the frame.
    expect(apart(meetings, contact)).toBe(true);
    expect(apart(contact, responsibility)).toBe(true);
    expect(apart(meetings, responsibility)).toBe(true);
    for (const b of [meetings, contact, responsibility])
      expect(b.x0 >= 0 && b.x1 <= 1500 && b.y0 >= 0 && b.y1 <= 760).toBe(true);
    // Each group under a label of its shared words.
    const labels = after.filter((s) => s.type === 'text').map((s) => s.text);
    expect(labels).toHaveLength(3);
    expect(labels.some((l) => l?.includes('møter'))).toBe(true);

    // "Angre sorteringen": as it was, labels gone.
    await anne.page.getByRole('button', { name: 'Angre sorteringen' }).click();
    await expect.poll(async () => JSON.stringify(await anne.shapes())).toBe(JSON.stringify(before));

    // Sorted again, then Ctrl+Z: one step takes it all back too.
    await anne.page.getByRole('button', { name: 'Sorter lappene' }).click();
    await anne.page.getByRole('button', { name: 'Behold' }).waitFor();
    await expect.poll(async () => (await anne.shapes()).length).toBe(13);
    await anne.canvas.focus();
    await anne.page.keyboard.press('Control+z');
    await expect.poll(async () => JSON.stringify(await anne.shapes())).toBe(JSON.stringify(before));

    // On a phone, the same button for the selected frame.
    const bo = await crowd().onBoard('Bo', boardId, PHONE);
    await expect.poll(async () => (await bo.shapes()).length).toBe(10);
    await bo.page.evaluate(() => window.__torg?.setCamera({ x: 10, y: 120, scale: 0.25 }));
    const title = await bo.canvasPoint({ x: 40, y: -12 });
    const tapAt = await bo.at(title.x, title.y);
    await bo.page.touchscreen.tap(tapAt.x, tapAt.y);
    await bo.page.getByRole('button', { name: 'Sorter lappene' }).waitFor();
    await bo.page.screenshot({ path: outputFile('themes-sort-390.png') });
  });
});
