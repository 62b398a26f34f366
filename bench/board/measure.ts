/**
 * Driving a board page in Chromium: a cold load (fresh context: empty cache and IndexedDB),
 * the JS heap after it, and frame rates while the camera pans and zooms.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rect } from '@torg/shared';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { BENCH_DIR, REPO_DIR, round1 } from '../bench-common.js';
import { type Camera, type Driver, installAgent, type LoadTimes } from './agent.js';
import { type FpsFigure, fpsFigure } from './figures.js';
import { summariseProfile } from './profile.js';

export const VIEWPORT = { width: 1280, height: 800 } as const;
const PHASE_MS = 5_000;
const WARMUP_MS = 500;
/** The client's smallest zoom (client/src/board/camera.ts MIN_SCALE); zoom-to-fit stops here. */
export const UI_MIN_SCALE = 0.1;
/**
 * A laptop on a venue's network: the round trip and bandwidth of Lighthouse's desktop
 * throttling (lighthouse 12.2.3 'desktopDense4G': rttMs 40, throughputKbps 10,240). On
 * loopback a board's bytes cost nothing, so compressing them is pure cost there; on a network
 * the transfer is what a person waits for. DevTools' emulation throttles WebSockets too.
 */
export const VENUE_NETWORK = { latencyMs: 40, kbps: 10_240 } as const;

/** CPU profiles (BENCH_PROFILE=1) go here; not committed (bench/.gitignore). */
const PROFILE_DIR = path.join(BENCH_DIR, 'profiles');

/**
 * Runs a phase, with BENCH_PROFILE=1 under the CPU profiler: the profile is saved and a summary
 * (where the main thread spent its time, mapped through the client's source maps) kept.
 */
export class Profiler {
  readonly lines: string[] = [];
  constructor(readonly enabled: boolean) {}

  async run<T>(cdp: CDPSession, name: string, run: () => Promise<T>): Promise<T> {
    if (!this.enabled) return run();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
    try {
      return await run();
    } finally {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      this.lines.push(
        `\n== CPU profile of ${name}: ${path.relative(REPO_DIR, file)}`,
        ...(await summariseProfile(profile)),
      );
    }
  }
}

export interface OpenedBoard {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  load: LoadTimes;
}

/** A cold load of `url` in a fresh browser context, timed by the agent until the first frame. */
export async function openBoard(
  browser: Browser,
  url: string,
  objects: number,
  profiler: Profiler,
  profileName: string | null,
  network: 'loopback' | 'venue' = 'loopback',
): Promise<OpenedBoard> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  // tsx keeps function names with an `__name` helper that serialised functions would call.
  await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await page.addInitScript(installAgent, objects);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (network === 'venue') {
    const bytesPerSecond = Math.floor((VENUE_NETWORK.kbps * 1024) / 8);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: VENUE_NETWORK.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  await page.goto(url, { waitUntil: 'commit' });
  const waitLoad = () =>
    page.evaluate(() => {
      const agent = window.__bench;
      if (!agent) throw new Error('bench agent missing');
      return agent.load;
    });
  const loaded = profileName ? profiler.run(cdp, profileName, waitLoad) : waitLoad();
  // Meanwhile someone keeps clicking the first tool of the toolbar once it is there (raw mouse
  // input through the browser, no waiting for the page to settle as Playwright's `click`
  // does): the agent times the clicks that land while the board arrives.
  let done = false;
  const clicking = (async () => {
    const tool = page.locator('nav.tools button').first();
    const box = await tool.boundingBox({ timeout: 10_000 }).catch(() => null);
    while (!done && box) {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // Someone impatient clicks about 15 times a second, not as fast as the browser can take.
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { context, page, cdp, load: await loaded };
  } finally {
    done = true;
    await clicking;
  }
}

async function recordFrames(page: Page, driver: Driver, durationMs = PHASE_MS) {
  return page.evaluate(
    ([d, w, ms]) => {
      const agent = window.__bench;
      if (!agent) throw new Error('bench agent missing');
      return agent.record(d, w, ms);
    },
    [driver, WARMUP_MS, durationMs] as const,
  );
}

/** Real input: mouse wheel over the canvas while the page records frames. */
async function wheelPan(page: Page, start: Camera): Promise<FpsFigure & { wheelEvents: number }> {
  await page.evaluate((c) => window.__torg?.setCamera(c), start);
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  const recording = recordFrames(page, { kind: 'none' });
  let done = false;
  void recording.finally(() => {
    done = true;
  });
  let events = 0;
  while (!done) {
    // Down 50 notches, up 50, … so the view stays on the board however fast events go.
    const dir = Math.floor(events / 50) % 2 === 0 ? 1 : -1;
    await page.mouse.wheel(0, 40 * dir);
    events++;
  }
  return { ...fpsFigure(await recording), wheelEvents: events };
}

export async function heapFigures(page: Page, cdp: CDPSession) {
  const perfMemory = await page.evaluate(() => {
    const p = performance as Performance & { memory?: { usedJSHeapSize: number } };
    return p.memory?.usedJSHeapSize ?? null;
  });
  const cdpHeap = async (): Promise<number | null> => {
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
    } catch {
      return null;
    }
  };
  const mib = (b: number | null) => (b === null ? null : round1(b / 2 ** 20));
  const cdpAfterLoad = await cdpHeap();
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const cdpAfterGc = await cdpHeap();
  return {
    performanceMemoryMiB: mib(perfMemory),
    cdpJsHeapUsedMiB: mib(cdpAfterLoad),
    cdpJsHeapUsedAfterGcMiB: mib(cdpAfterGc),
  };
}

export type HeapFigures = Awaited<ReturnType<typeof heapFigures>>;

export interface FrameFigures {
  /** The canvas's size and the scale at which all objects fit it. */
  canvas: { width: number; height: number };
  fitScale: number;
  idle: FpsFigure;
  pan: FpsFigure;
  wheel: FpsFigure & { wheelEvents: number };
  zoom: FpsFigure;
  fitAll: FpsFigure;
  minZoom: FpsFigure;
}

/** Frame rates on a loaded board; every phase starts from the middle of `bounds`. */
export async function measureFrames(
  page: Page,
  cdp: CDPSession,
  bounds: Rect,
  profiler: Profiler,
): Promise<FrameFigures> {
  const canvasBox = await page.getByTestId('board-canvas').boundingBox();
  if (!canvasBox) throw new Error('board canvas not visible');
  const vp = { width: canvasBox.width, height: canvasBox.height };
  const centre = { x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2 };
  const at = (scale: number): Camera => ({
    scale,
    x: vp.width / 2 - centre.x * scale,
    y: vp.height / 2 - centre.y * scale,
  });
  const fitScale = Math.min((vp.width - 40) / bounds.w, (vp.height - 40) / bounds.h);
  const frames = async (name: string, driver: Driver, ms = PHASE_MS) =>
    fpsFigure(await profiler.run(cdp, name, () => recordFrames(page, driver, ms)));
  const idle = await frames('idle', { kind: 'none' }, 2_000);
  const pan = await frames('pan', { kind: 'pan', from: at(1), dx: 4 });
  const wheel = await profiler.run(cdp, 'wheel', () => wheelPan(page, at(1)));
  const zoom = await frames('zoom', {
    kind: 'zoom',
    centre,
    min: 0.5,
    max: 1.5,
    periodMs: 2_000,
    viewport: vp,
  });
  const fitAll = await frames('fit-all', { kind: 'pan', from: at(fitScale), dx: 1 });
  const minZoom = await frames('min-zoom', { kind: 'pan', from: at(UI_MIN_SCALE), dx: 2 });
  return { canvas: vp, fitScale, idle, pan, wheel, zoom, fitAll, minZoom };
}
