import { frameDefaults, type Shape, stickyDefaults, zAbove } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import { sendAsClient } from '../support/send-shapes.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const LAPTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
/** A frame's title is drawn in a band this tall above the frame (FRAME_STYLE.title.height). */
const TITLE_BAND = 32;

type Box = { x: number; y: number; w: number; h: number };

/** The area the board's objects cover, frame titles included (board coordinates). */
async function contentBounds(p: BoardPage): Promise<Box> {
  const shapes = (await p.shapes()) as Shape[];
  const boxes = shapes.flatMap((s) => {
    if (!('w' in s) || s.type === 'drawing') return [];
    return [s.type === 'frame' ? { ...s, y: s.y - TITLE_BAND, h: s.h + TITLE_BAND } : s];
  });
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    w: Math.max(...boxes.map((b) => b.x + b.w)) - x,
    h: Math.max(...boxes.map((b) => b.y + b.h)) - y,
  };
}

/** The content's box in canvas px, and the canvas's size. */
async function contentOnCanvas(p: BoardPage): Promise<{ content: Box; canvas: Box }> {
  const b = await contentBounds(p);
  const tl = await p.canvasPoint(b);
  const br = await p.canvasPoint({ x: b.x + b.w, y: b.y + b.h });
  const canvas = await p.canvas.boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  return {
    content: { x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y },
    canvas: { x: 0, y: 0, w: canvas.width, h: canvas.height },
  };
}

/**
 * What is wrong with the view, or '' when all of the content is in view, fills a good part of
 * it (not a dot at 10 %), and nothing of it is under the corner's minimap and zoom controls.
 */
async function notFitted(p: BoardPage): Promise<string> {
  const { content, canvas } = await contentOnCanvas(p);
  const box = (b: Box) =>
    `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)}`;
  const where = `content ${box(content)} on canvas ${box(canvas)}`;
  if (
    content.x < -1 ||
    content.y < -1 ||
    content.x + content.w > canvas.w + 1 ||
    content.y + content.h > canvas.h + 1
  )
    return `not all in view: ${where}`;
  if (content.w < canvas.w * 0.6 && content.h < canvas.h * 0.6) return `too small: ${where}`;
  const corner = await p.page.locator('.board-corner').boundingBox();
  const origin = await p.canvas.boundingBox();
  if (corner && origin) {
    const c = { x: corner.x - origin.x, y: corner.y - origin.y, w: corner.width, h: corner.height };
    if (c.x < content.x + content.w && c.y < content.y + content.h)
      return `under the corner ${box(c)}: ${where}`;
  }
  return '';
}

/** Whether a frame's title and a note's words are drawn (dark ink where the words are). */
async function wordsDrawn(p: BoardPage): Promise<{ title: boolean; note: boolean }> {
  const shapes = (await p.shapes()) as Shape[];
  const frame = shapes.find((s) => s.type === 'frame' && s.name.length > 6);
  const note = shapes.find((s) => s.type === 'sticky' && s.text.length > 6);
  if (frame?.type !== 'frame' || note?.type !== 'sticky') throw new Error('no frame or note');
  const cam = await p.camera();
  const r = Math.max(3, 14 * cam.scale);
  // The first letters: a frame's title starts at its left edge, in the band above it; a note's
  // words start inside its padding (14 px) on the first line.
  const t = await p.canvasPoint({ x: frame.x + 20, y: frame.y - TITLE_BAND / 2 });
  const n = await p.canvasPoint({ x: note.x + 14 + 16, y: note.y + 14 + 12 });
  return { title: await p.inkNear(t.x, t.y, r), note: await p.inkNear(n.x, n.y, r) };
}

describe('the board in view', () => {
  it('template boards open fitted and readable (laptop, phone, market visitor); fit leaves room for the feedback panel; a banner moves nothing under the pointer', async () => {
    const fac = await crowd().person(null, LAPTOP);
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Oversikt',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const vera = await crowd().person(null, LAPTOP);
    const anne = await crowd().person(null, PHONE);
    const bjorn = await crowd().person(null, LAPTOP);
    await joinByCode(vera, code, 'Vera', 'Gruppe 1');
    await joinByCode(anne, code, 'Anne', 'Gruppe 1');
    await joinByCode(bjorn, code, 'Bjørn', 'Gruppe 2');
    await consolePage.openNewPhase();
    await fac.page.getByLabel('Navn på fasen').fill('Fremtidsreise');
    await fac.page.locator('label.template-choice', { hasText: 'Fremtidsreise' }).click();
    await fac.page.getByRole('button', { name: 'Opprett fasen' }).click();
    for (const p of [vera, anne, bjorn]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await p.canvas.waitFor();
      await expect.poll(async () => (await p.shapes()).length).toBeGreaterThan(10);
    }
    const veraBoard = vera.page.url();

    // The laptop opens the board fitted to its content, with titles and notes readable.
    // "Fasilitatoren hentet deg hit." stands above the board for a few seconds; the view
    // fits again once it goes.
    await vera.page.getByText('Fasilitatoren hentet deg hit.').waitFor({ state: 'detached' });
    await expect.poll(() => notFitted(vera)).toBe('');
    await expect.poll(() => wordsDrawn(vera)).toEqual({ title: true, note: true });
    await vera.page.screenshot({ path: outputFile('view-open-fitted-1440.png') });
    // "Vis hele tavlen" after moving away: the same readable overview.
    await vera.page.evaluate(() => window.__torg?.setCamera({ x: 500, y: 400, scale: 1.5 }));
    await vera.page.getByRole('button', { name: 'Vis hele tavlen' }).click();
    await expect.poll(() => notFitted(vera)).toBe('');
    expect(await vera.canvas.getAttribute('data-detail')).toBe('full');
    await expect.poll(() => wordsDrawn(vera)).toEqual({ title: true, note: true });
    await vera.page.screenshot({ path: outputFile('view-fit-template-1440.png') });

    // The phone opens fitted too: the middle of its view is on the board, not in a corner.
    await expect.poll(() => notFitted(anne)).toBe('');
    const phoneCentre = await anne.viewCentre();
    const phoneContent = await contentBounds(anne);
    expect(phoneCentre.x).toBeGreaterThan(phoneContent.x + phoneContent.w * 0.25);
    expect(phoneCentre.x).toBeLessThan(phoneContent.x + phoneContent.w * 0.75);
    await anne.page.screenshot({ path: outputFile('view-open-fitted-phone.png') });

    // Vera looks closer (her view is hers now); then a banner appears above her board: what
    // is under her pointer stays where it is.
    await vera.canvas.hover();
    await vera.page.mouse.wheel(0, 120);
    // The wheel's zoom runs over a few frames: measured once it has ended.
    await vera.viewSettled();
    const pointer = await vera.at(600, 400);
    const before = await vera.worldAtPage(pointer);

    // The market square: group 1 (Vera hosts) and group 2 visit each other.
    await consolePage.openStep('Torgmøte');
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: 'Torgmøte' }),
    });
    await square.getByLabel('Fase (tavlene som besøkes)').selectOption({ label: 'Fremtidsreise' });
    await square.getByLabel('Minutter per runde').fill('2');
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await vera.page
      .getByLabel('Hvem blir igjen og presenterer for Gruppe 1?')
      .selectOption({ label: 'Vera (meg)' });
    await square.getByText('Vertskap: Vera (Gruppe 1)').waitFor();
    const bjornBoard = bjorn.page.url();
    await square.getByRole('button', { name: 'Start', exact: true }).click();
    await vera.page.locator('.market-banner').first().waitFor();
    // The canvas keeps what is under the pointer in its resize observer, which runs with the
    // next frame after the banner is in the page: measured once the view has settled.
    await vera.viewSettled();
    const after = await vera.worldAtPage(pointer);
    expect(after.x).toBeCloseTo(before.x, 0);
    expect(after.y).toBeCloseTo(before.y, 0);

    // Visitors see the whole host board, on the laptop and on the phone.
    await bjorn.page.waitForURL(veraBoard);
    await anne.page.waitForURL(bjornBoard);
    for (const p of [bjorn, anne]) {
      await p.canvas.waitFor();
      await expect.poll(async () => (await p.shapes()).length).toBeGreaterThan(10);
      await expect.poll(() => notFitted(p)).toBe('');
    }
    await bjorn.page.screenshot({ path: outputFile('view-visitor-1440.png') });
    // The phone's "comment in the middle of the view" lands on the host's content.
    const centre = await anne.viewCentre();
    const hostContent = await contentBounds(anne);
    expect(centre.x).toBeGreaterThan(hostContent.x);
    expect(centre.x).toBeLessThan(hostContent.x + hostContent.w);
    expect(centre.y).toBeGreaterThan(hostContent.y);
    expect(centre.y).toBeLessThan(hostContent.y + hostContent.h);
    await anne.page.screenshot({ path: outputFile('view-visitor-phone.png') });

    // Fit with the feedback panel: nothing of the board under the panel, whether the panel
    // opens after the fit or the fit comes after the panel.
    await vera.page.getByRole('button', { name: 'Vis hele tavlen' }).click();
    await expect.poll(() => notFitted(vera)).toBe('');
    await vera.page
      .getByRole('button', { name: /Tilbakemeldinger/ })
      .first()
      .click();
    const panel = vera.page.getByTestId('feedback-panel');
    await panel.waitFor();
    const clearOfPanel = async () => {
      const panelBox = await panel.boundingBox();
      const canvasBox = await vera.canvas.boundingBox();
      const b = await contentBounds(vera);
      const right = await vera.canvasPoint({ x: b.x + b.w, y: b.y });
      return (
        (canvasBox?.x ?? 0) + right.x <= (panelBox?.x ?? 0) + 1 && (await notFitted(vera)) === ''
      );
    };
    await expect.poll(clearOfPanel).toBe(true);
    await vera.page.evaluate(() => window.__torg?.setCamera({ x: 0, y: 0, scale: 1 }));
    await vera.page.getByRole('button', { name: 'Vis hele tavlen' }).click();
    await expect.poll(clearOfPanel).toBe(true);
    await vera.page.screenshot({ path: outputFile('view-fit-feedback-panel-1440.png') });
  });

  it('a board of many objects, zoomed far out, still shows the words that are legible', async () => {
    const boardId = `view-many-${Date.now().toString(36)}`;
    const anne = await crowd().onBoard('Anne', boardId, {
      viewport: { width: 1920, height: 1080 },
    });
    // 4 named frames with 192 notes each (772 objects: over the full-detail budget).
    const shapes: Shape[] = [];
    let z: string | null = null;
    const nextZ = () => {
      z = zAbove(z === null ? [] : [z]);
      return z;
    };
    for (let f = 0; f < 4; f++) {
      const fx = (f % 2) * 3400;
      const fy = Math.floor(f / 2) * 2600;
      shapes.push({
        ...frameDefaults(),
        id: `frame${f}`,
        x: fx,
        y: fy,
        z: nextZ(),
        w: 3300,
        h: 2500,
        name: `Seksjon nummer ${f + 1}`,
      });
      for (let i = 0; i < 192; i++)
        shapes.push({
          ...stickyDefaults(),
          id: `n${f}x${i}`,
          x: fx + 40 + (i % 16) * 205,
          y: fy + 40 + Math.floor(i / 16) * 205,
          z: nextZ(),
          text: `Lapp ${i + 1} med tekst`,
        });
    }
    await sendAsClient(anne.page, boardId, shapes);
    await expect.poll(async () => (await anne.shapes()).length).toBe(772);

    // A quarter of full size, many objects in view: drawn in the cheap pass, with words.
    await anne.page.evaluate(() => window.__torg?.setCamera({ x: 40, y: 60, scale: 0.25 }));
    await expect.poll(() => wordsDrawn(anne)).toEqual({ title: true, note: true });
    await anne.page.screenshot({ path: outputFile('view-many-objects-25.png') });
    expect(await anne.canvas.getAttribute('data-detail')).toBe('low');
    expect(Number(await anne.canvas.getAttribute('data-legible-labels'))).toBeGreaterThan(100);

    // So far out that no word could be read: boxes only (the cheap path for huge boards).
    await anne.page.evaluate(() => window.__torg?.setCamera({ x: 40, y: 60, scale: 0.08 }));
    await expect.poll(() => anne.canvas.getAttribute('data-legible-labels')).toBe('0');
    await anne.page.screenshot({ path: outputFile('view-many-objects-8.png') });
  });

  it('a big board opens showing all of it, though its first slice is drawn before the rest', async () => {
    const boardId = `view-big-${Date.now().toString(36)}`;
    const anne = await crowd().onBoard('Anne', boardId, LAPTOP);
    // 1,500 notes: about 20,000 structs, which the server sends in five slices (issue 23).
    const shapes: Shape[] = [];
    let z: string | null = null;
    for (let i = 0; i < 1500; i++) {
      z = zAbove(z === null ? [] : [z]);
      shapes.push({
        ...stickyDefaults(),
        id: `big${i}`,
        x: (i % 50) * 220,
        y: Math.floor(i / 50) * 220,
        z,
        text: `Lapp ${i + 1}`,
      });
    }
    await sendAsClient(anne.page, boardId, shapes);
    await expect.poll(async () => (await anne.shapes()).length).toBe(1500);

    // Someone opens its link: fitted to the first slice at first, then to all of it.
    const bo = await crowd().onBoard('Bo', boardId, LAPTOP);
    await expect.poll(async () => (await bo.shapes()).length).toBe(1500);
    const box = await bo.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await expect
      .poll(async () => {
        const c = await bo.camera();
        const right = (49 * 220 + stickyDefaults().w) * c.scale + c.x;
        const bottom = (29 * 220 + stickyDefaults().h) * c.scale + c.y;
        return c.x >= 0 && c.y >= 0 && right <= box.width && bottom <= box.height;
      })
      .toBe(true);
    await bo.page.screenshot({ path: outputFile('view-big-board-opened.png') });
  });

  it('selecting and deselecting never moves the canvas; the bar floats clear of the selection', async () => {
    const boardId = `view-still-${Date.now().toString(36)}`;
    const anne = await crowd().onBoard('Anne', boardId, LAPTOP);
    // An empty board opens at 100 %.
    expect((await anne.camera()).scale).toBe(1);
    await anne.addSticky(400, 300, 'Midt på');
    await anne.page.keyboard.press('Escape');
    await anne.page.locator('.context-bar').waitFor({ state: 'detached' });
    await anne.addSticky(700, 110, 'Helt øverst');
    await anne.page.keyboard.press('Escape');
    await expect.poll(async () => (await anne.shapes()).length).toBe(2);
    const shapes = await anne.shapes();
    const top = shapes.find((s) => s.text === 'Helt øverst');
    const middle = shapes.find((s) => s.text === 'Midt på');
    if (!top || !middle) throw new Error('notes missing');
    const bar = anne.page.locator('.context-bar');
    const canvasBefore = await anne.canvas.boundingBox();
    const pointer = await anne.at(
      (middle.x ?? 0) + (middle.w ?? 0) / 2,
      (middle.y ?? 0) + (middle.h ?? 0) / 2,
    );
    const worldBefore = await anne.worldAtPage(pointer);

    // Select: the bar appears over the board; the canvas and what is under the pointer stay.
    await anne.page.mouse.click(pointer.x, pointer.y);
    await bar.waitFor();
    expect(await anne.canvas.boundingBox()).toEqual(canvasBefore);
    expect(await anne.worldAtPage(pointer)).toEqual(worldBefore);
    await anne.page.screenshot({ path: outputFile('view-selection-bar-1440.png') });
    // The bar can be reached from the keyboard and is named for a screen reader.
    await expect
      .poll(() => anne.page.getByRole('region', { name: /markert|selected/ }).count())
      .toBeGreaterThan(0);

    // Deselect (a click on empty board): nothing moves either.
    await anne.click(1100, 600);
    await bar.waitFor({ state: 'detached' });
    expect(await anne.canvas.boundingBox()).toEqual(canvasBefore);
    expect(await anne.worldAtPage(pointer)).toEqual(worldBefore);

    // A note at the very top: the bar floats at the bottom instead of over it.
    await anne.clickWorld((top.x ?? 0) + 20, (top.y ?? 0) + 20);
    await bar.waitFor();
    const barBox = await bar.boundingBox();
    const noteTop = await anne.at(top.x ?? 0, top.y ?? 0);
    const noteBottom = await anne.at((top.x ?? 0) + (top.w ?? 0), (top.y ?? 0) + (top.h ?? 0));
    if (!barBox) throw new Error('no bar');
    const overlaps =
      barBox.x < noteBottom.x &&
      barBox.x + barBox.width > noteTop.x &&
      barBox.y < noteBottom.y &&
      barBox.y + barBox.height > noteTop.y;
    expect(overlaps).toBe(false);
    expect(await anne.canvas.boundingBox()).toEqual(canvasBefore);

    // On a phone: a tap selects, the bar floats, the canvas stays.
    const bjorn = await crowd().onBoard('Bjørn', boardId, PHONE);
    await expect.poll(async () => (await bjorn.shapes()).length).toBe(2);
    const phoneCanvas = await bjorn.canvas.boundingBox();
    const at = await bjorn.canvasPoint({
      x: (middle.x ?? 0) + (middle.w ?? 0) / 2,
      y: (middle.y ?? 0) + (middle.h ?? 0) / 2,
    });
    const tapAt = await bjorn.at(at.x, at.y);
    await bjorn.page.touchscreen.tap(tapAt.x, tapAt.y);
    await bjorn.page.locator('.context-bar').waitFor();
    expect(await bjorn.canvas.boundingBox()).toEqual(phoneCanvas);
    await bjorn.page.screenshot({ path: outputFile('view-selection-bar-phone.png') });
  });
});
