import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** Where an object with this text is on this person's screen (canvas-relative). */
async function onScreen(b: BoardPage, text: string) {
  const shape = (await b.shapes()).find((s) => s.text === text);
  if (!shape) throw new Error(`no object with the text ${text}`);
  const cam = await b.camera();
  const x = (shape.x ?? 0) * cam.scale + cam.x;
  const y = (shape.y ?? 0) * cam.scale + cam.y;
  return { x, y, w: (shape.w ?? 0) * cam.scale, h: (shape.h ?? 0) * cam.scale };
}

/** Clicks the middle of the object with this text, as a person picks it. */
async function pick(b: BoardPage, text: string): Promise<void> {
  const r = await onScreen(b, text);
  await b.click(r.x + r.w / 2, r.y + r.h / 2);
}

/**
 * The vote's badge on an object as this person reads it: "dine 2" for their own dots, then
 * everyone's count once the results are shown ('' when there is none). The badges are page
 * text over the canvas (client/src/workshop/votes/VoteBadges.tsx).
 */
async function badgeOn(b: BoardPage, text: string): Promise<string> {
  const shape = (await b.shapes()).find((s) => s.text === text);
  if (!shape) throw new Error(`no object with the text ${text}`);
  const badge = b.page.locator(`[data-testid="vote-badge"][data-shape-id="${shape.id}"] span`);
  return (await badge.allTextContents()).join(' ');
}

describe('dot voting and +1 in a workshop', () => {
  it('+1 on a note, then a dot vote with a budget, hidden and shown results, and its end', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Prioritering i Ås',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    const cecilie = await crowd().person(null);
    await joinByCode(anne, code, 'Anne', 'Gruppe 1');
    await joinByCode(bjorn, code, 'Bjørn', 'Gruppe 1');
    await joinByCode(cecilie, code, 'Cecilie', 'Gruppe 2');

    await consolePage.newPhase('Idémyldring');
    for (const p of [anne, bjorn, cecilie]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await p.canvas.waitFor();
      await p.waitForStatus('connected');
    }
    expect(bjorn.page.url()).toBe(anne.page.url());
    expect(cecilie.page.url()).not.toBe(anne.page.url());

    // Notes on the boards; the other in the group sees them.
    await anne.addSticky(250, 250, 'Flere fastleger');
    await anne.addSticky(550, 250, 'Bedre kollektivtilbud');
    await bjorn.addSticky(850, 250, 'Digitale konsultasjoner');
    await bjorn.addSticky(250, 550, 'Frivillighetssentral');
    await cecilie.addSticky(400, 300, 'Trygge skoleveier');
    const group1 = [
      'Bedre kollektivtilbud',
      'Digitale konsultasjoner',
      'Flere fastleger',
      'Frivillighetssentral',
    ];
    await expect.poll(async () => (await anne.contentTexts()).sort()).toEqual(group1);
    await expect.poll(async () => (await bjorn.contentTexts()).sort()).toEqual(group1);

    // +1: Anne gives Bjørn's note a +1; Bjørn, with the same note selected, sees the count.
    await pick(anne, 'Digitale konsultasjoner');
    const annePlusOne = anne.page.getByTestId('reaction-toggle');
    await anne.page
      .getByRole('button', { name: 'Gi +1 til det valgte objektet (0 så langt)' })
      .click();
    await anne.page
      .getByRole('button', { name: 'Fjern din +1 fra det valgte objektet (1 så langt)' })
      .waitFor();
    expect(await annePlusOne.getAttribute('aria-pressed')).toBe('true');
    await pick(bjorn, 'Digitale konsultasjoner');
    const bjornPlusOne = bjorn.page.getByTestId('reaction-toggle');
    await expect
      .poll(() => bjornPlusOne.getAttribute('aria-label'))
      .toBe('Gi +1 til det valgte objektet (1 så langt)');
    expect(await bjornPlusOne.locator('.count-badge').getAttribute('data-count')).toBe('1');
    expect(await bjornPlusOne.getAttribute('aria-pressed')).toBe('false');
    // Pressing again takes it back, for both.
    await annePlusOne.click();
    await anne.page
      .getByRole('button', { name: 'Gi +1 til det valgte objektet (0 så langt)' })
      .waitFor();
    await expect
      .poll(() => bjornPlusOne.getAttribute('aria-label'))
      .toBe('Gi +1 til det valgte objektet (0 så langt)');
    // No "0" badge: a count shows only when there is one.
    expect(await bjornPlusOne.locator('.count-badge').count()).toBe(0);

    // The facilitator starts a dot vote on both groups' boards, two dots each, results hidden.
    // The vote is a step of its own in the console (issue 17: the console by the flow).
    await consolePage.openStep('Avstemning');
    const vote = fac.page.getByRole('region', { name: 'Prikkavstemning' });
    const boards = vote.getByRole('group', { name: 'Tavler i avstemningen' });
    const board1 = boards.getByRole('checkbox', { name: /Gruppe 1/ });
    const board2 = boards.getByRole('checkbox', { name: /Gruppe 2/ });
    // The newest phase's boards are ticked already (the phase came after the console opened).
    expect(await board1.isChecked()).toBe(true);
    expect(await board2.isChecked()).toBe(true);
    await vote.getByLabel('Prikker per person').fill('2');
    await vote.getByRole('button', { name: 'Start avstemning' }).click();
    await vote
      .getByText('Avstemningen pågår (2 prikker per person). Resultatene er skjult for deltakerne.')
      .waitFor();

    const left = (p: BoardPage) => p.page.getByTestId('vote-left');
    const place = (p: BoardPage) => p.page.getByRole('button', { name: 'Sett prikk', exact: true });
    for (const p of [anne, bjorn, cecilie])
      await expect.poll(() => left(p).textContent()).toBe('Du har 2 av 2 prikker igjen');

    // Anne: one dot with the button, one with Alt+P on another note.
    await pick(anne, 'Digitale konsultasjoner');
    await place(anne).click();
    await expect.poll(() => left(anne).textContent()).toBe('Du har 1 av 2 prikker igjen');
    await pick(anne, 'Flere fastleger');
    await anne.page.keyboard.press('Alt+P');
    await expect.poll(() => left(anne).textContent()).toBe('Du har 0 av 2 prikker igjen');
    await expect.poll(() => place(anne).isDisabled()).toBe(true);
    await expect.poll(() => badgeOn(anne, 'Flere fastleger')).toBe('dine 1');

    // She takes one back through the vote list, then places it again.
    await anne.page.getByRole('button', { name: 'Stem fra listen' }).first().click();
    const mine = anne.page.getByRole('complementary', { name: 'Lappene i avstemningen' });
    await mine.getByRole('img', { name: 'Dine prikker på Digitale konsultasjoner: 1' }).waitFor();
    await mine.getByRole('button', { name: 'Fjern prikk fra Flere fastleger' }).click();
    await expect.poll(() => left(anne).textContent()).toBe('Du har 1 av 2 prikker igjen');
    await mine.getByRole('img', { name: 'Dine prikker på Flere fastleger: 0' }).waitFor();
    expect(
      await mine.getByRole('button', { name: 'Fjern prikk fra Flere fastleger' }).isDisabled(),
    ).toBe(true);
    await expect.poll(() => badgeOn(anne, 'Flere fastleger')).toBe('');
    await expect.poll(() => place(anne).isEnabled()).toBe(true);
    await place(anne).click();
    await expect.poll(() => left(anne).textContent()).toBe('Du har 0 av 2 prikker igjen');
    await mine.getByRole('img', { name: 'Dine prikker på Flere fastleger: 1' }).waitFor();
    await mine.getByRole('button', { name: 'Lukk' }).click();
    await mine.waitFor({ state: 'detached' });

    // Bjørn puts his dot on the same note as Anne; Cecilie votes on her own board.
    await pick(bjorn, 'Digitale konsultasjoner');
    await place(bjorn).click();
    await expect.poll(() => left(bjorn).textContent()).toBe('Du har 1 av 2 prikker igjen');
    await pick(cecilie, 'Trygge skoleveier');
    await place(cecilie).click();
    await expect.poll(() => left(cecilie).textContent()).toBe('Du har 1 av 2 prikker igjen');

    // Results hidden: each participant sees only their own dots, no counts.
    await expect.poll(() => badgeOn(bjorn, 'Digitale konsultasjoner')).toBe('dine 1');
    expect(await badgeOn(bjorn, 'Flere fastleger')).toBe('');
    await expect.poll(() => badgeOn(anne, 'Digitale konsultasjoner')).toBe('dine 1');

    // The facilitator sees every dot in the console's results, per board.
    const table1 = vote.getByRole('table', { name: /Gruppe 1/ });
    const table2 = vote.getByRole('table', { name: /Gruppe 2/ });
    await table1.getByRole('row', { name: 'Digitale konsultasjoner 2' }).waitFor();
    await table1.getByRole('row', { name: 'Flere fastleger 1' }).waitFor();
    await table1.getByRole('row', { name: 'Sum 3' }).waitFor();
    await table2.getByRole('row', { name: 'Trygge skoleveier 1' }).waitFor();
    await vote.getByText('Totalt 4 prikker').waitFor();
    expect(
      (await table1.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ')),
    ).toEqual(['Digitale konsultasjoner 2', 'Flere fastleger 1']);

    // Shown: Bjørn now sees everyone's count next to his own.
    await vote.getByRole('button', { name: 'Vis resultater' }).click();
    await vote.getByText('Deltakerne ser resultatene.').waitFor();
    await vote.getByRole('button', { name: 'Skjul resultater' }).waitFor();
    await expect.poll(() => badgeOn(bjorn, 'Digitale konsultasjoner')).toBe('dine 1 2');
    await expect.poll(() => badgeOn(bjorn, 'Flere fastleger')).toBe('1');
    await bjorn.page.screenshot({ path: outputFile('vote-board.png') });
    await vote.screenshot({ path: outputFile('vote-results.png') });

    // The end asks first and says what will happen; Cancel and Escape change nothing.
    const closeButton = vote.getByRole('button', { name: 'Avslutt avstemning', exact: true });
    const confirm = fac.page.getByRole('dialog', { name: 'Avslutt avstemning' });
    await closeButton.click();
    await confirm.getByText(/ingen kan sette, flytte eller fjerne prikker/).waitFor();
    await fac.page.screenshot({ path: outputFile('vote-close-confirm-1400.png') });
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await closeButton.click();
    await confirm.waitFor();
    await fac.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await vote.getByText(/Avstemningen pågår/).waitFor();
    expect(await place(anne).count()).toBe(1);

    // Confirmed: no more dots to place; the dots stay for everyone to see.
    await closeButton.click();
    await confirm.getByRole('button', { name: 'Ja, avslutt avstemningen' }).click();
    await vote.getByText('Avstemningen er avsluttet.', { exact: true }).waitFor();
    for (const p of [anne, bjorn, cecilie]) {
      await place(p).waitFor({ state: 'detached' });
      expect(await left(p).count()).toBe(0);
    }
    expect(await badgeOn(anne, 'Digitale konsultasjoner')).toBe('dine 1 2');
  }, 120_000);
});
