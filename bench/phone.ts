/**
 * A participant's phone on the venue's wifi (issue 18): the join page, the waiting page after
 * "Bli med" and a template board with 200 objects, each in five cold loads on the phone
 * profile (phone-profile.ts), plus Lighthouse's mobile scores. Run by hand, not a test:
 *
 *   npm run bench:phone                                   (starts its own server)
 *   BENCH_BASE=http://localhost:8899 npm run bench:phone  (measures a running one)
 *
 * See README.md next to this file for what each figure means and the other settings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import {
  buildServer,
  E2E_ADMIN_TOKEN,
  type ServerProcess,
  startServerProcess,
} from '../e2e/support/server-process.js';
import {
  ensureClientBuild,
  guardRun,
  machineInfo,
  printTable,
  REPO_DIR,
  RESULTS_DIR,
  round1,
  runBench,
  sourceState,
} from './bench-common.js';
import type { PhoneMarkName } from './phone-agent.js';
import { runLighthouse } from './phone-lighthouse.js';
import type { Fetched } from './phone-profile.js';
import { openPhonePage, PHONE, type PhonePage } from './phone-profile.js';
import {
  type BoardRun,
  figureRows,
  fontFigures,
  type JoinRun,
  markdownDetails,
  markdownTable,
  resourceFigures,
  summarise,
  TABLE_END,
  TABLE_START,
  TARGETS,
} from './phone-report.js';
import {
  BOARD_OBJECTS,
  type Seeded,
  seedPhoneGatherings,
  TEMPLATE,
  TorgApi,
} from './phone-seed.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0';
const LABEL = process.env.BENCH_LABEL ? `phone-${process.env.BENCH_LABEL}` : 'phone';
/** Hard limit for the whole run; everything is cleaned up if it is reached. */
const RUN_LIMIT_MS = 15 * 60_000;

/** Waits for a moment the page's agent records; returns its time after navigation start. */
function when(p: PhonePage, name: PhoneMarkName) {
  return p.page.evaluate((n) => {
    const agent = window.__phone;
    if (!agent) throw new Error('phone agent missing');
    return agent.when(n);
  }, name);
}

const longestTask = (p: PhonePage) =>
  p.page.evaluate(() => window.__phone?.marks.longestTaskMs ?? 0);

const sum = (fetched: readonly Fetched[]) => fetched.reduce((n, f) => n + f.bytes, 0);

/** Until every font the page asked for has arrived (they may come after what we wait for). */
async function settleFonts(p: PhonePage, { inter }: { inter: boolean }): Promise<Fetched[]> {
  // The board asks for Inter once it has been drawn, which may be a frame after the mark.
  if (inter)
    await p.page.waitForFunction(() => {
      let loaded = false;
      document.fonts.forEach((f) => {
        if (f.family.replace(/["']/g, '') === 'Inter' && f.status === 'loaded') loaded = true;
      });
      return loaded;
    });
  await p.page.evaluate(() => document.fonts.ready.then(() => undefined));
  await p.page.waitForFunction(() => document.fonts.status === 'loaded');
  return p.network.done.filter((f) => f.type === 'Font');
}

async function joinRun(browser: Browser, base: string, seeded: Seeded, i: number) {
  const p = await openPhonePage(browser, BOARD_OBJECTS);
  try {
    await p.page.goto(`${base}/j/${seeded.waitingCode}`, { waitUntil: 'commit' });
    const formVisibleMs = await when(p, 'joinForm');
    const fcpMs = await when(p, 'fcp');
    const bytesUntilForm = sum(p.network.finishedBy(formVisibleMs));
    await p.page.locator('form input[autocomplete="name"]').fill(`Telefon ${i + 1}`);
    await p.page.locator('form input[type="radio"]').first().check();
    await p.page.locator('form button[type="submit"]').click();
    const submitMs = await when(p, 'submit');
    const waitingMs = await when(p, 'waiting');
    const fonts = await settleFonts(p, { inter: false });
    const run: JoinRun = {
      fcpMs: Math.round(fcpMs),
      formVisibleMs: Math.round(formVisibleMs),
      bytesUntilForm,
      submitToWaitingMs: Math.round(waitingMs - submitMs),
      bytesSubmitToWaiting:
        sum(p.network.finishedBy(waitingMs)) - sum(p.network.finishedBy(submitMs)),
      longestTaskMs: round1(await longestTask(p)),
    };
    return { run, fonts };
  } finally {
    await p.context.close();
  }
}

async function boardRun(browser: Browser, url: string) {
  const p = await openPhonePage(browser, BOARD_OBJECTS);
  try {
    await p.page.goto(url, { waitUntil: 'commit' });
    const drawnMs = await when(p, 'boardDrawn');
    const fcpMs = await when(p, 'fcp');
    const before = p.network.finishedBy(drawnMs);
    const fonts = await settleFonts(p, { inter: true });
    const run: BoardRun = {
      fcpMs: Math.round(fcpMs),
      drawnMs: Math.round(drawnMs),
      bytesBeforeDrawn: sum(before),
      requestsBeforeDrawn: before.length,
      socketBytesBeforeDrawn: p.network.socketBytesBy(drawnMs),
      longestTaskMs: round1(await longestTask(p)),
      resources: resourceFigures(before),
    };
    return { run, fonts };
  } finally {
    await p.context.close();
  }
}

/** Replaces the generated table in the top README (with BENCH_README=1). */
function updateReadme(table: string): void {
  const file = path.join(REPO_DIR, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no bench:phone table markers');
  fs.writeFileSync(file, text.slice(0, start) + table + text.slice(end + TABLE_END.length));
  console.log('README.md: table replaced');
}

async function main(): Promise<number> {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const cleanup = guardRun(RUN_LIMIT_MS, async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const loadAverageAtStart = os.loadavg().map(round1);
  try {
    const otherServer = process.env.BENCH_SERVER_DIR;
    let base = process.env.BENCH_BASE?.replace(/\/$/, '');
    let built = false;
    if (!base) {
      // Another checkout's server serves that checkout's client/dist, built there.
      if (!otherServer) built = ensureClientBuild();
      buildServer(otherServer);
      server = await startServerProcess(otherServer ? { serverDir: otherServer } : {});
      base = server.url;
    }
    console.log(`measuring ${base}`);
    const api = new TorgApi(base, process.env.BENCH_ADMIN_TOKEN ?? E2E_ADMIN_TOKEN);
    const seeded = await seedPhoneGatherings(api);
    const boardUrl = `${base}/w/${seeded.boardWorkshopId}/b/${seeded.boardId}#t=${encodeURIComponent(seeded.boardToken)}`;
    console.log(
      `board: template '${TEMPLATE}' (${seeded.templateObjects} objects) + ${seeded.notesAdded} notes`,
    );

    browser = await launchBrowser();
    const chromium = browser.version();
    const joins: JoinRun[] = [];
    const boards: BoardRun[] = [];
    const fonts: Fetched[] = [];
    for (let i = 0; i < RUNS; i++) {
      console.log(`cold run ${i + 1} of ${RUNS}: join page, waiting page, board…`);
      const j = await joinRun(browser, base, seeded, i);
      joins.push(j.run);
      const b = await boardRun(browser, boardUrl);
      boards.push(b.run);
      fonts.push(...j.fonts, ...b.fonts);
    }
    await browser.close();
    browser = null;

    const lighthouse = LIGHTHOUSE
      ? await runLighthouse([
          { page: 'join', url: `${base}/j/${seeded.waitingCode}` },
          {
            page: 'waiting',
            url: `${base}/w/${seeded.waitingWorkshopId}#t=${encodeURIComponent(seeded.waitingToken)}`,
          },
          { page: 'board', url: boardUrl },
        ])
      : null;

    const figures = summarise(joins, boards, fontFigures(fonts), lighthouse);
    const rows = figureRows(figures);
    const profile =
      `Chromium ${chromium} at ${PHONE.viewport.width} × ${PHONE.viewport.height} ` +
      `(×${PHONE.deviceScaleFactor}, touch), ${PHONE.cpuSlowdown}× CPU slowdown, ` +
      `${PHONE.latencyMs} ms latency, ${PHONE.downloadKbps / 1024} Mbit/s down, ` +
      `${PHONE.uploadKbps} kbit/s up, cold cache, ${RUNS} runs`;
    const machine = machineInfo();
    printTable(
      [
        `Torg on a phone (issue 18) — ${base}`,
        profile,
        `${machine.cpu} × ${machine.cores}, load average ${loadAverageAtStart.join(' ')}`,
      ],
      rows,
    );
    console.log(markdownDetails(figures));

    const source =
      process.env.BENCH_BASE || otherServer ? null : { ...sourceState(), clientRebuilt: built };
    const results = {
      benchmark: 'phone',
      date: new Date().toISOString(),
      machine,
      loadAverageAtStart,
      node: process.version,
      chromium,
      measured: source ? { server: 'started here', source } : { base, serverDir: otherServer },
      profile: { ...PHONE, runs: RUNS, serviceWorkers: 'blocked' },
      board: {
        template: TEMPLATE,
        objects: BOARD_OBJECTS,
        templateObjects: seeded.templateObjects,
      },
      targets: TARGETS,
      figures,
      runs: { join: joins, board: boards },
      met: Object.fromEntries(rows.filter((r) => r.ok !== null).map((r) => [r.label, r.ok])),
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const json = path.join(RESULTS_DIR, `${LABEL}.json`);
    fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    const measured = source
      ? `commit ${source.commit}${source.uncommittedClientChanges ? ' with uncommitted client changes' : ''}`
      : (otherServer ?? base);
    const table = markdownTable(
      rows,
      `Measured ${results.date.slice(0, 10)} on ${measured} (${machine.cpu} × ${machine.cores}, ` +
        `load average at start ${loadAverageAtStart.join(' ')}); median (min–max) of ${RUNS} cold loads, ` +
        `Lighthouse one run per page.`,
    );
    const md = [
      `# Torg on a phone (\`npm run bench:phone\`, issue 18)`,
      '',
      `${profile}. Board: template '${TEMPLATE}' filled to ${BOARD_OBJECTS} objects.`,
      '',
      table,
      '',
      markdownDetails(figures),
    ].join('\n');
    fs.writeFileSync(path.join(RESULTS_DIR, `${LABEL}.md`), md);
    console.log(`results: ${path.relative(REPO_DIR, json)} and ${LABEL}.md`);
    if (process.env.BENCH_README === '1') updateReadme(table);
    return 0;
  } finally {
    await cleanup();
  }
}

runBench(main);
