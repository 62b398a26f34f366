/**
 * Board with 10,000 objects: how fast the production client loads it, pans, zooms and draws
 * it zoomed out, in headless Chromium against the real server. Run by hand, not a test:
 *
 *   npx -y pnpm@10.34.9 run bench        (or `npm run bench` after `npm start` installed once)
 *
 * BENCH_PROFILE=1 also records a CPU profile of every phase (bench/profiles/) and prints where
 * the main thread spends its time, mapped through the client's source maps; figures from such a
 * run are not saved, the profiler slows the page down. `npm run bench:compare <ref>` measures
 * another commit beside this tree (`compare.ts`).
 * See README.md next to this file for what each figure means.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '@torg/shared';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import {
  buildServer,
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
import type { FpsFigure } from './board/figures.js';
import { Profiler, UI_MIN_SCALE, VENUE_NETWORK, VIEWPORT } from './board/measure.js';
import { buildBoard, COLUMNS, COUNTS, seed, TOTAL } from './board/model.js';
import { figures, shown } from './board/report.js';
import { measureTargets } from './board/run.js';
import { restartAndTime } from './board/server-sync.js';

/** Cold loads measured; the median is reported. */
const LOADS = 5;
/** Hard limit for the whole run; everything is cleaned up if it is reached. */
const RUN_LIMIT_MS = 300_000;

const TARGETS = {
  serverColdMs: 300,
  longestTaskMs: 200,
  clickMs: 100,
  firstFrameAfterSyncMs: 1_500,
  panMedianFps: 55,
  panP5Fps: 30,
  fitAllMedianFps: 30,
} as const;

const PROFILE = process.env.BENCH_PROFILE === '1';

async function main(): Promise<number> {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const cleanup = guardRun(RUN_LIMIT_MS, async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const loadAverageAtStart = os.loadavg();
  try {
    const built = ensureClientBuild();
    buildServer();
    server = await startServerProcess();
    console.log(`server on ${server.url} (data in ${server.dataDir})`);

    const board = buildBoard();
    const boardId = newId();
    const seeded = await seed(server, boardId, board);
    console.log(
      `seeded ${TOTAL} objects in ${seeded.batches} transactions, ${seeded.seconds.toFixed(1)} s ` +
        `(largest message ${(seeded.maxMessageBytes / 1024).toFixed(0)} KiB, ` +
        `whole document ${(seeded.docBytes / 2 ** 20).toFixed(2)} MiB)`,
    );

    const timed = await restartAndTime(server, boardId);
    server = timed.server;
    const serverSync = timed.figures;
    console.log(`server: sync step 2 ${serverSync.coldMs} ms cold, ${serverSync.warmMs} ms warm`);

    browser = await launchBrowser();
    const chromium = browser.version();
    const profiler = new Profiler(PROFILE);
    const [measured] = await measureTargets(
      browser,
      [{ label: 'this tree', url: `${server.url}/b/${boardId}` }],
      { loads: LOADS, objects: TOTAL, bounds: board.bounds, profiler },
    );
    if (!measured) throw new Error('nothing measured');
    const { load, loads, venueLoad, venueLoads, heap, frames } = measured;
    const { idle, pan, wheel, zoom, fitAll, minZoom } = frames;

    const met = {
      serverCold: serverSync.coldMs <= TARGETS.serverColdMs,
      longestTask: load.longestTaskMs <= TARGETS.longestTaskMs,
      click: load.slowestClickMs !== null && load.slowestClickMs <= TARGETS.clickMs,
      firstFrameAfterSync: load.firstFrameAfterSyncMs <= TARGETS.firstFrameAfterSyncMs,
      panSetCamera: pan.medianFps >= TARGETS.panMedianFps && pan.p5Fps >= TARGETS.panP5Fps,
      panWheel: wheel.medianFps >= TARGETS.panMedianFps && wheel.p5Fps >= TARGETS.panP5Fps,
      fitAll: fitAll.medianFps >= TARGETS.fitAllMedianFps,
    };
    const results = {
      benchmark: 'board-10k',
      date: new Date().toISOString(),
      machine: machineInfo(),
      loadAverageAtStart: loadAverageAtStart.map(round1),
      node: process.version,
      chromium,
      source: { ...sourceState(), clientRebuilt: built },
      board: {
        objects: TOTAL,
        counts: COUNTS,
        grid: { columns: COLUMNS, rows: board.rows, bounds: board.bounds },
        documentBytes: seeded.docBytes,
      },
      seeding: {
        seconds: round1(seeded.seconds),
        transactions: seeded.batches,
        largestMessageBytes: seeded.maxMessageBytes,
      },
      viewport: { window: VIEWPORT, canvas: frames.canvas },
      figures: {
        serverSync,
        load: { median: load, runs: loads },
        venueLoad: { network: VENUE_NETWORK, median: venueLoad, runs: venueLoads },
        heap,
        idle,
        panSetCamera: { ...pan, scale: 1, pxPerFrame: 4 },
        panWheel: { ...wheel, scale: 1, pxPerEvent: 40 },
        zoom: { ...zoom, minScale: 0.5, maxScale: 1.5, periodMs: 2_000 },
        fitAll: { ...fitAll, scale: round1(frames.fitScale * 1000) / 1000, pxPerFrame: 1 },
        uiMinZoomPan: { ...minZoom, scale: UI_MIN_SCALE, pxPerFrame: 2 },
      },
      targets: TARGETS,
      met,
    };

    const verdicts: Record<string, { target: string; ok: boolean }> = {
      serverCold: { target: `≤ ${TARGETS.serverColdMs} ms`, ok: met.serverCold },
      longestTask: { target: `≤ ${TARGETS.longestTaskMs} ms`, ok: met.longestTask },
      click: { target: `≤ ${TARGETS.clickMs} ms`, ok: met.click },
      firstFrameAfterSync: {
        target: `≤ ${TARGETS.firstFrameAfterSyncMs} ms`,
        ok: met.firstFrameAfterSync,
      },
      pan: {
        target: `≥ ${TARGETS.panMedianFps} / ≥ ${TARGETS.panP5Fps} fps`,
        ok: met.panSetCamera,
      },
      wheel: { target: `≥ ${TARGETS.panMedianFps} / ≥ ${TARGETS.panP5Fps} fps`, ok: met.panWheel },
      fitAll: { target: `median ≥ ${TARGETS.fitAllMedianFps} fps`, ok: met.fitAll },
    };
    printTable(
      [
        `Torg board-10k — ${TOTAL.toLocaleString('en')} objects (${COUNTS.sticky} stickies, ${COUNTS.geo} geo, ${COUNTS.text} text, ${COUNTS.connector} connectors)`,
        `${results.machine.cpu} × ${results.machine.cores}, node ${results.node}, Chromium ${chromium} (headless, software rendering)`,
      ],
      figures(measured, serverSync).map((f) => ({
        label: f.label,
        value: shown(f),
        target: verdicts[f.key]?.target ?? '',
        ok: verdicts[f.key]?.ok ?? null,
      })),
    );
    const detail = (name: string, f: FpsFigure) =>
      `  ${name.padEnd(10)} frames ${String(f.frames).padStart(4)}, mean ${f.meanFps.toFixed(1)} fps, ` +
      `worst ${f.worstFrameMs} ms, ${f.missedVsyncFrames} frames > 25 ms (missed a vsync), ` +
      `${f.longTasks} long tasks (longest ${f.longestTaskMs} ms)`;
    console.log('frame details:');
    for (const [name, f] of [
      ['idle', idle],
      ['pan', pan],
      ['wheel', wheel],
      ['zoom', zoom],
      ['fit all', fitAll],
      ['min zoom', minZoom],
    ] as const) {
      console.log(detail(name, f));
    }
    for (const l of profiler.lines) console.log(l);

    if (PROFILE) {
      console.log('\nfigures not saved: the profiler slows the page down (BENCH_PROFILE=1)');
      return 0;
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, 'board-10k.json');
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nresults: ${path.relative(REPO_DIR, out)}`);
    return 0;
  } finally {
    await cleanup();
  }
}

runBench(main);
