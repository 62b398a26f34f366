import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { signInAsFacilitator } from '../support/facilitator.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import { coveredControls, reflowProblems } from '../support/reflow.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** WCAG 1.4.10: 320 CSS px wide (a phone, touch). */
const NARROW = {
  viewport: { width: 320, height: 640 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
  timezoneId: 'Europe/Oslo',
} as const;
/** A 1280 × 1024 laptop at 400 % zoom: 320 × 256 CSS px. */
const ZOOM_400 = { viewport: { width: 320, height: 256 }, timezoneId: 'Europe/Oslo' } as const;

type Gathering = Awaited<ReturnType<typeof createGathering>>;

async function call<T>(w: Gathering, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/workshops/${w.workshopId}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`).toBe(true);
  return (res.status === 204 ? {} : await res.json()) as T;
}

/** Joins a group through the API (as the join page does); the participant's token. */
async function join(code: string, name: string, groupId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, groupId }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function groupIds(code: string): Promise<string[]> {
  const info = (await (await fetch(`${baseUrl}/api/join/${code}`)).json()) as {
    groups: { id: string }[];
  };
  return info.groups.map((g) => g.id);
}

/** The reflow problems of the page now, each prefixed with the view's name. */
async function check(page: Page, view: string, size: string): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: outputFile(`reflow-${size}-${view}.png`) });
  const problems = [...(await reflowProblems(page)), ...(await coveredControls(page))];
  return problems.map((p) => `[${size} ${view}] ${p}`);
}

describe('universal design beyond axe', () => {
  it('reflows at 320 CSS px and at 400 % zoom: no view scrolls sideways, nothing is cut off or covered', async () => {
    const waiting = await createGathering(baseUrl, 'Venter på start');
    const w = await createGathering(baseUrl, 'Helse og omsorg 2035 – samling 1');
    const [nord, sor] = await groupIds(w.joinCode);
    const anne = await join(w.joinCode, 'Anne', nord as string);
    await join(w.joinCode, 'Bjørn', sor as string);
    const waitingAnne = await join(
      waiting.joinCode,
      'Anne',
      (await groupIds(waiting.joinCode))[0] as string,
    );
    const phase = await startPhase(baseUrl, w, 'Innsikt', 'insights');
    const board = phase.boardIds[0] as string;
    const screen = await call<{ token: string }>(w, 'POST', '/screen');

    const problems: string[] = [];
    for (const [size, options] of [
      ['320', NARROW],
      ['400pct', ZOOM_400],
    ] as const) {
      const { page } = await crowd().person(null, options);
      const visit = async (view: string, url: string, ready: () => Promise<unknown>) => {
        await page.goto(`${baseUrl}${url}`);
        await ready();
        problems.push(...(await check(page, view, size)));
      };
      await visit('start', '/', () => page.getByRole('heading', { level: 1 }).waitFor());
      // The facilitator's start page: "Mine samlinger" and the form for a new gathering.
      await signInAsFacilitator(page, baseUrl, `Kari ${size}`);
      await page.getByRole('heading', { name: 'Ny samling' }).waitFor();
      problems.push(...(await check(page, 'start-facilitator', size)));
      await visit('join', `/j/${w.joinCode}`, () => page.getByLabel('Navnet ditt').waitFor());
      await visit('waiting', `/w/${waiting.workshopId}#t=${waitingAnne}`, () =>
        page.getByRole('heading', { level: 1 }).waitFor(),
      );
      await visit('board', `/w/${w.workshopId}/b/${board}#t=${anne}`, () =>
        page.getByTestId('board-canvas').waitFor(),
      );
      await visit('screen', `/w/${w.workshopId}/screen#t=${screen.token}`, () =>
        page.getByRole('heading', { level: 1 }).waitFor(),
      );
      // Every step of the console.
      await page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
      const tabs = page.getByRole('tab');
      await tabs.first().waitFor();
      const names = await tabs.allTextContents();
      for (const [i, name] of names.entries()) {
        await tabs.nth(i).click();
        await page.getByRole('tabpanel').first().waitFor();
        problems.push(
          ...(await check(page, `console-${i + 1}-${name.replace(/^\d+\s*|\W+/g, '')}`, size)),
        );
      }
    }

    // The market square and the vote as a participant sees them on the board.
    await call(w, 'POST', '/market', { phaseId: phase.phaseId });
    await call(w, 'POST', '/market/command', { action: 'start' });
    for (const [size, options] of [
      ['320', NARROW],
      ['400pct', ZOOM_400],
    ] as const) {
      const { page } = await crowd().person(null, options);
      await page.goto(`${baseUrl}/w/${w.workshopId}#t=${anne}`);
      await page
        .getByText(/Runde 1 av/)
        .first()
        .waitFor();
      problems.push(...(await check(page, 'market', size)));
    }
    await call(w, 'POST', '/market/command', { action: 'end' });
    await call(w, 'POST', '/vote', { boardIds: phase.boardIds });
    await call(w, 'POST', '/presentation', { boardId: board });
    for (const [size, options] of [
      ['320', NARROW],
      ['400pct', ZOOM_400],
    ] as const) {
      const { page } = await crowd().person(null, options);
      await page.goto(`${baseUrl}/w/${w.workshopId}/b/${board}#t=${anne}`);
      await page
        .getByText(/prikker/)
        .first()
        .waitFor();
      problems.push(...(await check(page, 'vote-presentation', size)));
    }
    expect(problems).toEqual([]);
  });
});
