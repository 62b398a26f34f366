import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ConsolePage } from '../pages/WorkshopPages.js';
import { axeViolations } from '../support/checks.js';
import { PHONE } from '../support/devices.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const LAPTOP = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Oslo' };

interface Shape {
  id: string;
  type: string;
  text?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  measure?: { owner: string; due: string; status: string; basedOn: string[] };
  source?: { label: string };
}

/** The facilitator's side of the API for a gathering (its token). */
async function asFacilitator<T>(
  w: { workshopId: string; token: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/workshops/${w.workshopId}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

/** A gathering's Markdown report, made as an export job and downloaded once it is done. */
async function markdownReport(w: { workshopId: string; token: string }): Promise<string> {
  const job = await asFacilitator<{ job: { id: string } }>(w, 'POST', '/exports', { format: 'md' });
  const url = `${baseUrl}/api/workshops/${w.workshopId}/exports/${job.job.id}/download`;
  let report = '';
  await expect
    .poll(async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${w.token}` } });
      report = res.ok ? await res.text() : '';
      return res.ok;
    })
    .toBe(true);
  return report;
}

/** Joins Gruppe Nord by code with a name, on whatever page the gathering then shows. */
async function join(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/j/${code}`);
  await page.getByLabel('Navnet ditt').fill(name);
  await page.getByLabel('Gruppe Nord').check();
  await page.getByRole('button', { name: 'Bli med' }).click();
  await page.waitForURL(/\/w\//);
}

describe('between the gatherings', () => {
  it('a series of two gatherings with a stakeholder round between them, and a follow-up report', async () => {
    // The first gathering: goals and measures in groups.
    const first = await createGathering(baseUrl, 'Helse 2035 – samling 1');
    const goals = await startPhase(baseUrl, first, 'Mål og tiltak', 'goals');
    const map = await startPhase(baseUrl, first, 'Interessentkart', 'stakeholders');
    const fac = await crowd().person(null, LAPTOP);
    const page = fac.page;
    await page.goto(`${baseUrl}/w/${first.workshopId}/console#t=${first.token}`);
    const consolePage = new ConsolePage(page);

    // It becomes the first of a series.
    await consolePage.openStep('Samlingsrekke');
    const seriesPanel = page.getByRole('region', { name: 'Samlingsrekke' });
    await seriesPanel.getByLabel('Navn på rekken').fill('Lederutvikling helse');
    await seriesPanel.getByRole('button', { name: 'Start en samlingsrekke' }).click();
    await seriesPanel.getByText('Denne samlingen er en del av').waitFor();
    await expect.poll(() => seriesPanel.locator('.series-gatherings > li').count()).toBe(1);

    // An input round for stakeholders outside the room.
    await consolePage.openStep('Innspill');
    const inputs = page.getByRole('region', { name: 'Innspillsrunder' });
    await inputs.getByLabel('Spørsmålet').fill('Hva er viktigst for deg?');
    await inputs.getByRole('button', { name: 'Start runden' }).click();
    const link = (await inputs.locator('.round .share-url').first().textContent()) ?? '';
    expect(link).toMatch(/\/innspill\//);
    expect(await axeViolations(page, 'the input round in the console')).toEqual([]);

    // Two stakeholders answer on their phones, no account.
    const answer = async (who: string, text: string, name?: string) => {
      const phone = await crowd().person(null, PHONE);
      await phone.page.goto(link);
      await phone.page
        .getByRole('group', { name: 'Hvem er du?' })
        .getByRole('radio', { name: who })
        .tap();
      await phone.page.getByLabel('Ditt innspill').fill(text);
      if (name) await phone.page.getByLabel('Navn (valgfritt)').fill(name);
      await phone.page.getByRole('button', { name: 'Send', exact: true }).tap();
      await phone.page.getByRole('heading', { name: /Takk for innspillet/ }).waitFor();
      return phone;
    };
    const kari = await answer('Pårørende', 'Én fast person å ringe', 'Kari Nordmann');
    await answer('Bruker', 'Én person å ringe til, ikke et sentralbord');

    // The facilitator approves one, merges the duplicate into it, and places it on Nord's board.
    await inputs.getByRole('button', { name: 'Se etter nye innspill' }).click();
    const item = (text: string) =>
      inputs.locator('.round-input').filter({ has: page.locator('p', { hasText: text }) });
    await item('Én fast person å ringe').waitFor();
    await item('Én fast person å ringe').getByRole('button', { name: 'Godkjenn' }).click();
    await item('ikke et sentralbord')
      .getByRole('combobox')
      .selectOption({ label: 'Én fast person å ringe' });
    await item('ikke et sentralbord').getByRole('button', { name: 'Slå sammen' }).click();
    await inputs.getByText('2 innspill teller').waitFor();
    await inputs.getByRole('button', { name: /^Godkjent/ }).click();
    await item('Én fast person å ringe').getByRole('checkbox').check();
    await inputs.getByLabel('Legg på tavla').selectOption({ label: 'Mål og tiltak – Gruppe Nord' });
    await inputs.getByRole('button', { name: 'Legg 1 valgt på tavla' }).click();
    await item('Én fast person å ringe').getByText('lagt på 1 tavle').waitFor();

    // Nora of Nord finds it on the board, tagged "Pårørende", and makes a measure of it.
    const nora = await crowd().person(null, LAPTOP);
    await join(nora.page, first.joinCode, 'Nora');
    await nora.page.goto(`${baseUrl}/w/${first.workshopId}/b/${goals.boardIds[0]}`);
    await nora.waitForStatus('connected');
    await nora.viewSettled();
    const placed = (await nora.shapes()).find((s) => s.text === 'Én fast person å ringe') as
      | Shape
      | undefined;
    expect(placed?.source?.label).toBe('Pårørende');
    if (!placed) throw new Error('the input is not on the board');
    await nora.clickWorld(placed.x + placed.w / 2, placed.y + placed.h / 2);
    await nora.page.getByRole('button', { name: 'Gjør til tiltak' }).click();
    const dialog = nora.page.getByRole('dialog', { name: 'Tiltak' });
    await dialog.getByLabel('Ansvarlig').fill('Enhetsleder hjemmetjenesten');
    await dialog.getByLabel('Frist').fill('2026-01-15');
    await dialog.getByLabel('Status').selectOption({ label: 'I gang' });
    await dialog.getByRole('checkbox', { name: /Pårørende: Én fast person å ringe/ }).check();
    expect(await axeViolations(nora.page, 'the measure dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Lagre tiltaket' }).click();
    await nora.page.getByRole('button', { name: 'Tiltak: I gang' }).waitFor();
    await nora.page.screenshot({ path: outputFile('series-measure-on-board.png') });

    // The facilitator's follow-up: it is late; done now, and the group's note says so.
    await consolePage.openStep('Oppfølging');
    const followUp = page.getByRole('region', { name: 'Oppfølging av tiltak' });
    await followUp.getByRole('button', { name: 'Oppdater' }).click();
    const row = followUp
      .locator('.follow-up-list > li')
      .filter({ hasText: 'Én fast person å ringe' });
    await row.getByText('forsinket').waitFor();
    await row.getByLabel(/Status for/).selectOption({ label: 'Gjennomført' });
    await expect
      .poll(() => followUp.locator('.follow-up-counts li[data-status="done"]').textContent())
      .toMatch(/^1\s/);
    await nora.page.getByRole('button', { name: 'Tiltak: Gjennomført' }).waitFor();
    // Her group's stakeholder map says how many inputs came from whom.
    await nora.page.goto(`${baseUrl}/w/${first.workshopId}/b/${map.boardIds[0]}`);
    const counts = nora.page.locator('.stakeholder-counts');
    await counts.getByText('Innspill fra interessenter').waitFor();
    expect(await counts.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining(['Pårørende: 1', 'Bruker: 1']),
    );
    expect(await axeViolations(page, 'the follow-up list')).toEqual([]);

    // The contributors are told what came of their input.
    await consolePage.openStep('Innspill');
    await inputs.getByRole('button', { name: /Vis «Dette gjorde vi med innspillene»/ }).click();
    await inputs.getByText('Lenke til «Dette gjorde vi med innspillene»').waitFor();
    await kari.page.goto(`${link}/svar`);
    const told = kari.page.getByRole('main');
    await told.getByText('Én fast person å ringe').first().waitFor();
    await told
      .getByText(/Gjennomført/)
      .first()
      .waitFor();
    expect(await axeViolations(kari.page, 'what we did with the input')).toEqual([]);

    // The assignment, and the next gathering with Nord's goals board brought forward.
    await consolePage.openStep('Samlingsrekke');
    const assignment = 'Snakk med tre brukere før neste samling.';
    await seriesPanel.getByLabel('Oppdraget').fill(assignment);
    await seriesPanel.getByRole('button', { name: 'Lagre oppdraget' }).click();
    await seriesPanel.locator('.series-assignment').filter({ hasText: assignment }).waitFor();
    await seriesPanel.getByLabel('Tittel').fill('Helse 2035 – samling 2');
    await seriesPanel.getByLabel('Dato').fill('2027-01-20');
    await seriesPanel
      .locator('.series-bring')
      .getByLabel(/Mål og tiltak – Gruppe Nord/)
      .check();
    await seriesPanel.getByRole('button', { name: 'Lag neste samling' }).click();
    await seriesPanel.getByRole('link', { name: 'Gå til den nye samlingen' }).click();
    await page.waitForURL(/\/console$/);
    const secondId = page.url().split('/w/')[1]?.split('/')[0] ?? '';
    expect(secondId).not.toBe(first.workshopId);

    // The second gathering opens with the assignment and the measures' status.
    // (Above the steps, until the day's first step starts.)
    const brief = page.getByRole('region', { name: /Fra samlingsrekken «Lederutvikling helse»/ });
    await brief.getByText(assignment).waitFor();
    expect(await brief.locator('.follow-up-counts li[data-status="done"]').textContent()).toContain(
      '1',
    );
    await consolePage.openStep('Samlingsrekke');
    expect(
      await page
        .getByRole('region', { name: 'Samlingsrekke' })
        .locator('.series-gatherings > li')
        .count(),
    ).toBe(2);
    expect(await axeViolations(page, 'the series in the console')).toEqual([]);
    await page.screenshot({ path: outputFile('series-second-gathering.png'), fullPage: true });

    // The follow-up report: the second gathering's report lists the measure brought forward.
    const token = await page.evaluate((id) => localStorage.getItem(`torg.token.${id}`), secondId);
    const second = { workshopId: secondId, token: token ?? '' };
    const report = await markdownReport(second);
    expect(report).toContain('Tiltak og oppfølging');
    expect(report).toMatch(
      /Én fast person å ringe – ansvarlig: Enhetsleder hjemmetjenesten, frist: 15\. januar 2026, status: Gjennomført/,
    );
    // And the first gathering's report counts and quotes the input.
    const firstReport = await markdownReport(first);
    expect(firstReport).toContain('«Hva er viktigst for deg?» (2 innspill)');
    expect(firstReport).toContain('«Én fast person å ringe» – Kari Nordmann, Pårørende');

    // A participant of the second gathering on a phone finds the assignment on its page.
    const mona = await crowd().person(null, PHONE);
    await join(mona.page, await consolePage.joinCode(), 'Mona');
    // She is taken to her group's board (brought forward); the gathering's page has the brief.
    await mona.page.waitForURL(/\/b\//);
    await mona.page.getByRole('button', { name: 'Meny' }).tap();
    await mona.page.getByRole('link', { name: 'Samlingen' }).tap();
    await mona.page.getByText(assignment).waitFor();
    expect(await axeViolations(mona.page, 'the brief on a phone')).toEqual([]);
    await mona.page.screenshot({ path: outputFile('series-brief-phone.png'), fullPage: true });
  });
});
