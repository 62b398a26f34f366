import { connectorPath, lookupFrom, newId, type Shape } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const person = (name: string, boardId: string) => crowd().onBoard(name, boardId);

/** A small real PNG made by the browser itself (a photographed flipchart stands in). */
async function pngFrom(page: BoardPage['page']): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 200;
    const ctx = c.getContext('2d');
    if (ctx) {
      ctx.fillStyle = '#f4f1e8';
      ctx.fillRect(0, 0, 320, 200);
      ctx.fillStyle = '#a4262c';
      ctx.font = '28px sans-serif';
      ctx.fillText('Flippover', 90, 110);
    }
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

const types = async (b: BoardPage) => (await b.shapes()).map((s) => s.type).sort();

describe('the board editor with two people', () => {
  it('creates every object type; the other sees them, and an arrow follows a moved sticky', async () => {
    const boardId = newId();
    const anne = await person('Anne', boardId);
    const bjorn = await person('Bjørn', boardId);

    await anne.doubleClickCanvas(160, 160); // sticky by double-click
    await anne.typeAndClose('Flere eldre');
    await anne.chooseTool(/^Rektangel$/);
    await anne.drag([520, 100], [720, 240]);
    await anne.typeAndClose('Vedtak');
    await anne.chooseTool(/^Ellipse$/);
    await anne.click(900, 160);
    await anne.typeAndClose('Bruker');
    await anne.chooseTool(/^Rombe$/);
    await anne.click(1100, 160);
    await anne.typeAndClose('?');
    await anne.chooseTool(/^Tekst$/);
    await anne.click(80, 420);
    await anne.typeAndClose('Hva må vi gjøre?');
    await anne.chooseTool(/^Ramme$/);
    await anne.drag([40, 520], [500, 700]);
    await anne.page.keyboard.type('Fremtidsbildet 2035');
    await anne.page.keyboard.press('Enter');
    await anne.chooseTool(/^Penn$/);
    await anne.drag([600, 560], [800, 640], 20);
    const chooser = anne.page.waitForEvent('filechooser');
    await anne.chooseTool(/^Bilde$/);
    await (await chooser).setFiles({
      name: 'flippover.png',
      mimeType: 'image/png',
      buffer: await pngFrom(anne.page),
    });
    await expect.poll(async () => (await anne.shapes()).some((s) => s.type === 'image')).toBe(true);
    await anne.page.keyboard.press('Escape');
    // Arrow from the sticky to the rectangle.
    await anne.chooseTool(/^Pil$/);
    await anne.drag([160, 160], [620, 170]);

    const all = ['connector', 'drawing', 'frame', 'geo', 'geo', 'geo', 'image', 'sticky', 'text'];
    await expect.poll(() => types(anne)).toEqual(all);
    await expect.poll(() => types(bjorn), { timeout: 2000 }).toEqual(all);
    const arrow = (await bjorn.shapes()).find((s) => s.type === 'connector');
    expect(arrow?.start?.kind).toBe('shape');
    expect(arrow?.end?.kind).toBe('shape');
    await anne.page.screenshot({ path: outputFile('every-object-type.png') });

    // Anne moves the sticky down; on Bjørn's screen the arrow is drawn to where it now is.
    await anne.page.keyboard.press('v');
    await anne.drag([160, 160], [260, 360], 12);
    const stickyAt = async () => (await bjorn.shapes()).find((s) => s.type === 'sticky');
    await expect.poll(async () => (await stickyAt())?.y, { timeout: 2000 }).toBeGreaterThan(200);
    const shapes = (await bjorn.shapes()) as Shape[];
    const path = connectorPath(
      shapes.find((s) => s.type === 'connector') as Extract<Shape, { type: 'connector' }>,
      lookupFrom(shapes),
    );
    if (!path) throw new Error('no path');
    const cam = await bjorn.camera();
    const mid = {
      x: ((path[0] ?? 0) + (path[2] ?? 0)) / 2,
      y: ((path[1] ?? 0) + (path[3] ?? 0)) / 2,
    };
    await expect
      .poll(() => bjorn.inkNear(mid.x * cam.scale + cam.x, mid.y * cam.scale + cam.y))
      .toBe(true);
    await bjorn.page.screenshot({ path: outputFile('arrow-follows.png') });
  });

  it("undo in one browser takes back only that person's change", async () => {
    const boardId = newId();
    const anne = await person('Anne', boardId);
    const bjorn = await person('Bjørn', boardId);
    await anne.doubleClickCanvas(200, 200);
    await anne.typeAndClose('Annes lapp');
    await bjorn.doubleClickCanvas(700, 300);
    await bjorn.typeAndClose('Bjørns lapp');
    await expect
      .poll(async () => (await anne.contentTexts()).sort())
      .toEqual(['Annes lapp', 'Bjørns lapp']);

    await anne.canvas.focus();
    await anne.page.keyboard.press('Control+z'); // her typing
    await anne.page.keyboard.press('Control+z'); // her note
    await expect.poll(() => anne.contentTexts()).toEqual(['Bjørns lapp']);
    await expect.poll(() => bjorn.contentTexts()).toEqual(['Bjørns lapp']);
    await anne.page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await bjorn.contentTexts()).length).toBe(2);
  });

  it("follow mode: clicking someone's name shows what they look at", async () => {
    const boardId = newId();
    const anne = await person('Anne', boardId);
    const bjorn = await person('Bjørn', boardId);
    await bjorn.page.getByRole('button', { name: 'Anne' }).click();
    await bjorn.page.getByText(/Du følger Anne/).waitFor();

    // Anne scrolls far to the right and down.
    await anne.canvas.hover();
    for (let i = 0; i < 10; i++) await anne.page.mouse.wheel(300, 200);
    const target = await anne.viewCentre();
    expect(target.x).toBeGreaterThan(2000);
    await expect
      .poll(async () => {
        const c = await bjorn.viewCentre();
        return Math.abs(c.x - target.x) < 5 && Math.abs(c.y - target.y) < 5;
      })
      .toBe(true);

    // Bjørn moving his own view ends following.
    await bjorn.canvas.hover();
    await bjorn.page.mouse.wheel(0, 300);
    await bjorn.page.getByText(/Du følger Anne/).waitFor({ state: 'detached' });
  });

  it('the outline view reads, adds, edits and deletes with the keyboard only', async () => {
    const boardId = newId();
    const anne = await person('Anne', boardId);
    const bjorn = await person('Bjørn', boardId);
    await bjorn.doubleClickCanvas(300, 300);
    await bjorn.typeAndClose('Befolkningsvekst');
    await expect.poll(() => anne.contentTexts()).toEqual(['Befolkningsvekst']);

    const kb = anne.page.keyboard;
    await anne.canvas.focus();
    await kb.press('Shift+O');
    const outline = anne.page.getByRole('complementary', { name: 'Disposisjon' });
    await outline.waitFor();
    // Bjørn's note is listed and editable as text.
    const bjornsId = (await anne.shapes())[0]?.id ?? '';
    const field = outline
      .locator(`[data-shape-id="${bjornsId}"]`)
      .getByRole('textbox', { name: 'Lapp' });
    await expect.poll(() => field.inputValue()).toBe('Befolkningsvekst');

    // Tab to "Ny lapp …", press Enter: a note is added and its field focused for typing.
    const add = outline.getByRole('button', { name: /Ny lapp i/ });
    for (let i = 0; i < 30 && !(await add.evaluate((el) => el === document.activeElement)); i++)
      await kb.press('Tab');
    await kb.press('Enter');
    await expect
      .poll(() => anne.page.evaluate(() => document.activeElement?.tagName))
      .toBe('TEXTAREA');
    await kb.type('Digitalisering');
    await expect
      .poll(async () => (await bjorn.contentTexts()).sort(), { timeout: 2000 })
      .toEqual(['Befolkningsvekst', 'Digitalisering']);

    // Shift+Tab back to Bjørn's note's field and change it.
    await field.focus();
    await kb.press('End');
    await kb.type(' – flere innbyggere');
    await expect
      .poll(async () => (await bjorn.contentTexts()).sort())
      .toEqual(['Befolkningsvekst – flere innbyggere', 'Digitalisering']);

    // Delete it with its labelled button.
    const del = outline.getByRole('button', {
      name: 'Slett «Befolkningsvekst – flere innbyggere»',
    });
    await del.focus();
    await kb.press('Enter');
    await expect.poll(() => bjorn.contentTexts()).toEqual(['Digitalisering']);
    await anne.page.screenshot({ path: outputFile('outline-keyboard.png') });
  });
});

describe('touch and clipboard', () => {
  it('two fingers pinch to zoom; one finger moves a note', async () => {
    const board = await crowd().onBoard(null, newId(), {
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
    });
    const context = board.page.context();
    await board.doubleClickCanvas(300, 300);
    await board.typeAndClose('Berøring');
    const box = await board.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    const cdp = await context.newCDPSession(board.page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', pts: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: pts.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id })),
      });

    // One finger on the note drags it.
    const before = (await board.shapes())[0];
    await touch('touchStart', [[300, 300]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[300 + i * 20, 300 + i * 10]]);
    await touch('touchEnd', []);
    await expect.poll(async () => (await board.shapes())[0]?.x).toBe((before?.x ?? 0) + 160);

    // Two fingers moving apart zoom in around their midpoint.
    const scale0 = (await board.camera()).scale;
    await touch('touchStart', [
      [600, 400],
      [700, 400],
    ]);
    for (let i = 1; i <= 8; i++) {
      await touch('touchMove', [
        [600 - i * 15, 400],
        [700 + i * 15, 400],
      ]);
    }
    await touch('touchEnd', []);
    await expect.poll(async () => (await board.camera()).scale).toBeGreaterThan(scale0 * 1.8);
  });

  it('copy on one board and paste on another brings the objects, with their arrow, as new copies', async () => {
    const from = await crowd().person(null);
    const page = from.page;
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await from.open(newId());
    await from.waitForStatus('connected');
    await from.doubleClickCanvas(200, 200);
    await from.typeAndClose('Ansatte');
    await from.doubleClickCanvas(600, 200);
    await from.typeAndClose('Ledelse');
    await from.canvas.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('c'); // two selected: connect them
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    const original = await from.shapes();
    expect(original.map((s) => s.type).sort()).toEqual(['connector', 'sticky', 'sticky']);

    await from.open(newId());
    await from.waitForStatus('connected');
    await from.canvas.focus();
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await from.shapes()).length).toBe(3);
    const pasted = await from.shapes();
    expect(pasted.map((s) => s.text ?? '').sort()).toEqual(['', 'Ansatte', 'Ledelse']);
    const ids = new Set(pasted.map((s) => s.id));
    for (const s of original) expect(ids.has(s.id)).toBe(false);
    const arrow = pasted.find((s) => s.type === 'connector');
    expect(ids.has(arrow?.start?.shapeId ?? '')).toBe(true);
    expect(ids.has(arrow?.end?.shapeId ?? '')).toBe(true);
  });
});
