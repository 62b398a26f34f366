import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const banner = (p: BoardPage) =>
  p.page.locator('.market-banner, [data-testid="market-banner"]').first();

describe('the market square', () => {
  it('two rounds: views move by themselves, a visitor suggests, the host accepts it onto the board', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Torgmøte i Ås',
      groups: ['Gruppe 1', 'Gruppe 2', 'Gruppe 3'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const vera = await crowd().person(null);
    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    const cecilie = await crowd().person(null);
    await joinByCode(vera, code, 'Vera Vert', 'Gruppe 1');
    await joinByCode(anne, code, 'Anne', 'Gruppe 1');
    await joinByCode(bjorn, code, 'Bjørn', 'Gruppe 2');
    await joinByCode(cecilie, code, 'Cecilie', 'Gruppe 3');
    await consolePage.newPhase('Fremtidsreise');
    for (const p of [vera, anne, bjorn, cecilie]) await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    const home = new Map([
      ['vera', vera.page.url()],
      ['bjorn', bjorn.page.url()],
      ['cecilie', cecilie.page.url()],
    ]);

    // Set up: round-robin; group 1 picks Vera to stay home and present; start. The market
    // square is a step of its own in the console (issue 17: the console by the flow).
    await consolePage.openStep('Torgmøte');
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: 'Torgmøte' }),
    });
    await square.getByLabel('Fase (tavlene som besøkes)').selectOption({ label: 'Fremtidsreise' });
    await square.getByLabel('Minutter per runde').fill('2');
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await vera.page
      .getByLabel('Hvem blir igjen og presenterer for Gruppe 1?')
      .selectOption({ label: 'Vera Vert (meg)' });
    await square.getByText('Vertskap: Vera Vert (Gruppe 1)').waitFor();
    // Anne, in the same group, sees the pick.
    await expect
      .poll(() =>
        anne.page
          .getByLabel('Hvem blir igjen og presenterer for Gruppe 1?')
          .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent),
      )
      .toBe('Vera Vert');
    await anne.page.screenshot({ path: outputFile('market-host-pick.png') });
    await square.getByRole('button', { name: 'Start', exact: true }).click();

    // Round 1: group 1 visits group 2, group 2 visits 3, group 3 visits 1; Vera stays.
    await anne.page.waitForURL(home.get('bjorn') ?? '');
    await bjorn.page.waitForURL(home.get('cecilie') ?? '');
    await cecilie.page.waitForURL(home.get('vera') ?? '');
    expect(vera.page.url()).toBe(home.get('vera'));
    await expect
      .poll(async () => (await banner(anne).textContent()) ?? '')
      .toMatch(/Runde 1 av 2 — dere besøker Gruppe 2/);
    await expect
      .poll(async () => (await banner(vera).textContent()) ?? '')
      .toMatch(/dere er vertskap/);

    // Cecilie (group 3) suggests a note on group 1's board.
    await cecilie.page.getByRole('button', { name: 'Kommenter', exact: true }).click();
    await cecilie.page.getByRole('button', { name: 'Kommenter midt i visningen' }).click();
    await cecilie.page.getByRole('radio', { name: 'Forslag' }).check();
    await cecilie.page.getByLabel('Begrunnelse').fill('Dere mangler de pårørende');
    await cecilie.page.getByLabel('Foreslått tekst på lappen').fill('Involver pårørende tidlig');
    await cecilie.page.getByRole('button', { name: 'Send' }).click();
    await cecilie.page.getByLabel('Foreslått tekst på lappen').waitFor({ state: 'detached' });
    await cecilie.page.screenshot({ path: outputFile('market-visitor.png') });

    // Vera (host) reads it in the feedback panel and accepts it: the note appears for everyone.
    await vera.page
      .getByRole('button', { name: /Tilbakemeldinger/ })
      .first()
      .click();
    const panel = vera.page.getByRole('complementary', { name: 'Tilbakemeldinger fra torget' });
    await panel.getByText('Dere mangler de pårørende').waitFor();
    await panel.getByText('Fra Gruppe 3').waitFor();
    await panel.getByRole('button', { name: /Godta forslag 1/ }).click();
    await expect
      .poll(() => cecilie.contentTexts())
      .toContain('Involver pårørende tidlig\n— Gruppe 3');
    await expect.poll(() => vera.contentTexts()).toContain('Involver pårørende tidlig\n— Gruppe 3');
    await vera.page.screenshot({ path: outputFile('market-feedback-panel.png') });

    // The visitor cannot write the host's content: the UI is read-only there.
    await cecilie.page.getByTestId('readonly-badge').waitFor();

    // Round 2: everyone moves on by themselves.
    await square.getByRole('button', { name: 'Neste runde' }).click();
    await anne.page.waitForURL(home.get('cecilie') ?? '');
    await cecilie.page.waitForURL(home.get('bjorn') ?? '');
    await expect
      .poll(async () => (await banner(anne).textContent()) ?? '')
      .toMatch(/Runde 2 av 2 — dere besøker Gruppe 3/);

    // The end asks first and says what will happen; Cancel and Escape change nothing.
    const endButton = square.getByRole('button', { name: 'Avslutt torgmøtet', exact: true });
    const confirm = fac.page.getByRole('dialog', { name: 'Avslutt torgmøtet' });
    await endButton.click();
    await confirm.getByText(/alle deltakerne går tilbake til tavla til sin egen gruppe/).waitFor();
    await fac.page.screenshot({ path: outputFile('market-end-confirm-1400.png') });
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await endButton.click();
    await confirm.waitFor();
    await fac.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await expect
      .poll(() => fac.page.evaluate(() => document.activeElement?.textContent))
      .toBe('Avslutt');
    await square.getByText('Runde 2 av 2').waitFor();
    expect(anne.page.url()).toBe(home.get('cecilie'));
    await expect
      .poll(async () => (await banner(anne).textContent()) ?? '')
      .toMatch(/Runde 2 av 2 — dere besøker Gruppe 3/);

    // Confirmed: everyone goes home.
    await endButton.click();
    await confirm.getByRole('button', { name: 'Ja, avslutt torgmøtet' }).click();
    await cecilie.page.waitForURL(home.get('cecilie') ?? '');
    await bjorn.page.waitForURL(home.get('bjorn') ?? '');

    // A second square on a custom plan, edited as a table (it starts from round-robin).
    await square.getByRole('radio', { name: 'Egen plan' }).check();
    const cell = (round: number, group: string) =>
      square.getByRole('combobox', { name: `Runde ${round}: ${group} besøker` });
    expect(await cell(1, 'Gruppe 1').inputValue()).not.toBe('');
    // Two groups on one board is refused before anything is sent.
    await cell(1, 'Gruppe 1').selectOption({ label: 'Gruppe 3' });
    await square
      .getByRole('alert')
      .getByText('Runde 1: flere grupper besøker Gruppe 3 samtidig.')
      .waitFor();
    expect(await square.getByRole('button', { name: 'Sett opp' }).isDisabled()).toBe(true);
    // One round: group 1 and group 2 swap boards, group 3 stays home; round 2 goes.
    await cell(1, 'Gruppe 2').selectOption({ label: 'Gruppe 1' });
    await cell(1, 'Gruppe 1').selectOption({ label: 'Gruppe 2' });
    await cell(1, 'Gruppe 3').selectOption({ label: 'Blir hjemme' });
    await square.getByRole('button', { name: 'Fjern runde 2' }).click();
    await square.getByText('Gruppe 3 besøker ikke Gruppe 1, Gruppe 2.').waitFor();
    await square.locator('.plan-editor').screenshot({ path: outputFile('market-custom-plan.png') });
    await square
      .getByRole('group', { name: 'Gruppe 1' })
      .getByRole('radio', { name: 'Ingen vert' })
      .check();
    await square.getByRole('button', { name: 'Sett opp' }).click();
    await square.getByRole('button', { name: 'Start', exact: true }).click();
    await anne.page.waitForURL(home.get('bjorn') ?? '');
    await vera.page.waitForURL(home.get('bjorn') ?? '');
    await bjorn.page.waitForURL(home.get('vera') ?? '');
    await expect
      .poll(async () => (await banner(cecilie).textContent()) ?? '')
      .toMatch(/Runde 1 av 1 — dere er hjemme/);
    expect(cecilie.page.url()).toBe(home.get('cecilie'));
  });
});
