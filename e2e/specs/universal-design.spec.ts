import fs from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { PHONE } from '../support/devices.js';
import { signInAsFacilitator } from '../support/facilitator.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { announced, focusNow, markLiveRegions } from '../support/live.js';
import { outlineProblems, pageOutline } from '../support/outline.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import {
  clippedText,
  coveredControls,
  coveredText,
  reflowProblems,
  TEXT_SPACING_CSS,
} from '../support/reflow.js';
import { orderProblems, stopLines, tabStops } from '../support/tab-order.js';

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
/** A 1280 × 800 laptop at 200 % (WCAG 1.4.4 by zoom): 640 × 400 CSS px. */
const ZOOM_200 = { viewport: { width: 640, height: 400 }, timezoneId: 'Europe/Oslo' } as const;
const LAPTOP = { viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Oslo' } as const;
/** A phone on its side (WCAG 1.3.4). */
const LANDSCAPE = { ...PHONE, viewport: { width: 844, height: 390 } } as const;

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

/** What a check finds on the page as it is now (one line per problem). */
type Check = (page: Page) => Promise<string[]>;

const reflow: Check = async (page) => [
  ...(await reflowProblems(page)),
  ...(await clippedText(page)),
  ...(await coveredControls(page)),
  ...(await coveredText(page)),
];

/** A gathering with two groups in an insight phase, a second one nobody has started. */
async function gatherings() {
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
  const screen = await call<{ token: string }>(w, 'POST', '/screen');
  return { w, waiting, anne, waitingAnne, phase, board: phase.boardIds[0] as string, screen };
}

/**
 * A new person's page in a browser of `options`, with `style` as the user's own stylesheet. A
 * user's stylesheet is not the page's: the page's Content Security Policy (no inline styles)
 * does not apply to it, so the test's stand-in for it may ignore that policy.
 */
async function browse(options: BrowserContextOptions, style?: string): Promise<Page> {
  const { page } = await crowd().person(null, style ? { ...options, bypassCSP: true } : options);
  if (style)
    await page.addInitScript((css) => {
      document.addEventListener('DOMContentLoaded', () => {
        const el = document.createElement('style');
        el.textContent = css;
        document.head.append(el);
      });
    }, style);
  return page;
}

/** What `check` finds, and whether the user's stylesheet is really in force (else it proves nothing). */
async function checked(page: Page, check: Check, style?: string): Promise<string[]> {
  const problems = await check(page);
  if (style && (await page.evaluate(() => getComputedStyle(document.body).wordSpacing)) === '0px')
    problems.push('the spacing stylesheet is not applied');
  return problems;
}

/**
 * Every view a person meets (start signed out and in, join, waiting, board, room screen, each
 * step of the console), checked with `check` in a browser of `options`; a screenshot of each as
 * `<name>-<size>-<view>.png`. The problems found, each prefixed with where.
 */
async function everyView(
  g: Awaited<ReturnType<typeof gatherings>>,
  name: string,
  size: string,
  options: BrowserContextOptions,
  check: Check,
  style?: string,
): Promise<string[]> {
  const page = await browse(options, style);
  const problems: string[] = [];
  const look = async (view: string) => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: outputFile(`${name}-${size}-${view}.png`), fullPage: true });
    problems.push(...(await checked(page, check, style)).map((p) => `[${size} ${view}] ${p}`));
  };
  const visit = async (view: string, url: string, ready: () => Promise<unknown>) => {
    await page.goto(`${baseUrl}${url}`);
    await ready();
    await look(view);
  };
  const { w } = g;
  await visit('start', '/', () => page.getByRole('heading', { level: 1 }).waitFor());
  // The facilitator's start page: "Mine samlinger" and the form for a new gathering.
  await signInAsFacilitator(page, baseUrl, `Kari ${name} ${size}`);
  await page.getByRole('heading', { name: 'Ny samling' }).waitFor();
  await look('start-facilitator');
  await visit('join', `/j/${w.joinCode}`, () => page.getByLabel('Navnet ditt').waitFor());
  await visit('waiting', `/w/${g.waiting.workshopId}#t=${g.waitingAnne}`, () =>
    page.getByRole('heading', { level: 1 }).waitFor(),
  );
  await visit('board', `/w/${w.workshopId}/b/${g.board}#t=${g.anne}`, () =>
    page.getByTestId('board-canvas').waitFor(),
  );
  await visit('screen', `/w/${w.workshopId}/screen#t=${g.screen.token}`, () =>
    page.getByRole('heading', { level: 1 }).waitFor(),
  );
  await page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
  const tabs = page.getByRole('tab');
  await tabs.first().waitFor();
  const names = await tabs.allTextContents();
  for (const [i, tab] of names.entries()) {
    await tabs.nth(i).click();
    await page.getByRole('tabpanel').first().waitFor();
    await look(`console-${i + 1}-${tab.replace(/^\d+\s*|\W+/g, '')}`);
  }
  return problems;
}

/** A browser size to check in: its name in the screenshots, its options, the user's stylesheet. */
type Size = readonly [name: string, options: BrowserContextOptions, style?: string];

/**
 * The market square, then the vote with a presentation, as a participant sees the board, in
 * each of `sizes`; screenshots `<name>-<size>-market.png`, `…-vote-presentation.png`.
 */
async function liveViews(
  g: Awaited<ReturnType<typeof gatherings>>,
  name: string,
  sizes: readonly Size[],
  check: Check,
): Promise<string[]> {
  const { w, phase, board, anne } = g;
  const problems: string[] = [];
  const look = async (view: string, url: string, ready: (page: Page) => Promise<unknown>) => {
    for (const [size, options, style] of sizes) {
      const page = await browse(options, style);
      await page.goto(`${baseUrl}${url}`);
      await ready(page);
      await page.screenshot({ path: outputFile(`${name}-${size}-${view}.png`), fullPage: true });
      problems.push(...(await checked(page, check, style)).map((p) => `[${size} ${view}] ${p}`));
    }
  };
  await call(w, 'POST', '/market', { phaseId: phase.phaseId });
  await call(w, 'POST', '/market/command', { action: 'start' });
  await look('market', `/w/${w.workshopId}#t=${anne}`, async (page) => {
    await page.getByTestId('market-banner').waitFor();
    await page.getByTestId('board-canvas').waitFor();
  });
  await call(w, 'POST', '/market/command', { action: 'end' });
  await call(w, 'POST', '/vote', { boardIds: phase.boardIds });
  await call(w, 'POST', '/presentation', { boardId: board });
  await look('vote-presentation', `/w/${w.workshopId}/b/${board}#t=${anne}`, async (page) => {
    await page.getByTestId('board-canvas').waitFor();
    await page.getByTestId('vote-left').waitFor();
  });
  return problems;
}

/** Every view (`everyView`), then the market and the vote (`liveViews`), in each of `sizes`. */
async function everywhere(
  g: Awaited<ReturnType<typeof gatherings>>,
  name: string,
  sizes: readonly Size[],
  check: Check,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [size, options, style] of sizes)
    problems.push(...(await everyView(g, name, size, options, check, style)));
  problems.push(...(await liveViews(g, name, sizes, check)));
  return problems;
}

const LAPTOP_AND_PHONE: Size[] = [
  ['1280', LAPTOP],
  ['390', PHONE],
];

/** One listing per view for a person to read: output/<kind>-<n>.txt, headed by its address. */
function listings(kind: string): (page: Page, text: string) => void {
  let n = 0;
  return (page, text) =>
    fs.writeFileSync(
      outputFile(`${kind}-${++n}.txt`),
      `${page.url().replace(/#.*/, '')}\n\n${text}\n`,
    );
}

describe('universal design beyond axe', () => {
  it('reflows at 320 CSS px and at 400 % zoom: no view scrolls sideways, nothing is cut off or covered', async () => {
    const g = await gatherings();
    const sizes = [
      ['320', NARROW],
      ['400pct', ZOOM_400],
    ] as const;
    expect(await everywhere(g, 'reflow', sizes, reflow)).toEqual([]);
  });

  it('keeps every text and control with WCAG text spacing, at 200 % and with the phone turned', async () => {
    const g = await gatherings();
    const sizes: Size[] = [
      // 1.4.12: a laptop and a phone with the user's spacing.
      ['spacing-1280', LAPTOP, TEXT_SPACING_CSS],
      ['spacing-390', PHONE, TEXT_SPACING_CSS],
      // 1.4.4: a 1280 × 800 laptop at 200 %.
      ['text200-640', ZOOM_200],
      // 1.3.4: the phone on its side.
      ['landscape-844', LANDSCAPE],
    ];
    expect(await everywhere(g, 'ud', sizes, reflow)).toEqual([]);
  });

  it('every view has one main landmark, one h1, no skipped heading level and telling landmark names', async () => {
    const g = await gatherings();
    const list = listings('outline');
    const structure: Check = async (page) => {
      const outline = await pageOutline(page);
      list(
        page,
        `Landmarks:\n${outline.landmarks.join('\n')}\n\nHeadings:\n${outline.headings.map(([l, t]) => `${'  '.repeat(l - 1)}h${l} ${t}`).join('\n')}`,
      );
      return outlineProblems(outline);
    };
    expect(await everywhere(g, 'outline', LAPTOP_AND_PHONE, structure)).toEqual([]);
  });

  it('the tab order of every view follows the visual order, and every stop is seen', async () => {
    const g = await gatherings();
    const list = listings('tab-order');
    const order: Check = async (page) => {
      const stops = await tabStops(page);
      list(page, stopLines(stops));
      // The room's screen has nothing to operate; every other view has.
      const controls = await page.locator('a[href], button, input, select, textarea').count();
      return stops.length === 0 && controls > 0
        ? ['nothing takes the focus']
        : orderProblems(stops);
    };
    expect(await everywhere(g, 'tab', LAPTOP_AND_PHONE, order)).toEqual([]);
  });

  it('the tab-order check itself sees a row laid out backwards and a stop nobody sees', async () => {
    const { page } = await crowd().person(null, LAPTOP);
    await page.setContent(`
      <div style="display:flex;flex-direction:row-reverse;width:600px">
        <button>Først</button><button>Så</button>
      </div>
      <div style="display:flex;flex-direction:column-reverse">
        <button>Øverst i koden</button><button>Nederst i koden</button>
      </div>
      <button style="position:absolute;left:-999px">Utenfor</button>`);
    expect(orderProblems(await tabStops(page))).toEqual([
      'button «Først» → button «Så» goes back to the left on the same line',
      'button «Øverst i koden» → button «Nederst i koden» goes back up the page',
      'button «Utenfor» takes the focus but is not seen',
    ]);
  });

  it('says the timer, the round and the dots left through live regions that were there before, without taking the focus', async () => {
    const g = await gatherings();
    const { w, phase, board, anne } = g;
    const { page } = await crowd().person(null, LAPTOP);
    await page.goto(`${baseUrl}/w/${w.workshopId}/b/${board}#t=${anne}`);
    await page.getByTestId('board-canvas').waitFor();
    await page.getByTestId('board-canvas').click();
    const problems: string[] = [];
    const expectSaid = async (text: RegExp, act: () => Promise<unknown>) => {
      await markLiveRegions(page);
      const focus = await focusNow(page);
      await act();
      await page.getByText(text).first().waitFor();
      const why = await announced(page, text, focus);
      if (why) problems.push(why);
    };
    await expectSaid(/Ett minutt igjen/, () =>
      call(w, 'POST', '/timer', { action: 'start', durationMs: 60_000 }),
    );
    await expectSaid(/Runde 1 av/, async () => {
      await call(w, 'POST', '/market', { phaseId: phase.phaseId });
      await call(w, 'POST', '/market/command', { action: 'start' });
    });
    await call(w, 'POST', '/market/command', { action: 'end' });
    await page.goto(`${baseUrl}/w/${w.workshopId}/b/${board}#t=${anne}`);
    await page.getByTestId('board-canvas').waitFor();
    await expectSaid(/Du har 3 av 3 prikker igjen/, () =>
      call(w, 'POST', '/vote', { boardIds: phase.boardIds }),
    );
    // A lost connection is said in the connection badge, heard in offline.spec.ts (it has a
    // server process of its own to stop).
    expect(problems).toEqual([]);
  });
});
