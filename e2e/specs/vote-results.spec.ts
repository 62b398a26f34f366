import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const LAPTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** A sticky's padding (shared/src/shapes/style.ts): its text stays inside it. */
const STICKY_PADDING = 14;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the text of the note with this text is on the page (its box inside the padding). */
async function textBox(b: BoardPage, text: string): Promise<Box> {
  const shape = (await b.shapes()).find((s) => s.text === text);
  if (!shape) throw new Error(`no note with the text ${text}`);
  const cam = await b.camera();
  const canvas = await b.canvas.boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  const pad = STICKY_PADDING * cam.scale;
  return {
    x: canvas.x + (shape.x ?? 0) * cam.scale + cam.x + pad,
    y: canvas.y + (shape.y ?? 0) * cam.scale + cam.y + pad,
    width: (shape.w ?? 0) * cam.scale - 2 * pad,
    height: (shape.h ?? 0) * cam.scale - 2 * pad,
  };
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Whether anything is drawn over the note's text on the canvas layer where the board's
 * extras (comment pins, earlier the vote's dots) are drawn: its topmost canvas.
 */
async function drawnOverText(b: BoardPage, text: string): Promise<boolean> {
  const box = await textBox(b, text);
  return b.page.evaluate((r) => {
    const canvases = document.querySelectorAll<HTMLCanvasElement>('.konvajs-content canvas');
    const top = canvases[canvases.length - 1];
    const ctx = top?.getContext('2d');
    if (!top || !ctx) return false;
    const at = top.getBoundingClientRect();
    const ratio = top.width / top.clientWidth;
    for (let y = r.y; y < r.y + r.height; y += 4)
      for (let x = r.x; x < r.x + r.width; x += 4) {
        const alpha = ctx.getImageData(
          Math.round((x - at.x) * ratio),
          Math.round((y - at.y) * ratio),
          1,
          1,
        ).data[3];
        if ((alpha ?? 0) > 0) return true;
      }
    return false;
  }, box);
}

/** The badge on the note with this text (page text over the canvas). */
async function badgeOf(b: BoardPage, text: string): Promise<Locator> {
  const shape = (await b.shapes()).find((s) => s.text === text);
  if (!shape) throw new Error(`no note with the text ${text}`);
  return b.page.locator(`[data-testid="vote-badge"][data-shape-id="${shape.id}"]`);
}

/** The badge shows this, and covers none of the note's text (nor does any canvas drawing). */
async function expectBadgeBesideText(b: BoardPage, text: string, shows: string): Promise<void> {
  const badge = await badgeOf(b, text);
  await expect
    .poll(async () => (await badge.locator('span').allTextContents()).join(' '))
    .toBe(shows);
  // Once the view has settled (a panel that just opened narrows the canvas and moves the
  // view): polled, not read at one instant in between.
  const covering = async (): Promise<string[]> => {
    const covered: string[] = [];
    const box = await textBox(b, text);
    const at = await badge.boundingBox();
    if (!at) covered.push('no badge');
    else if (overlaps(at, box)) covered.push('badge');
    for (const part of await badge.locator('span').all()) {
      const p = await part.boundingBox();
      if (p && overlaps(p, box)) covered.push(`part ${await part.textContent()}`);
    }
    if (await drawnOverText(b, text)) covered.push('canvas drawing');
    return covered;
  };
  await expect.poll(covering).toEqual([]);
}

/** Clicks the middle of the note with this text. */
async function pick(b: BoardPage, text: string): Promise<void> {
  const r = await textBox(b, text);
  await b.page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
}

// One gathering through the steps of a vote; each step is its own test (in order, sharing
// the people), so each says what it checks when it fails.
describe('dot voting people can read', () => {
  let fac: BoardPage;
  let anne: BoardPage;
  let per: BoardPage;
  let cecilie: BoardPage;
  let boardA = '';
  let boardB = '';
  const vote = () => fac.page.getByRole('region', { name: 'Prikkavstemning' });

  it('sets up: two groups, a facilitator, two laptops and a phone, notes on both boards', async () => {
    fac = await crowd().person(null, LAPTOP);
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Prioritering i Vik',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    anne = await crowd().person(null, LAPTOP);
    per = await crowd().person(null, PHONE);
    cecilie = await crowd().person(null, LAPTOP);
    await joinByCode(anne, code, 'Anne', 'Gruppe 1');
    await joinByCode(per, code, 'Per', 'Gruppe 1');
    await joinByCode(cecilie, code, 'Cecilie', 'Gruppe 2');
    await consolePage.newPhase('Idémyldring');
    for (const p of [anne, per, cecilie]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await p.canvas.waitFor();
      await p.waitForStatus('connected');
    }
    boardA = anne.page.url();
    boardB = cecilie.page.url();
    expect(boardB).not.toBe(boardA);

    await anne.addSticky(250, 250, 'Flere fastleger');
    await anne.addSticky(550, 250, 'Bedre kollektivtilbud');
    await cecilie.addSticky(300, 300, 'Trygge skoleveier');
    await expect.poll(async () => (await per.contentTexts()).length).toBe(2);
  }, 90_000);

  it('shows no "0" badge on +1 when nobody has given one', async () => {
    // +1 with nobody's +1 yet: no "0" badge on the control.
    await pick(anne, 'Bedre kollektivtilbud');
    const plusOne = anne.page.getByTestId('reaction-toggle');
    await plusOne.waitFor();
    expect(await plusOne.getAttribute('aria-label')).toBe(
      'Gi +1 til det valgte objektet (0 så langt)',
    );
    expect(await plusOne.locator('.count-badge').count()).toBe(0);
    expect((await plusOne.textContent())?.trim()).toBe('+1');
    await anne.page.keyboard.press('Escape');
  });

  it('tells every participant that the vote has started, in a live region, with their dots', async () => {
    await new ConsolePage(fac.page).openStep('Avstemning');
    await vote().getByLabel('Prikker per person').fill('3');
    await vote().getByRole('button', { name: 'Start avstemning' }).click();
    for (const p of [anne, per, cecilie]) {
      const banner = p.page.getByRole('status').filter({ hasText: 'Avstemningen har startet' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(
        'Avstemningen har startet: du har 3 prikker å fordele.',
      );
      expect(await banner.textContent()).toContain('Du har 3 av 3 prikker igjen');
      expect(await banner.getAttribute('data-testid')).toBe('vote-banner');
    }
    await per.page.screenshot({ path: outputFile('vote-banner-phone.png') });
    await anne.page.screenshot({ path: outputFile('vote-banner-laptop.png') });
  });

  it("lets a participant vote on another board's notes from one list without leaving her board", async () => {
    // Anne votes from the list: a note on Gruppe 2's board, without leaving her own.
    await anne.page.getByRole('button', { name: 'Stem fra listen' }).first().click();
    const list = anne.page.getByRole('complementary', { name: 'Lappene i avstemningen' });
    await list.getByRole('region', { name: /denne tavlen/ }).waitFor();
    const other = list.getByRole('region', { name: /Gruppe 2/ });
    await other.getByRole('button', { name: 'Sett prikk på Trygge skoleveier' }).click();
    await other.getByRole('img', { name: 'Dine prikker på Trygge skoleveier: 1' }).waitFor();
    await expect
      .poll(() => anne.page.getByTestId('vote-left').textContent())
      .toBe('Du har 2 av 3 prikker igjen');
    expect(anne.page.url()).toBe(boardA);
    // Two on her own board's note: the note shows "dine 2" beside its text.
    const own = list.getByRole('region', { name: /denne tavlen/ });
    await own.getByRole('button', { name: 'Sett prikk på Flere fastleger' }).click();
    await own.getByRole('img', { name: 'Dine prikker på Flere fastleger: 1' }).waitFor();
    await own.getByRole('button', { name: 'Sett prikk på Flere fastleger' }).click();
    await own.getByRole('img', { name: 'Dine prikker på Flere fastleger: 2' }).waitFor();
    await list.getByText('Du har 0 av 3 prikker igjen').waitFor();
    expect(
      await own.getByRole('button', { name: 'Sett prikk på Bedre kollektivtilbud' }).isDisabled(),
    ).toBe(true);
    await expectBadgeBesideText(anne, 'Flere fastleger', 'dine 2');
    await anne.page.screenshot({ path: outputFile('vote-list-laptop.png') });

    // The facilitator's results count the dot from the list on Gruppe 2's board.
    await vote()
      .getByRole('table', { name: /Gruppe 2/ })
      .getByRole('row', { name: 'Trygge skoleveier 1' })
      .waitFor();

    // Per, on the phone: the list is a sheet he can close; one dot there, one back again.
    await per.page.getByRole('button', { name: 'Stem fra listen' }).first().click();
    const perList = per.page.getByRole('complementary', { name: 'Lappene i avstemningen' });
    const perOwn = perList.getByRole('region', { name: /denne tavlen/ });
    await perOwn.getByRole('button', { name: 'Sett prikk på Flere fastleger' }).click();
    await perOwn.getByRole('img', { name: 'Dine prikker på Flere fastleger: 1' }).waitFor();
    await perOwn.getByRole('button', { name: 'Sett prikk på Bedre kollektivtilbud' }).click();
    await perOwn.getByRole('img', { name: 'Dine prikker på Bedre kollektivtilbud: 1' }).waitFor();
    await perOwn.getByRole('button', { name: 'Sett prikk på Bedre kollektivtilbud' }).click();
    await perOwn.getByRole('img', { name: 'Dine prikker på Bedre kollektivtilbud: 2' }).waitFor();
    await perOwn.getByRole('button', { name: 'Fjern prikk fra Bedre kollektivtilbud' }).click();
    await perOwn.getByRole('img', { name: 'Dine prikker på Bedre kollektivtilbud: 1' }).waitFor();
    await per.page.screenshot({ path: outputFile('vote-list-phone.png') });
    await perList.getByRole('button', { name: 'Lukk' }).click();
    await perList.waitFor({ state: 'detached' });

    // Cecilie votes on her own board's canvas.
    await pick(cecilie, 'Trygge skoleveier');
    await cecilie.page.getByRole('button', { name: 'Sett prikk', exact: true }).click();
    await expect
      .poll(() => cecilie.page.getByTestId('vote-left').textContent())
      .toBe('Du har 2 av 3 prikker igjen');
  }, 60_000);

  it('shows the results as count badges beside the text and a ranked list that shows each note', async () => {
    await vote().getByRole('button', { name: 'Vis resultater' }).click();
    const ranking = anne.page.getByRole('complementary', {
      name: 'Resultater',
    });
    // Anne's vote list is open; the ranking is there once she closes it.
    await anne.page
      .getByRole('complementary', { name: 'Lappene i avstemningen' })
      .getByRole('button', { name: 'Lukk' })
      .click();
    await ranking.getByRole('listitem').first().waitFor();
    const rows = async () =>
      (await ranking.getByRole('listitem').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    await expect
      .poll(rows)
      .toEqual([
        '1. Flere fastleger Idémyldring – Gruppe 1 (denne tavlen) 3 prikker',
        '2. Trygge skoleveier Idémyldring – Gruppe 2 2 prikker',
        '3. Bedre kollektivtilbud Idémyldring – Gruppe 1 (denne tavlen) 1 prikk',
      ]);
    // Badges: everyone's count beside the text, and Anne's own.
    await expectBadgeBesideText(anne, 'Flere fastleger', 'dine 2 3');
    await expectBadgeBesideText(anne, 'Bedre kollektivtilbud', '1');
    await anne.page.screenshot({ path: outputFile('vote-results-laptop.png') });

    // By keyboard: the third result selects its note and brings it into view.
    const third = ranking.getByRole('button', { name: /Bedre kollektivtilbud/ });
    const farAway = { x: -3000, y: -3000, scale: 1 };
    await anne.page.evaluate((c) => window.__torg?.setCamera(c), farAway);
    await third.focus();
    await anne.page.keyboard.press('Enter');
    const noteId = (await anne.shapes()).find((s) => s.text === 'Bedre kollektivtilbud')?.id;
    await expect.poll(() => anne.page.evaluate(() => window.__torg?.selection())).toEqual([noteId]);
    const canvas = await anne.canvas.boundingBox();
    const note = await textBox(anne, 'Bedre kollektivtilbud');
    expect(canvas && overlaps(note, canvas)).toBe(true);

    // Per on the phone: the ranking opens by itself as a sheet; a note on the other board
    // opens that board with the note selected.
    const perRanking = per.page.getByRole('complementary', {
      name: 'Resultater',
    });
    await perRanking.getByRole('listitem').nth(2).waitFor();
    expect(await perRanking.getByRole('listitem').count()).toBe(3);
    await per.page.screenshot({ path: outputFile('vote-results-phone.png') });
    await perRanking.getByRole('button', { name: /Trygge skoleveier/ }).click();
    await per.page.waitForURL(boardB);
    await per.canvas.waitFor();
    await expect
      .poll(async () => {
        const target = (await per.shapes()).find((s) => s.text === 'Trygge skoleveier');
        const selected = await per.page.evaluate(() => window.__torg?.selection());
        return !!target && selected?.join() === target.id;
      })
      .toBe(true);
    await expectBadgeBesideText(per, 'Trygge skoleveier', '2');
    await per.page.screenshot({ path: outputFile('vote-badges-phone.png') });
  }, 60_000);

  it('says so when the vote is closed', async () => {
    await new ConsolePage(fac.page).closeVote();
    const closed = cecilie.page.getByRole('status').filter({ hasText: 'Avstemningen er lukket' });
    await closed.waitFor();
    await cecilie.page
      .getByRole('button', { name: 'Sett prikk', exact: true })
      .waitFor({ state: 'detached' });
    await cecilie.page.screenshot({ path: outputFile('vote-closed-laptop.png') });
  });
});
