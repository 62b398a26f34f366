import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { joinByCode } from '../pages/WorkshopPages.js';
import { axeViolations } from '../support/checks.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

type Frame = { id: string; x: number; y: number; w: number; h: number };

/** The board's frames (its sections) in reading order, as the presenter's page has them. */
async function sections(p: BoardPage): Promise<Frame[]> {
  const frames = (await p.shapes()).filter((s) => s.type === 'frame') as unknown as Frame[];
  return frames.sort((a, b) => (Math.abs(a.y - b.y) < 100 ? a.x - b.x : a.y - b.y));
}

/** Whether this person's view shows `frame` fitted: all of it on screen, filling it one way. */
async function shows(p: BoardPage, frame: Frame): Promise<boolean> {
  await p.viewSettled();
  const box = await p.canvas.boundingBox();
  const cam = await p.camera();
  if (!box) return false;
  const left = cam.x + frame.x * cam.scale;
  const top = cam.y + frame.y * cam.scale;
  const width = frame.w * cam.scale;
  const height = frame.h * cam.scale;
  const inside =
    left >= -2 && top >= -2 && left + width <= box.width + 2 && top + height <= box.height + 2;
  // Fitted: as wide or as tall as the screen but for a margin.
  return inside && (width >= box.width * 0.85 || height >= box.height * 0.85);
}

describe('presentation mode', () => {
  it('a group presents its board section by section; two followers follow, look around and jump back', {
    timeout: 180_000,
  }, async () => {
    const w = await createGathering(baseUrl, 'Presentasjon i Ås');
    const laptop = { viewport: { width: 1400, height: 900 } };
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const [nora, mona, sindre] = [
      await crowd().person(null, laptop),
      await crowd().person(null, laptop),
      await crowd().person(null, phone),
    ];
    await joinByCode(nora, w.joinCode, 'Nora', 'Gruppe Nord');
    await joinByCode(mona, w.joinCode, 'Mona', 'Gruppe Sør');
    await joinByCode(sindre, w.joinCode, 'Sindre', 'Gruppe Sør');
    const { boardIds } = await startPhase(baseUrl, w, 'Fremtidsreise', 'future');
    for (const p of [nora, mona, sindre]) await p.page.waitForURL(/\/b\//);
    const nordBoard = boardIds.find((id) => nora.page.url().endsWith(id));
    expect(nordBoard).toBeDefined();

    // The facilitator presents Nord's board: everyone is taken there, the whole board first.
    const fac = await crowd().person(null, laptop);
    await fac.page.goto(`${baseUrl}/w/${w.workshopId}/b/${nordBoard}#t=${w.token}`);
    await fac.page.getByRole('button', { name: 'Presenter tavla' }).click();
    for (const p of [mona, sindre]) await p.page.waitForURL(new RegExp(`/b/${nordBoard}$`));
    const bar = (p: BoardPage) => p.page.getByRole('region', { name: 'Presentasjon' });
    for (const p of [nora, mona, sindre])
      await expect.poll(() => bar(p).textContent()).toMatch(/Gruppe Nord presenterer.*Hele tavla/);
    // Only the facilitator and Nord's members have the steps.
    expect(await bar(mona).getByRole('button', { name: 'Neste del' }).count()).toBe(0);
    const frames = await sections(nora);
    const [, second, third] = frames;
    if (!second || !third) throw new Error('the template has fewer than three sections');

    // Nora steps through three sections; both followers' views show each one.
    for (const [i, frame] of frames.slice(0, 3).entries()) {
      await bar(nora).getByRole('button', { name: 'Neste del' }).click();
      for (const p of [nora, mona, sindre]) {
        await expect.poll(() => bar(p).textContent()).toContain(`Del ${i + 1} av ${frames.length}`);
        await expect.poll(() => shows(p, frame)).toBe(true);
      }
    }
    // Nora's pointer is seen on the board by the followers.
    const inCanvas = await nora.canvasPoint({ x: third.x + 40, y: third.y + 40 });
    const noraAt = await nora.at(inCanvas.x, inCanvas.y);
    await nora.page.mouse.move(noraAt.x, noraAt.y);
    await nora.page.mouse.move(noraAt.x + 30, noraAt.y + 20, { steps: 4 });
    await mona.waitForPointerOf('Nora');
    await mona.page.screenshot({ path: outputFile('presentation-follower-laptop.png') });
    await sindre.page.screenshot({ path: outputFile('presentation-follower-390.png') });
    expect(await axeViolations(sindre.page, 'board, presentation followed on a phone')).toEqual([]);

    // Sindre looks around (zooms in himself): he stays where he is while Nora goes on.
    const middle = await sindre.at(195, 400);
    await sindre.page.mouse.move(middle.x, middle.y);
    await sindre.page.mouse.wheel(0, -300);
    const back = bar(sindre).getByRole('button', { name: 'Tilbake til presentasjonen' });
    await back.waitFor();
    const looking = await sindre.camera();
    await bar(nora).getByRole('button', { name: 'Forrige del' }).click();
    await expect.poll(() => shows(mona, second)).toBe(true);
    await expect.poll(() => bar(sindre).textContent()).toContain(`Del 2 av ${frames.length}`);
    expect(await sindre.camera()).toEqual(looking);
    await sindre.page.screenshot({ path: outputFile('presentation-looking-around-390.png') });
    // … and jumps back to the part shown now.
    await back.click();
    await expect.poll(() => shows(sindre, second)).toBe(true);
    await back.waitFor({ state: 'detached' });

    // The facilitator ends it: the bar is gone for everyone, views are their own.
    await bar(fac).getByRole('button', { name: 'Avslutt presentasjonen' }).click();
    for (const p of [nora, mona, sindre]) await bar(p).waitFor({ state: 'detached' });
  });
});
