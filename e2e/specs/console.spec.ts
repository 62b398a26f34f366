import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { createGathering } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const LAPTOP = { viewport: { width: 1366, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** The console of a gathering, opened with the facilitator's link. */
async function openConsole(page: Page, w: { workshopId: string; token: string }) {
  await page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
  const consolePage = new ConsolePage(page);
  await consolePage.stepTab('Inviter').waitFor();
  return consolePage;
}

/** Which step the gathering is at (aria-current) and which one the console shows. */
async function steps(consolePage: ConsolePage) {
  const tabs = consolePage.page.getByRole('tab');
  const names = (await tabs.allTextContents()).map((n) => n.replace(/^\d+|\s*nå$/g, '').trim());
  const current = await tabs.evaluateAll((els) =>
    els.findIndex((e) => e.getAttribute('aria-current') === 'step'),
  );
  const shown = await tabs.evaluateAll((els) =>
    els.findIndex((e) => e.getAttribute('aria-selected') === 'true'),
  );
  return { names, current: names[current], shown: names[shown] };
}

/** The headings of the console's step sections a person can see, top to bottom. */
const visibleSections = (page: Page) =>
  page.locator('.console-panels [role="tabpanel"]:not([hidden]) section > h2').allTextContents();

/**
 * Text that does not fit its box and is cut off: elements whose content is wider (or, for
 * a text area, taller) than the element while its overflow is hidden or it is a form field.
 */
const cutOff = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.flatMap((el) => {
      const style = getComputedStyle(el);
      const field = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
      const clips = field || style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      const wide = el.scrollWidth > el.clientWidth + 1;
      const tall = field && el.scrollHeight > el.clientHeight + 1;
      const text = field ? (el as HTMLTextAreaElement).value : el.textContent;
      return clips && (wide || tall) ? [text ?? ''] : [];
    }),
  );

const onBoard = (p: BoardPage) => p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);

describe('the facilitator console', () => {
  it('shows who is on each board, at all times: opened after people arrived, people coming and leaving', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1366, height: 800 } });
    // A handle on the console's own sockets, to drop them as a lost network would.
    await fac.page.addInitScript(() => {
      const Native = window.WebSocket;
      const open: WebSocket[] = [];
      let downUntil = 0;
      (window as unknown as { dropSockets(ms: number): void }).dropSockets = (ms) => {
        downUntil = Date.now() + ms;
        for (const s of open.splice(0)) s.close();
      };
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          if (Date.now() < downUntil) this.close();
          else open.push(this);
        }
      };
    });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Nærvær i konsollen',
      groups: ['Gruppe Nord', 'Gruppe Sør'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    await joinByCode(anne, code, 'Anne Aas', 'Gruppe Nord');
    await joinByCode(bjorn, code, 'Bjørn Berg', 'Gruppe Sør');
    await consolePage.newPhase('Brukerreise');
    for (const p of [anne, bjorn]) await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.waitForStatus('connected');
    await bjorn.waitForStatus('connected');
    const anneBoard = anne.page.url().split('/b/')[1] ?? '';
    const bjornBoard = bjorn.page.url().split('/b/')[1] ?? '';
    const online = (boardId: string) =>
      fac.page.locator(`[data-board-id="${boardId}"] .board-online`);

    // The console open while they arrived.
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    await expect.poll(() => online(bjornBoard).textContent()).toMatch(/Bjørn Berg/);

    // From now on the console must show them without a gap, while they work (every presence
    // change reaches the console's thumbnails).
    await fac.page.evaluate(
      (ids) => {
        const seen: string[] = [];
        (window as unknown as { presenceSeen: string[] }).presenceSeen = seen;
        const note = () => {
          for (const id of ids)
            seen.push(
              document.querySelector(`[data-board-id="${id}"] .board-online`)?.textContent ?? '',
            );
        };
        new MutationObserver(note).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      },
      [anneBoard, bjornBoard],
    );
    for (const [p, x] of [
      [anne, 300],
      [bjorn, 400],
      [anne, 500],
    ] as const) {
      await p.page.mouse.move(x, 400);
      await p.page.mouse.move(x + 40, 420, { steps: 4 });
    }
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    const seen = await fac.page.evaluate(
      () => (window as unknown as { presenceSeen: string[] }).presenceSeen,
    );
    expect(seen.filter((text) => !/Anne Aas|Bjørn Berg/.test(text))).toEqual([]);

    // The console opened (reloaded) after they are there.
    await fac.page.reload();
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    await expect.poll(() => online(bjornBoard).textContent()).toMatch(/Bjørn Berg/);

    // The console's network drops and comes back: everyone is listed again at once (not only
    // after their next presence renewal, 15–30 s later).
    await fac.page.evaluate(() =>
      (window as unknown as { dropSockets(ms: number): void }).dropSockets(1500),
    );
    await expect.poll(() => online(anneBoard).textContent()).toBe('Ingen på tavlen');
    await expect
      .poll(() => online(anneBoard).textContent(), { timeout: 10_000 })
      .toMatch(/Anne Aas/);
    await expect
      .poll(() => online(bjornBoard).textContent(), { timeout: 10_000 })
      .toMatch(/Bjørn Berg/);

    // Bjørn leaves: his board is empty again; Anne's still shows her.
    await bjorn.page.close();
    await expect
      .poll(() => online(bjornBoard).textContent(), { timeout: 10_000 })
      .toBe('Ingen på tavlen');
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
  });

  it('follows the gathering: the current step first, the others one tab away, names in full', async () => {
    const longGroup = 'Gruppe for helse, omsorg og velferdsteknologi i distriktskommunene';
    const longName = 'Kristine-Marie Østby-Haugland Johannessen-Abrahamsen';
    const w = await createGathering(baseUrl, 'Steg for steg', [longGroup, 'Gruppe Sør']);
    const fac = await crowd().person(null, LAPTOP);
    const phone = await crowd().person(null, PHONE);
    const laptop = await openConsole(fac.page, w);
    const small = await openConsole(phone.page, w);

    // Nobody has joined: inviting is the step, shown first with the code.
    expect(await steps(laptop)).toEqual({
      names: [
        'Kjøreplan',
        'Inviter',
        'Faser og tavler',
        'Temaer',
        'Torgmøte',
        'Avstemning',
        'Innspill',
        'Oppfølging',
        'Samlingsrekke',
        'Eksport',
        'Avslutt',
      ],
      current: 'Inviter',
      shown: 'Inviter',
    });
    await fac.page.getByTestId('join-code').waitFor();
    expect((await visibleSections(fac.page))[0]).toBe('Inviter');
    await fac.page.screenshot({ path: outputFile('console-invite-1366.png') });
    await phone.page.screenshot({ path: outputFile('console-invite-390.png') });

    // Someone joins: the gathering moves on to the phases, but the code stays on the screen.
    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    await joinByCode(anne, w.joinCode, longName, longGroup);
    await joinByCode(bjorn, w.joinCode, 'Bjørn', 'Gruppe Sør');
    await expect.poll(async () => (await steps(laptop)).current).toBe('Faser og tavler');
    expect((await steps(laptop)).shown).toBe('Inviter');
    await fac.page.getByTestId('join-code').waitFor();
    // The long names are read in full in the groups.
    await fac.page.locator('.member-name', { hasText: longName }).waitFor();
    expect(await cutOff(fac.page, '.member-name, .group-name, .group-card h3')).toEqual([]);
    expect(await cutOff(phone.page, '.member-name, .group-name, .group-card h3')).toEqual([]);

    // The keyboard moves between the steps (arrow keys, as tabs do).
    await laptop.stepTab('Inviter').focus();
    await fac.page.keyboard.press('ArrowRight');
    expect((await steps(laptop)).shown).toBe('Faser og tavler');
    await expect
      .poll(() => fac.page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('tab');

    // A phase: board names and who is on them, in full, on a laptop and on a phone.
    await laptop.newPhase('Tiltak');
    await onBoard(anne);
    await onBoard(bjorn);
    const longBoard = fac.page.getByRole('textbox', { name: 'Navn på tavlen' }).first();
    await expect.poll(() => longBoard.inputValue()).toBe(`Tiltak – ${longGroup}`);
    await fac.page.locator('.board-online', { hasText: longName }).waitFor();
    const boardText = '.board-name, .board-owner, .board-online, .phase h3';
    expect(await cutOff(fac.page, boardText)).toEqual([]);
    await fac.page.screenshot({ path: outputFile('console-phases-1366.png') });
    await small.openStep('Faser og tavler');
    await phone.page.locator('.board-online', { hasText: longName }).waitFor();
    expect(await cutOff(phone.page, boardText)).toEqual([]);
    await phone.page.screenshot({ path: outputFile('console-phases-390.png'), fullPage: true });

    // The market square is set up and started on the laptop: the phone's console, on the
    // phases, goes to the market by itself, and shows it first.
    await laptop.openStep('Torgmøte');
    const square = fac.page.getByRole('region', { name: 'Torgmøte' });
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await square.getByRole('button', { name: 'Start', exact: true }).click();
    await square.getByText(/Runde 1 av/).waitFor();
    await expect.poll(() => steps(small)).toMatchObject({ current: 'Torgmøte', shown: 'Torgmøte' });
    expect((await visibleSections(phone.page))[0]).toBe('Torgmøte');
    await phone.page
      .getByText(/Runde 1 av/)
      .first()
      .waitFor();
    await phone.page.screenshot({ path: outputFile('console-market-390.png') });
    await fac.page.screenshot({ path: outputFile('console-market-1366.png') });

    // Ending it asks first, on the phone too; Escape changes nothing.
    await phone.page.getByRole('button', { name: 'Avslutt torgmøtet', exact: true }).click();
    const confirm = phone.page.getByRole('dialog', { name: 'Avslutt torgmøtet' });
    await confirm.getByText(/alle deltakerne går tilbake/).waitFor();
    await phone.page.screenshot({ path: outputFile('console-confirm-390.png') });
    await phone.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await square.getByText(/Runde 1 av/).waitFor();
    expect((await steps(laptop)).current).toBe('Torgmøte');
    await laptop.endMarket();
    await expect.poll(async () => (await steps(laptop)).current).toBe('Avstemning');
    // Nobody is taken off the market's page by the end of it.
    expect((await steps(laptop)).shown).toBe('Torgmøte');
  });

  it('a new phase moves everyone to their new board only when the facilitator says so', async () => {
    const w = await createGathering(baseUrl, 'Flytt alle');
    const fac = await crowd().person(null, LAPTOP);
    const laptop = await openConsole(fac.page, w);
    const anne = await crowd().person(null, LAPTOP);
    const bjorn = await crowd().person(null, PHONE);
    await joinByCode(anne, w.joinCode, 'Anne', 'Gruppe Nord');
    await joinByCode(bjorn, w.joinCode, 'Bjørn', 'Gruppe Sør');
    await laptop.newPhase('Brukerreise');
    for (const p of [anne, bjorn]) await onBoard(p);
    const firstBoard = anne.page.url();
    const title = (p: BoardPage) => p.page.locator('.board-title, .phone-title').textContent();

    // Not moving: they stay, with a line saying where their new board is.
    await laptop.newPhase('Fremtidsbilde', { moveEveryone: false });
    await anne.page
      .getByText('Gruppen din har en ny tavle: Fremtidsbilde – Gruppe Nord.')
      .waitFor();
    expect(anne.page.url()).toBe(firstBoard);
    expect(await title(anne)).toMatch(/^Brukerreise/);

    // Moving everyone (ticked unless the facilitator unticks it): each goes to their group's
    // board of the new phase, on the laptop and on the phone.
    expect(await fac.page.getByLabel('Flytt alle til den nye fasen').isChecked()).toBe(true);
    await laptop.newPhase('Tiltak');
    await expect.poll(() => title(anne)).toMatch(/^Tiltak – Gruppe Nord/);
    await expect.poll(() => title(bjorn)).toMatch(/^Tiltak – Gruppe Sør/);
    await anne.waitForStatus('connected');
    await bjorn.waitForStatus('connected');
    // Said where people look and read aloud (a status region), as for "bring everyone".
    await anne.page.getByRole('status').getByText('Fasilitatoren hentet deg hit.').waitFor();
    await bjorn.page.getByRole('status').getByText('Fasilitatoren hentet deg hit.').waitFor();
    await anne.page.screenshot({ path: outputFile('phase-moved-1366.png') });
    await bjorn.page.screenshot({ path: outputFile('phase-moved-390.png') });

    // An old command is history: back on the first board and reloading, Anne stays there.
    await anne.page.goto(firstBoard);
    await anne.waitForStatus('connected');
    expect(await title(anne)).toMatch(/^Brukerreise/);
    expect(anne.page.url()).toBe(firstBoard);
  });
});
