import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** Everything a page says in its console and every socket it opens, from the start. */
function listen(page: Page) {
  const said: string[] = [];
  const sockets: string[] = [];
  page.on('console', (m) => said.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => sockets.push(ws.url()));
  return { said, sockets };
}

const tokenOf = (p: BoardPage, workshopId: string) =>
  p.page.evaluate((id) => localStorage.getItem(`torg.token.${id}`) ?? '', workshopId);

const banner = (p: BoardPage) => p.page.getByTestId('market-banner');

/** Clicks where the object `text` is drawn on `p`'s canvas. */
async function clickObject(p: BoardPage, text: string) {
  const shape = (await p.shapes()).find((s) => s.text === text);
  if (!shape) throw new Error(`no object «${text}»`);
  const cam = await p.camera();
  const box = await p.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const x = ((shape.x ?? 0) + (shape.w ?? 0) / 2) * cam.scale + cam.x;
  const y = ((shape.y ?? 0) + (shape.h ?? 0) / 2) * cam.scale + cam.y;
  await p.page.mouse.click(box.x + x, box.y + y);
}

const LONG_NOTE = 'Involver pårørende tidlig i planleggingen av alle tjenestene i kommunen';

describe('words in the room, and no token in the console', () => {
  it('a market round names the right board, its end shows no time left, and no page logs a token', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    const workshopId = await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Ord på torget',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    const bjorn = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    const cecilie = await crowd().person(null, PHONE);
    const heard = new Map([
      ['anne', listen(anne.page)],
      ['bjorn', listen(bjorn.page)],
      ['cecilie', listen(cecilie.page)],
    ]);
    await joinByCode(anne, code, 'Anne', 'Gruppe 1');
    await joinByCode(bjorn, code, 'Bjørn', 'Gruppe 2');
    await joinByCode(cecilie, code, 'Cecilie', 'Gruppe 2');

    // Who you are, said once.
    const you = anne.page.locator('.card.you p').first();
    await expect.poll(() => you.textContent()).toBe('Du er med som deltaker i Gruppe 1.');

    await consolePage.newPhase('Fremtidsreise');
    for (const p of [anne, bjorn, cecilie]) await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    const home = new Map([
      ['anne', anne.page.url()],
      ['bjorn', bjorn.page.url()],
    ]);
    await anne.waitForStatus('connected');
    await anne.addSticky(300, 300, LONG_NOTE);

    // Anne stays home and presents; group 2 visits group 1. Rounds of 30 seconds.
    await consolePage.openStep('Torgmøte');
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: 'Torgmøte' }),
    });
    await square.getByLabel('Fase (tavlene som besøkes)').selectOption({ label: 'Fremtidsreise' });
    await square.getByLabel('Minutter per runde').fill('0.5');
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await anne.page
      .getByLabel('Hvem blir igjen og presenterer for Gruppe 1?')
      .selectOption({ label: 'Anne (meg)' });
    await square.getByText('Vertskap: Anne (Gruppe 1)').waitFor();
    await square.getByRole('button', { name: 'Start', exact: true }).click();
    await bjorn.page.waitForURL(home.get('anne') ?? '');
    await cecilie.page.waitForURL(home.get('anne') ?? '');

    // The host, on her own board: the banner names it; nothing sends her elsewhere.
    await expect
      .poll(async () => (await banner(anne).textContent()) ?? '')
      .toMatch(/Runde 1 av 1 — dere er vertskap på Fremtidsreise – Gruppe 1/);
    expect(await anne.page.locator('.board-notices').textContent()).not.toMatch(/Tavlen til/);
    await expect
      .poll(async () => (await banner(bjorn).textContent()) ?? '')
      .toMatch(/dere besøker Gruppe 1/);
    await expect.poll(async () => (await banner(bjorn).textContent()) ?? '').toMatch(/Tid igjen/);
    await anne.page.screenshot({ path: outputFile('market-banner-round-laptop.png') });
    await cecilie.page.screenshot({ path: outputFile('market-banner-round-phone.png') });

    // A visitor comments on the host's long note: the pinned-to text ends at a word, with "…".
    await bjorn.waitForStatus('connected');
    await bjorn.page.getByTestId('comment-add').click();
    await expect.poll(async () => (await bjorn.shapes()).length).toBeGreaterThan(0);
    await clickObject(bjorn, LONG_NOTE);
    const target = bjorn.page.locator('.comment-target');
    await target.waitFor();
    const shown = (await target.locator('[aria-hidden="true"]').textContent()) ?? '';
    const cut = /^Festet til «(.*)»$/.exec(shown)?.[1] ?? '';
    expect(cut.endsWith('…')).toBe(true);
    expect(LONG_NOTE.startsWith(cut.slice(0, -1))).toBe(true);
    expect(LONG_NOTE[cut.length - 1]).toBe(' ');
    expect(await target.getAttribute('title')).toBe(LONG_NOTE);
    expect(await target.textContent()).toContain(`«${LONG_NOTE}»`);
    await bjorn.page.screenshot({ path: outputFile('comment-pinned-cut.png') });
    await bjorn.page.getByRole('button', { name: 'Avbryt' }).click();

    // The visitor back on his own board mid-round: pointed to the board he visits, as a visit.
    await bjorn.page.getByRole('link', { name: 'Samlingen' }).click();
    await bjorn.page.getByRole('link', { name: /Gå til gruppens tavle/ }).click();
    await bjorn.page.waitForURL(home.get('bjorn') ?? '');
    const notice = bjorn.page.locator('.board-notices');
    await notice.getByText('Denne runden besøker du Gruppe 1: Fremtidsreise – Gruppe 1.').waitFor();
    expect(await notice.textContent()).not.toMatch(/Tavlen til gruppen din/);
    await notice.getByRole('link', { name: 'Gå dit' }).click();
    await bjorn.page.waitForURL(home.get('anne') ?? '');
    // A reconnect of the read-only visitor.
    await bjorn.page.reload();
    await bjorn.waitForStatus('connected');

    // The round runs out: "over", and no "time left" beside it.
    for (const p of [anne, cecilie]) {
      await banner(p).getByText('Runden er over').waitFor({ timeout: 45_000 });
      expect(await banner(p).textContent()).not.toMatch(/Tid igjen/);
    }
    await anne.page.screenshot({ path: outputFile('market-banner-over-laptop.png') });
    await cecilie.page.screenshot({ path: outputFile('market-banner-over-phone.png') });

    // No page ever printed a token, and no socket carried one in its address.
    for (const [name, p] of [
      ['anne', anne],
      ['bjorn', bjorn],
      ['cecilie', cecilie],
    ] as const) {
      const token = await tokenOf(p, workshopId);
      expect(token.length, name).toBeGreaterThan(20);
      const { said, sockets } = heard.get(name) ?? { said: [], sockets: [] };
      expect(sockets.length, name).toBeGreaterThan(0);
      expect(
        said.filter((line) => line.includes(token)),
        name,
      ).toEqual([]);
      expect(
        said.filter((line) => /Permission denied/.test(line)),
        name,
      ).toEqual([]);
      // Nor does our own server's header make the browser complain on every page.
      expect(
        said.filter((line) => /Permissions-Policy/.test(line)),
        name,
      ).toEqual([]);
      expect(
        sockets.filter((url) => url.includes(token) || url.includes('token=')),
        name,
      ).toEqual([]);
      expect(p.page.url(), name).not.toContain(token);
    }

    // A facilitator link (`#t=<token>`): the page keeps the token and takes it out of the address.
    const facToken = await tokenOf(fac, workshopId);
    const co = await crowd().person(null);
    const coHeard = listen(co.page);
    await co.page.goto(`${baseUrl}/w/${workshopId}#t=${facToken}`);
    await co.page.waitForURL(
      (url) => url.hash === '' && url.pathname.startsWith(`/w/${workshopId}`),
    );
    await expect.poll(() => tokenOf(co, workshopId)).toBe(facToken);
    expect(co.page.url()).not.toContain(facToken);
    await co.page.getByText('Ord på torget').first().waitFor();
    expect(coHeard.said.filter((line) => line.includes(facToken))).toEqual([]);
    expect(coHeard.sockets.filter((url) => url.includes(facToken))).toEqual([]);
  });
});
