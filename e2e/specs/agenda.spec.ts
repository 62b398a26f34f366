import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { axeViolations } from '../support/checks.js';
import { createGathering } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** The time of day in Oslo `minutes` from now, as the time field takes it ("HH:MM"). */
function osloClock(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Oslo',
  }).format(Date.now() + minutes * 60_000);
}

describe('the plan of the day', () => {
  it('the facilitator plans the day, sees it is behind plan, and "Start neste steg" runs it: everyone moves', async () => {
    // In Norway: the gathering is dated today there, so "behind plan" is shown at once.
    const fac = await crowd().person(null, {
      viewport: { width: 1400, height: 1000 },
      timezoneId: 'Europe/Oslo',
    });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Kjøreplan i Ås',
      groups: ['Gruppe Nord', 'Gruppe Sør'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await joinByCode(anne, code, 'Anne', 'Gruppe Nord');

    // The plan: a welcome, the future journey in groups, a break. The day started
    // twelve minutes ago, so starting the welcome now is behind plan.
    await consolePage.openStep('Kjøreplan');
    const page = fac.page;
    const panel = page.getByRole('region', { name: 'Kjøreplan', exact: true });
    await panel.getByLabel('Dagen starter kl.').fill(osloClock(-12));
    const steps = [
      { kind: 'Annet', title: 'Velkommen', minutes: '10' },
      { kind: 'Gruppefase', title: 'Fremtidsreise', minutes: '60' },
      { kind: 'Pause', title: 'Pause', minutes: '15' },
    ];
    for (const [i, s] of steps.entries()) {
      const n = i + 1;
      await panel.getByRole('button', { name: 'Legg til steg' }).click();
      await panel.getByLabel(`Type, steg ${n}`).selectOption({ label: s.kind });
      await panel.getByLabel(`Navn, steg ${n}`).fill(s.title);
      await panel.getByLabel(`Minutter, steg ${n}`).fill(s.minutes);
    }
    await panel.getByLabel('Mal, steg 2').selectOption({ label: 'Fremtidsreise' });
    await panel.getByRole('button', { name: 'Lagre kjøreplanen' }).click();
    await page.getByText('Kjøreplanen er lagret.').waitFor();

    const strip = page.getByRole('region', { name: 'Kjøreplan nå' });
    await expect.poll(() => strip.textContent()).toMatch(/Neste: Velkommen, planlagt \d\d\.\d\d/);
    await expect.poll(() => strip.textContent()).toMatch(/1[1-3] min etter planen/);
    expect(await axeViolations(page, 'console, plan of the day')).toEqual([]);
    await page.screenshot({ path: outputFile('agenda-console.png') });

    // The welcome: the step's countdown for everyone.
    await strip.getByRole('button', { name: 'Start neste steg' }).click();
    await expect.poll(() => strip.textContent()).toMatch(/Nå: Velkommen/);
    await expect.poll(() => strip.textContent()).toMatch(/Neste: Fremtidsreise, planlagt/);
    await anne.page.getByRole('timer').first().waitFor();
    // Anne, waiting on the workshop's page, sees the plan with the step running now.
    const plan = anne.page.getByRole('region', { name: 'Dagens plan' });
    await expect
      .poll(() => plan.locator('li[aria-current="step"]').textContent())
      .toMatch(/Velkommen/);
    expect(await plan.getByRole('listitem').allTextContents()).toHaveLength(3);
    await anne.page.screenshot({ path: outputFile('agenda-participant-home-390.png') });

    // The journey: the phase from its template, and Anne lands on her group's board.
    await strip.getByRole('button', { name: 'Start neste steg' }).click();
    await expect.poll(() => strip.textContent()).toMatch(/Nå: Fremtidsreise/);
    // Started twelve minutes late after a ten-minute welcome: the break, after the journey's
    // hour, will be two minutes behind plan.
    await expect.poll(() => strip.textContent()).toMatch(/Neste: Pause.* [1-3] min etter planen/);
    await anne.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.canvas.waitFor();
    await expect.poll(async () => (await anne.contentTexts()).length).toBeGreaterThan(3);
    // On her board, the step running now beside the countdown.
    await expect
      .poll(() => anne.page.locator('.control-banner').textContent())
      .toMatch(/Fremtidsreise/);
    await anne.page.screenshot({ path: outputFile('agenda-participant-board-390.png') });

    // In the plan: the welcome is done, the journey runs, both with their actual times.
    const journey = panel.getByRole('listitem').filter({ has: page.getByLabel('Navn, steg 2') });
    await expect.poll(() => journey.getAttribute('data-current')).toBe('true');
    await expect.poll(() => panel.getByText(/startet \d\d\.\d\d · ferdig/).count()).toBe(1);
    await page.screenshot({ path: outputFile('agenda-running.png') });
  });

  it('plans on a phone too: every field reachable, nothing wider than the screen', async () => {
    const w = await createGathering(baseUrl, 'Kjøreplan på telefon');
    const fac = await crowd().person(null, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = fac.page;
    await page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
    const consolePage = new ConsolePage(page);
    await consolePage.openStep('Kjøreplan');
    const panel = page.getByRole('region', { name: 'Kjøreplan', exact: true });
    for (const n of [1, 2]) {
      await panel.getByRole('button', { name: 'Legg til steg' }).click();
      await panel.getByLabel(`Navn, steg ${n}`).fill(n === 1 ? 'Velkommen' : 'Brukerreise');
    }
    await panel.getByLabel('Type, steg 2').selectOption({ label: 'Gruppefase' });
    await panel.getByLabel('Mal, steg 2').selectOption({ label: 'Brukerreise' });
    await panel.getByRole('button', { name: 'Lagre kjøreplanen' }).click();
    await page.getByText('Kjøreplanen er lagret.').waitFor();
    // Dated another day (23 November): nothing said yet about being behind or ahead.
    const strip = page.getByRole('region', { name: 'Kjøreplan nå' });
    await expect.poll(() => strip.textContent()).toMatch(/Neste: Velkommen, planlagt 09\.00/);
    expect(await strip.textContent()).not.toMatch(/planen/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: outputFile('agenda-console-390.png'), fullPage: true });
  });

  it('a plan is kept as a template for a gathering and used again in the next one', async () => {
    const first = await createGathering(baseUrl, 'Samling 1');
    const plan = {
      dayStart: '08:30',
      steps: [
        { id: 'welcome1', kind: 'text', title: 'Velkommen', minutes: 15 },
        { id: 'journey1', kind: 'phase', title: 'Brukerreise', minutes: 60, template: 'journey' },
        { id: 'present1', kind: 'presentations', title: 'Fremlegg', minutes: 30 },
      ],
    };
    const put = await fetch(`${baseUrl}/api/workshops/${first.workshopId}/agenda`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
    expect(put.status).toBe(200);
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    const page = fac.page;
    await page.goto(`${baseUrl}/w/${first.workshopId}/console#t=${first.token}`);
    const consolePage = new ConsolePage(page);
    await consolePage.openStep('Kjøreplan');
    const panel = page.getByRole('region', { name: 'Kjøreplan', exact: true });
    await panel.getByLabel('Navn på malen').fill('Samlingsdag med brukerreise');
    await panel.getByRole('button', { name: 'Lagre som mal' }).click();
    await page
      .getByText('Kjøreplanen er lagret som malen «Samlingsdag med brukerreise».')
      .waitFor();

    // The next gathering: the plan fetched from the template, looked over, saved.
    const second = await createGathering(baseUrl, 'Samling 2');
    await page.goto(`${baseUrl}/w/${second.workshopId}/console#t=${second.token}`);
    await consolePage.openStep('Kjøreplan');
    await panel.getByText('Ingen steg ennå. Legg til det første.').waitFor();
    await panel
      .getByLabel('Bruk en lagret kjøreplan')
      .selectOption({ label: 'Samlingsdag med brukerreise (3 steg)' });
    await panel.getByRole('button', { name: 'Hent planen' }).click();
    await panel.getByText('Endringene er ikke lagret.').waitFor();
    expect(await panel.getByLabel('Navn, steg 2').inputValue()).toBe('Brukerreise');
    expect(await panel.getByLabel('Mal, steg 2').inputValue()).toBe('journey');
    expect(await panel.getByLabel('Dagen starter kl.').inputValue()).toBe('08:30');
    await panel.getByRole('button', { name: 'Lagre kjøreplanen' }).click();
    await page.getByText('Kjøreplanen er lagret.').waitFor();
    const strip = page.getByRole('region', { name: 'Kjøreplan nå' });
    await expect.poll(() => strip.textContent()).toMatch(/Neste: Velkommen, planlagt 08\.30/);
    expect(await axeViolations(page, 'console, plan loaded from a template')).toEqual([]);
    await page.screenshot({ path: outputFile('agenda-template.png'), fullPage: true });
  });
});
