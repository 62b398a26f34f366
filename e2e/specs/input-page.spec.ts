import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/checks.js';
import { PHONE } from '../support/devices.js';
import { createGathering } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const DAY = 24 * 60 * 60 * 1000;
const LAPTOP = { viewport: { width: 1280, height: 800 } };

/** The facilitator's side of the API for a gathering (its token). */
function facilitator(w: { workshopId: string; token: string }) {
  return async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/workshops/${w.workshopId}${apiPath}`, {
      method,
      headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.ok, `${method} ${apiPath}: ${res.status}`).toBe(true);
    return (await res.json()) as T;
  };
}

interface Round {
  id: string;
  stakeholders: { id: string; label: string }[];
  inputs: {
    id: string;
    text: string;
    name: string | null;
    status: string;
    stakeholderId: string;
  }[];
}

/** A screenshot in e2e/output, and a copy in $TORG_SHOTS (when set) to look at. */
async function shot(page: Page, name: string): Promise<void> {
  const file = outputFile(name);
  await page.screenshot({ path: file, fullPage: true });
  const copies = process.env.TORG_SHOTS;
  if (copies) {
    fs.mkdirSync(copies, { recursive: true });
    fs.copyFileSync(file, path.join(copies, name));
  }
}

/** Where the keyboard goes from the top of the page on: one line per stop, until `last`. */
async function tabStops(page: Page, last: string, max = 40): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      const name = el.getAttribute('name') ?? '';
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}[name=${name}] ${text}`;
    });
    stops.push(stop);
    if (stop.includes(last)) break;
  }
  return stops;
}

describe('an input round’s public pages', () => {
  it('takes a stakeholder’s inputs on a phone, and shows what came of them once published', {
    timeout: 120_000,
  }, async () => {
    const w = await createGathering(baseUrl, 'Helse i Ås');
    const call = facilitator(w);
    const round = await call<Round>('POST', '/rounds', {
      question: 'Hva bør kommunen gjøre for at pårørende skal bli hørt?',
      closesAt: Date.now() + 7 * DAY,
    });
    const relative = round.stakeholders.find((s) => s.label === 'Pårørende');
    expect(relative).toBeDefined();

    const { page } = await crowd().person(null, PHONE);
    await page.goto(`${baseUrl}/innspill/${w.workshopId}/${round.id}`);
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Hva bør kommunen gjøre for at pårørende skal bli hørt?',
      })
      .waitFor();
    await page.getByText('Innspill til Helse i Ås').waitFor();
    await page.getByText(/^Åpen til \d+\. \p{L}+ \d{4}, kl\. \d\d\.\d\d$/u).waitFor();
    const who = page.getByRole('group', { name: 'Hvem er du?' });
    expect(await who.getByRole('radio').count()).toBe(round.stakeholders.length);
    await page
      .getByText('Ikke skriv sensitive personopplysninger om andre', { exact: false })
      .waitFor();
    await page.getByText('1000 tegn igjen').waitFor();
    expect(await axeViolations(page, 'input form')).toEqual([]);

    // Big enough to tap, and no zooming into the fields.
    const targets = page.locator(
      '.input-form .radio-card, .input-form button, .input-form textarea, .input-form input:not([type=radio]):not([name=website]), .locale-switch',
    );
    for (const box of await targets.evaluateAll((els) =>
      els.map((el) => ({
        what: `${el.tagName} ${el.textContent?.trim().slice(0, 30)}`,
        height: el.getBoundingClientRect().height,
        width: el.getBoundingClientRect().width,
        right: el.getBoundingClientRect().right,
        font: Number.parseFloat(getComputedStyle(el).fontSize),
      })),
    )) {
      expect(box.height, box.what).toBeGreaterThanOrEqual(44);
      expect(box.width, box.what).toBeGreaterThanOrEqual(44);
      expect(box.right, `${box.what} fits the screen`).toBeLessThanOrEqual(390);
      if (/^(TEXTAREA|INPUT|SELECT)/.test(box.what))
        expect(box.font, box.what).toBeGreaterThanOrEqual(16);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    // The field for robots: hidden from people and their tools, never on the keyboard's way.
    const trap = page.locator('input[name=website]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await trap.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
    expect(await trap.evaluate((el) => el.getBoundingClientRect().right <= 0)).toBe(true);
    const stops = await tabStops(page, 'Send');
    expect(stops.at(-1)).toContain('button[name=] Send');
    expect(stops.some((s) => s.includes('Ditt innspill') || s.startsWith('textarea'))).toBe(true);
    expect(stops.filter((s) => s.includes('name=website'))).toEqual([]);
    await shot(page, 'input-form-390.png');

    // Sending nothing: told what is missing, at the first thing to fix.
    await page.getByRole('button', { name: 'Send', exact: true }).tap();
    await page.getByRole('alert').filter({ hasText: 'Velg hvem du er.' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Skriv innspillet ditt før du sender.' })
      .waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe(
      'radio',
    );

    // Who, two inputs and a name.
    await who.getByRole('radio', { name: 'Pårørende' }).tap();
    await page.getByLabel('Ditt innspill').fill('Ring oss før møtene, ikke etter.');
    await page.getByText('968 tegn igjen').waitFor();
    await page.getByRole('button', { name: 'Legg til et innspill til' }).tap();
    const second = page.getByLabel('Innspill 2', { exact: true });
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
    await second.fill('Et fast kontaktpunkt i kommunen for pårørende.');
    // A third, removed again: the second keeps the focus.
    await page.getByRole('button', { name: 'Legg til et innspill til' }).tap();
    await page.getByRole('button', { name: 'Fjern innspill 3' }).tap();
    expect(await page.locator('textarea').count()).toBe(2);
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Navn (valgfritt)').fill('Kari Nordmann');
    await shot(page, 'input-filled-390.png');

    // Refused for sending too much, then no network: said so, and nothing typed is lost.
    const answerUrl = `${baseUrl}/api/input/${w.workshopId}/${round.id}`;
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await page.route(answerUrl, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 429, json: { error: 'too_fast', message: 'slow down' } })
        : route.continue(),
    );
    await send.tap();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Du har sendt mange innspill på kort tid. Vent litt og prøv igjen.' })
      .waitFor();
    await page.unroute(answerUrl);
    await page.route(answerUrl, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    await send.tap();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Innspillet ble ikke sendt: får ikke kontakt med serveren.' })
      .waitFor();
    await page.unroute(answerUrl);
    expect(await page.getByLabel('Innspill 2', { exact: true }).inputValue()).toBe(
      'Et fast kontaktpunkt i kommunen for pårørende.',
    );
    await send.tap();

    const thanks = page.getByRole('heading', { name: 'Takk for innspillene!' });
    await thanks.waitFor();
    await expect.poll(() => thanks.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('form').count()).toBe(0);
    expect(await axeViolations(page, 'input thanks')).toEqual([]);
    await shot(page, 'input-thanks-390.png');

    // Stored, waiting for the facilitator, with the name.
    const [stored] = await call<Round[]>('GET', '/rounds');
    // Sent together, they share a moment: in no particular order.
    const rows = stored?.inputs.map((i) => [i.text, i.status, i.name, i.stakeholderId]);
    expect(rows?.sort()).toEqual([
      ['Et fast kontaktpunkt i kommunen for pårørende.', 'pending', 'Kari Nordmann', relative?.id],
      ['Ring oss før møtene, ikke etter.', 'pending', 'Kari Nordmann', relative?.id],
    ]);

    // Another one: the same person (who and name kept), a fresh field with the focus.
    await page.getByRole('button', { name: 'Send et innspill til' }).tap();
    const again = page.getByLabel('Ditt innspill');
    await expect.poll(() => again.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await again.inputValue()).toBe('');
    expect(await who.getByRole('radio', { name: 'Pårørende' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Navn (valgfritt)').inputValue()).toBe('Kari Nordmann');

    // Before the facilitator publishes: a kind word.
    const outcomeUrl = `${baseUrl}/innspill/${w.workshopId}/${round.id}/svar`;
    await page.goto(outcomeUrl);
    await page.getByRole('heading', { level: 1, name: 'Ikke publisert ennå' }).waitFor();
    expect(await axeViolations(page, 'outcome, not published')).toEqual([]);

    // One input approved, the outcome published.
    const first = stored?.inputs.find((i) => i.text.startsWith('Ring oss'));
    await call('POST', `/inputs/${first?.id}`, { status: 'approved' });
    await call('PATCH', `/rounds/${round.id}`, { published: true });
    await page.reload();
    await page
      .getByRole('heading', { level: 1, name: 'Dette gjorde vi med innspillene' })
      .waitFor();
    await page.getByText('Hva bør kommunen gjøre for at pårørende skal bli hørt?').waitFor();
    const counts = page.getByRole('table');
    expect(await counts.getByRole('row', { name: /Pårørende/ }).textContent()).toBe('Pårørende1');
    const shown = page.locator('.outcome-input');
    expect(await shown.count()).toBe(1);
    await shown.getByText('Ring oss før møtene, ikke etter.').waitFor();
    await shown.getByText('Fra Kari Nordmann (Pårørende)').waitFor();
    await shown.getByText('Ikke fulgt opp ennå').waitFor();
    expect(await page.getByText('Et fast kontaktpunkt').count()).toBe(0);
    expect(await axeViolations(page, 'outcome')).toEqual([]);
    await shot(page, 'input-outcome-390.png');

    // The measures an input led to, with their status in words and their due dates (the
    // server's answer as it comes once measures are linked; made up here).
    const measures = {
      question: 'Hva bør kommunen gjøre for at pårørende skal bli hørt?',
      gathering: 'Helse i Ås',
      locale: 'nb',
      counts: [
        { label: 'Ansatt', count: 1 },
        { label: 'Pårørende', count: 1 },
      ],
      inputs: [
        {
          text: 'Ring oss før møtene, ikke etter.',
          stakeholder: 'Pårørende',
          name: 'Kari Nordmann',
          measures: [
            {
              text: 'Innkalling til pårørende to uker før hvert møte',
              status: 'done',
              due: '2027-03-01',
            },
            { text: 'Fast kontaktperson i hver enhet', status: 'started', due: '2027-06-15' },
          ],
        },
        {
          text: 'Mer tid til hver bruker.',
          stakeholder: 'Ansatt',
          name: null,
          measures: [
            { text: 'Kartlegge tidsbruken', status: 'planned', due: '' },
            { text: 'Ny turnus', status: 'dropped', due: '2027-01-10' },
          ],
        },
      ],
    };
    await page.route('**/outcome', (route) => route.fulfill({ json: measures }));
    await page.reload();
    await page.getByText('Innkalling til pårørende to uker før hvert møte').waitFor();
    const led = await page.locator('.outcome-measure').allTextContents();
    expect(led).toEqual([
      'Innkalling til pårørende to uker før hvert møteGjennomførtFrist 1. mars 2027',
      'Fast kontaktperson i hver enhetI gangFrist 15. juni 2027',
      'Kartlegge tidsbrukenPlanlagt',
      'Ny turnusDroppetFrist 10. januar 2027',
    ]);
    await page.getByText('Fra Ansatt', { exact: true }).waitFor();
    expect(await page.getByText('Ikke fulgt opp ennå').count()).toBe(0);
    expect(await axeViolations(page, 'outcome with measures')).toEqual([]);
    await shot(page, 'input-outcome-measures-390.png');
    await page.unroute('**/outcome');

    // On a laptop.
    const laptop = (await crowd().person(null, LAPTOP)).page;
    await laptop.goto(`${baseUrl}/innspill/${w.workshopId}/${round.id}`);
    await laptop.getByRole('group', { name: 'Hvem er du?' }).waitFor();
    await shot(laptop, 'input-form-1280.png');
    await laptop.goto(outcomeUrl);
    await laptop.getByText('Ikke fulgt opp ennå').waitFor();
    await shot(laptop, 'input-outcome-1280.png');
    await laptop.route('**/outcome', (route) => route.fulfill({ json: measures }));
    await laptop.reload();
    await laptop.getByText('Ny turnus').waitFor();
    await shot(laptop, 'input-outcome-measures-1280.png');
  });

  it('says when a round is closed, and shows no form', async () => {
    const w = await createGathering(baseUrl, 'Stengt runde');
    const call = facilitator(w);
    const round = await call<Round>('POST', '/rounds', {
      question: 'Hva savner du?',
      closesAt: Date.now() + DAY,
    });
    await call('PATCH', `/rounds/${round.id}`, { closed: true });
    // The page names its code in its head: the phone fetches it beside the app's own.
    const html = await (await fetch(`${baseUrl}/innspill/${w.workshopId}/${round.id}`)).text();
    expect(html).toMatch(
      /<link rel="modulepreload" crossorigin href="\/assets\/InputPage-[\w-]+\.js">/,
    );

    const { page } = await crowd().person(null, PHONE);
    await page.goto(`${baseUrl}/innspill/${w.workshopId}/${round.id}`);
    await page.getByRole('heading', { name: 'Innspillsrunden er stengt' }).waitFor();
    await page.getByText('Runden er stengt og tar ikke imot flere innspill.').waitFor();
    expect(await page.locator('form, textarea').count()).toBe(0);
    expect(await axeViolations(page, 'closed round')).toEqual([]);
    await shot(page, 'input-closed-390.png');

    // Closed while someone writes: told when they send, the focus on what is said.
    const late = await call<Round>('POST', '/rounds', {
      question: 'Hva mer?',
      closesAt: Date.now() + DAY,
    });
    await page.goto(`${baseUrl}/innspill/${w.workshopId}/${late.id}`);
    await page.getByRole('radio', { name: 'Ansatt' }).tap();
    await page.getByLabel('Ditt innspill').fill('For sent?');
    await call('PATCH', `/rounds/${late.id}`, { closed: true });
    await page.getByRole('button', { name: 'Send', exact: true }).tap();
    const closed = page.getByRole('heading', { name: 'Innspillsrunden er stengt' });
    await closed.waitFor();
    await expect.poll(() => closed.evaluate((el) => el === document.activeElement)).toBe(true);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Runden stengte før innspillet ditt kom fram' })
      .waitFor();

    // An unknown round: said so.
    await page.goto(`${baseUrl}/innspill/${w.workshopId}/ukjentrunde`);
    await page.getByRole('heading', { name: 'Fant ikke innspillsrunden' }).waitFor();
  });

  it('speaks the gathering’s language to a visitor who has not chosen one', async () => {
    const w = await createGathering(baseUrl, 'Samling på nynorsk');
    const call = facilitator(w);
    await call('PATCH', '/locale', { locale: 'nn' });
    const round = await call<Round>('POST', '/rounds', {
      question: 'Kva bør vi gjere annleis?',
      closesAt: Date.now() + DAY,
    });
    const { page } = await crowd().person(null, PHONE);
    await page.goto(`${baseUrl}/innspill/${w.workshopId}/${round.id}`);
    await page.getByRole('group', { name: 'Kven er du?' }).waitFor();
    await page.getByLabel('Innspelet ditt').waitFor();
    await page.getByRole('radio', { name: 'Pårørande' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nn');
    // Not kept as the visitor's own choice.
    expect(await page.evaluate(() => localStorage.getItem('torg.locale'))).toBeNull();

    // Their own choice wins, and is kept.
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    await page.getByRole('group', { name: 'Who are you?' }).waitFor();
    await page.reload();
    await page.getByRole('group', { name: 'Who are you?' }).waitFor();
    expect(await axeViolations(page, 'input form, English')).toEqual([]);
  });
});
