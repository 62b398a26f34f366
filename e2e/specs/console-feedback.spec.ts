import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

describe('console toasts and the board export menu', () => {
  it('a toast goes away by itself, can be closed, and follows the language switch', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Meldinger som går',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const toasts = fac.page.locator('.toast-area');
    await consolePage.newPhase('Fremtidsreise');
    await toasts.getByText('Fasen «Fremtidsreise» er opprettet med 2 tavler.').waitFor();
    await fac.page.screenshot({ path: outputFile('toast-laptop.png') });

    // Switching language changes the toast already shown: no Norwegian left behind.
    await fac.page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    const english = toasts.getByText('The phase “Fremtidsreise” has been created with 2 boards.');
    await english.waitFor();
    expect(await toasts.textContent()).not.toMatch(/Fasen|opprettet/);
    // Announced: it is in the polite live region.
    expect(await toasts.locator('[role="status"]').textContent()).toContain('The phase');

    // Gone by itself after a few seconds (no one touches it).
    await english.waitFor({ state: 'hidden', timeout: 20_000 });
    expect(await toasts.textContent()).toBe('');

    // A new one can be closed with its button.
    await fac.page.getByRole('combobox', { name: 'Language' }).selectOption('nb');
    await consolePage.newPhase('Plenum');
    const plenum = toasts.getByText(/Fasen «Plenum» er opprettet/);
    await plenum.waitFor();
    await toasts.getByRole('button', { name: 'Lukk meldingen' }).click();
    await plenum.waitFor({ state: 'hidden' });

    // On a phone too.
    const phone = await crowd().person(null, PHONE);
    await new StartPage(phone.page, baseUrl).createWorkshop({
      title: 'Meldinger på mobilen',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    await new ConsolePage(phone.page).newPhase('Mobil');
    await phone.page
      .locator('.toast-area')
      .getByText(/Fasen «Mobil» er opprettet/)
      .waitFor();
    await phone.page.screenshot({ path: outputFile('toast-phone.png') });
  });

  it('a toast waits while the pointer is on it or it has focus', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    // Time runs as usual; fastForward jumps it (the toast's own timer included).
    await fac.page.clock.install();
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Meldinger som venter',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    const toasts = fac.page.locator('.toast-area');
    await new ConsolePage(fac.page).newPhase('Fremtidsreise');
    const text = toasts.getByText(/Fasen «Fremtidsreise» er opprettet/);
    await text.hover();
    await fac.page.clock.fastForward(20_000);
    expect(await text.isVisible()).toBe(true);
    // Focus holds it too.
    await toasts.getByRole('button', { name: 'Lukk meldingen' }).focus();
    await fac.page.mouse.move(5, 5);
    await fac.page.clock.fastForward(20_000);
    expect(await text.isVisible()).toBe(true);
    // Neither: it goes.
    await fac.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await fac.page.clock.fastForward(20_000);
    await text.waitFor({ state: 'hidden' });
  });

  it('the export menu closes after a download, on Escape (focus back on its button) and on a canvas click', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    const workshopId = await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Eksport som lukker seg',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    await new ConsolePage(fac.page).newPhase('Fremtidsreise');
    const boardLink = fac.page.locator(`a[href^="/w/${workshopId}/b/"]`).first();
    await boardLink.waitFor();
    await fac.page.goto(`${baseUrl}${(await boardLink.getAttribute('href')) ?? ''}`);
    await fac.canvas.waitFor();
    await fac.waitForStatus('connected');

    const summary = fac.page.getByLabel(/Eksporter tavlen/);
    const menu = fac.page.locator('details.export-menu');
    const isOpen = () => menu.evaluate((el) => (el as HTMLDetailsElement).open);

    // Escape: closed, and the focus is back on the menu's button.
    await summary.click();
    await expect.poll(isOpen).toBe(true);
    await menu.getByRole('button', { name: 'PNG', exact: true }).focus();
    await fac.page.keyboard.press('Escape');
    await expect.poll(isOpen).toBe(false);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

    // Escape also when the focus has left the menu.
    await summary.click();
    await expect.poll(isOpen).toBe(true);
    await fac.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await fac.page.keyboard.press('Escape');
    await expect.poll(isOpen).toBe(false);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

    // A click on the canvas closes it.
    await summary.click();
    await expect.poll(isOpen).toBe(true);
    await fac.page.screenshot({ path: outputFile('export-menu-open.png') });
    const box = await fac.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await fac.page.mouse.click(box.x + box.width / 2, box.y + box.height - 80);
    await expect.poll(isOpen).toBe(false);

    // A download closes it.
    await summary.click();
    await expect.poll(isOpen).toBe(true);
    const [file] = await Promise.all([
      fac.page.waitForEvent('download'),
      menu.getByRole('button', { name: 'SVG', exact: true }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.svg$/);
    await expect.poll(isOpen).toBe(false);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
