import type { Page } from 'playwright-core';
import { isSignedIn, signInAsFacilitator } from '../support/facilitator.js';
import { BoardPage } from './BoardPage.js';

/** The start page's "Ny samling" form (for a signed-in facilitator). */
export class StartPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.setDefaultTimeout(10_000);
  }

  /**
   * Creates a workshop and returns its id (the page is then on the console). A browser that
   * is not signed in is first let in as a facilitator (an invite in the facilitator's name).
   */
  async createWorkshop(opts: {
    title: string;
    groups: string[];
    facilitator: string;
  }): Promise<string> {
    await this.page.goto(`${this.baseUrl}/`);
    if (!(await isSignedIn(this.page)))
      await signInAsFacilitator(this.page, this.baseUrl, opts.facilitator);
    await this.page.getByRole('heading', { name: 'Ny samling' }).waitFor();
    await this.page.getByLabel('Tittel', { exact: true }).fill(opts.title);
    await this.page.getByLabel('Antall grupper').selectOption(String(opts.groups.length));
    for (const [i, name] of opts.groups.entries())
      await this.page.getByLabel(`Navn på gruppe ${i + 1}`).fill(name);
    await this.page.getByLabel('Ditt navn').fill(opts.facilitator);
    await this.page.getByRole('button', { name: 'Opprett samlingen' }).click();
    // The console, or the form's own words for why not (then the test says them).
    await this.page.waitForFunction(
      () =>
        /\/w\/[^/]+\/console$/.test(window.location.pathname) ||
        document.querySelector('.create-workshop [role="alert"], .sign-in-message'),
    );
    const refusal = this.page.locator('.create-workshop [role="alert"], .sign-in-message');
    if (await refusal.count())
      throw new Error(`creating the workshop failed: ${await refusal.first().textContent()}`);
    await this.page.waitForURL(/\/w\/[^/]+\/console$/);
    return this.page.url().split('/w/')[1]?.split('/')[0] ?? '';
  }
}

/** The console's steps, in the order of the gathering (the tabs' names). */
export type ConsoleStepName =
  | 'Kjøreplan'
  | 'Inviter'
  | 'Faser og tavler'
  | 'Temaer'
  | 'Torgmøte'
  | 'Avstemning'
  | 'Innspill'
  | 'Oppfølging'
  | 'Samlingsrekke'
  | 'Eksport'
  | 'Avslutt';

/**
 * The facilitator console: one step of the gathering shown at a time (tabs), steering
 * (message, timer, bring, locks) always beside it. Methods open the step they need.
 */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /** The tab of a step (its name may end in "nå" when the gathering is at it). */
  stepTab(name: ConsoleStepName) {
    return this.page
      .getByRole('tablist', { name: 'Samlingens steg' })
      .getByRole('tab', { name: new RegExp(`^${name}( nå)?$`) });
  }

  /** Shows a step of the console (its panel). */
  async openStep(name: ConsoleStepName): Promise<void> {
    const tab = this.stepTab(name);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.locator(`#${await tab.getAttribute('aria-controls')}`).waitFor();
  }

  async joinCode(): Promise<string> {
    await this.openStep('Inviter');
    // Shown as two groups of four (`K7M4 QXRT`); the code itself has no space.
    return ((await this.page.getByTestId('join-code').textContent()) ?? '').replace(/\s/g, '');
  }

  async newPhase(name: string, options: { moveEveryone?: boolean } = {}): Promise<void> {
    await this.openNewPhase();
    await this.page.getByLabel('Navn på fasen').fill(name);
    if (options.moveEveryone !== undefined)
      await this.page.getByLabel('Flytt alle til den nye fasen').setChecked(options.moveEveryone);
    await this.page.getByRole('button', { name: 'Opprett fasen' }).click();
  }

  /** The phases step with its "Ny fase" form unfolded (it folds once a phase exists). */
  async openNewPhase(): Promise<void> {
    await this.openStep('Faser og tavler');
    const box = this.page.locator('details.new-phase-box');
    if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
    await this.page.getByLabel('Navn på fasen').waitFor();
  }

  /** "Avslutt torgmøtet", confirmed in its dialog. */
  async endMarket(): Promise<void> {
    await this.openStep('Torgmøte');
    await this.page.getByRole('button', { name: 'Avslutt torgmøtet' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Avslutt torgmøtet' });
    await dialog.getByRole('button', { name: 'Ja, avslutt torgmøtet' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** "Avslutt avstemning", confirmed in its dialog. */
  async closeVote(): Promise<void> {
    await this.openStep('Avstemning');
    await this.page.getByRole('button', { name: 'Avslutt avstemning' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Avslutt avstemning' });
    await dialog.getByRole('button', { name: 'Ja, avslutt avstemningen' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async lockAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lås alle' }).click();
  }

  async sendMessage(text: string): Promise<void> {
    await this.page.getByLabel('Beskjed til alle').fill(text);
    await this.page.getByRole('button', { name: 'Vis beskjeden' }).click();
  }

  async startTimer(minutes: number): Promise<void> {
    await this.page.getByLabel('Minutter', { exact: true }).fill(String(minutes));
    await this.page.getByRole('button', { name: 'Start', exact: true }).click();
  }

  async bringEveryoneTo(boardId: string): Promise<void> {
    await this.page.getByLabel('Hent alle til en tavle').selectOption(boardId);
    await this.page.getByRole('button', { name: 'Hent alle dit' }).click();
  }

  async deleteWorkshop(title: string): Promise<void> {
    await this.openStep('Avslutt');
    await this.page.getByRole('button', { name: 'Slett samlingen' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Skriv tittelen på samlingen for å bekrefte').fill(title);
    await dialog.getByRole('button', { name: 'Slett for godt' }).click();
  }
}

/** Joining by code: name, group, and the board the participant lands on. */
export async function joinByCode(
  board: BoardPage,
  code: string,
  name: string,
  group: string,
): Promise<string> {
  const { page } = board;
  await page.goto(`${board.baseUrl}/`);
  await page.getByLabel('Kode', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Bli med' }).click();
  await page.waitForURL(/\/j\//);
  await page.getByLabel('Navnet ditt').fill(name);
  await page.getByLabel(group).check();
  await page.getByRole('button', { name: 'Bli med' }).click();
  await page.getByText(/Venter på fasilitatoren/).waitFor();
  return page.url();
}

export { BoardPage };
