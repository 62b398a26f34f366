/**
 * Board with 10,000 objects: how fast the production client loads it, pans, zooms and draws
 * it zoomed out, in headless Chromium against the real server. Run by hand, not a test:
 *
 *   npx -y pnpm@10.34.9 run bench        (or `npm run bench` after `npm start` installed once)
 *
 * BENCH_PROFILE=1 also records a CPU profile of every phase (bench/profiles/) and prints where
 * the main thread spends its time, mapped through the client's source maps; figures from such a
 * run are not saved, the profiler slows the page down.
 * See README.md next to this file for what each figure means.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Connector,
  connectorDefaults,
  GEO_KINDS,
  type GeoShape,
  geoDefaults,
  newId,
  ORIGIN_LOCAL,
  type Rect,
  type Shape,
  STICKY_COLORS,
  type Sticky,
  SYNC_PATH,
  stickyDefaults,
  type TextShape,
  textDefaults,
  unionRects,
  writeShapes,
  zAbove,
} from '@torg/shared';
import type { Browser, CDPSession, Page } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { launchBrowser } from '../e2e/support/browser.js';
import {
  buildServer,
  type ServerProcess,
  startServerProcess,
} from '../e2e/support/server-process.js';
import {
  BENCH_DIR,
  ensureClientBuild,
  guardRun,
  machineInfo,
  printTable,
  REPO_DIR,
  RESULTS_DIR,
  type Row,
  round1,
  sourceState,
} from './bench-common.js';

// ---------------------------------------------------------------------------------------------
// Parameters

const COUNTS = { sticky: 5_500, geo: 2_000, text: 1_500, connector: 1_000 } as const;
const TOTAL = COUNTS.sticky + COUNTS.geo + COUNTS.text + COUNTS.connector;
const COLUMNS = 100;
const SPACING = 260;
/** Objects per transaction while seeding (one y-websocket message each). */
const BATCH = 1_000;
const VIEWPORT = { width: 1280, height: 800 } as const;
const PHASE_MS = 5_000;
const WARMUP_MS = 500;
/** Cold loads measured; the median is reported. */
const LOADS = 5;
/** The client's smallest zoom (client/src/board/camera.ts MIN_SCALE); zoom-to-fit stops here. */
const UI_MIN_SCALE = 0.1;
/** Hard limit for the whole run; everything is cleaned up if it is reached. */
const RUN_LIMIT_MS = 175_000;

const TARGETS = {
  firstFrameAfterSyncMs: 1_500,
  panMedianFps: 55,
  panP5Fps: 30,
  fitAllMedianFps: 30,
} as const;

const PROFILE = process.env.BENCH_PROFILE === '1';
/** CPU profiles (BENCH_PROFILE=1) go here; not committed (bench/.gitignore). */
const PROFILE_DIR = path.join(BENCH_DIR, 'profiles');

// ---------------------------------------------------------------------------------------------
// What the page exposes (client/src/board/useDebugHandle.ts) and what this script installs.

interface Camera {
  x: number;
  y: number;
  scale: number;
}

type Driver =
  | { kind: 'none' }
  /** Moves the camera by `dx` screen px every frame, starting at `from`. */
  | { kind: 'pan'; from: Camera; dx: number }
  /** Scale oscillates between `min` and `max` around the world point `centre`. */
  | {
      kind: 'zoom';
      centre: { x: number; y: number };
      min: number;
      max: number;
      periodMs: number;
      viewport: { width: number; height: number };
    };

interface FrameRecording {
  /** Time between consecutive animation frames (rAF timestamps), ms. */
  dts: number[];
  /** Long tasks (> 50 ms) on the main thread while recording, ms each. */
  longTasks: number[];
  camera: Camera | null;
}

interface LoadTimes {
  /** performance.now() (ms after navigation start) when the sync message with the board arrived. */
  boardMessageAt: number | null;
  boardMessageBytes: number;
  /** When the store held every object. */
  syncedAt: number;
  /** When the objects layer had pixels on it after that. */
  drawnAt: number;
  longestTaskMs: number;
}

interface BenchAgent {
  load: Promise<LoadTimes>;
  record(driver: Driver, warmupMs: number, durationMs: number): Promise<FrameRecording>;
}

declare global {
  interface Window {
    __torg?: {
      ready: boolean;
      shapes(): unknown[];
      camera(): Camera;
      setCamera(c: Camera): void;
    };
    __bench?: BenchAgent;
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** Deterministic PRNG (mulberry32) so every run builds the same board. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Flere eldre',
  'Digital innbyggerdialog',
  'Klimatilpasning',
  'Bolig for unge',
  'Samarbeid på tvers',
  'Tillit',
  'Fraflytting',
  'Nye arbeidsplasser',
  'Kollektivtilbud',
  'Frivillighet',
  'Helse i hjemmet',
  'Kunstig intelligens',
] as const;

interface Board {
  shapes: Shape[];
  bounds: Rect;
  rows: number;
}

function buildBoard(): Board {
  const rand = prng(10_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const boxCount = COUNTS.sticky + COUNTS.geo + COUNTS.text;
  // Types spread evenly over the grid (shuffled), so every view has the same mix.
  const types: ('sticky' | 'geo' | 'text')[] = [
    ...Array<'sticky'>(COUNTS.sticky).fill('sticky'),
    ...Array<'geo'>(COUNTS.geo).fill('geo'),
    ...Array<'text'>(COUNTS.text).fill('text'),
  ];
  for (let i = types.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [types[i], types[j]] = [types[j] ?? 'sticky', types[i] ?? 'sticky'];
  }
  let z: string | null = null;
  const nextZ = (): string => {
    z = zAbove(z === null ? [] : [z]);
    return z;
  };
  const shapes: Shape[] = [];
  const cells: (Shape | undefined)[] = [];
  for (let i = 0; i < boxCount; i++) {
    const x = (i % COLUMNS) * SPACING;
    const y = Math.floor(i / COLUMNS) * SPACING;
    const type = types[i] ?? 'sticky';
    let shape: Shape;
    if (type === 'sticky') {
      const words = [pick(WORDS), pick(WORDS)].join(', ');
      shape = {
        ...stickyDefaults(),
        id: newId(),
        x,
        y,
        z: nextZ(),
        text: `${i}: ${words}`,
        color: pick(STICKY_COLORS),
      } satisfies Sticky;
    } else if (type === 'geo') {
      shape = {
        ...geoDefaults(pick(GEO_KINDS)),
        id: newId(),
        x,
        y: y + 30,
        z: nextZ(),
        text: pick(WORDS),
      } satisfies GeoShape;
    } else {
      // 240 wide instead of the default 320 so it stays inside its grid cell.
      shape = {
        ...textDefaults(),
        id: newId(),
        x,
        y: y + 80,
        w: 240,
        z: nextZ(),
        text: pick(WORDS),
      } satisfies TextShape;
    }
    shapes.push(shape);
    cells.push(shape);
  }
  // Connectors between horizontal neighbours that are both stickies, spread over the board.
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const a = cells[i];
    const b = cells[i + 1];
    if (i % COLUMNS !== COLUMNS - 1 && a?.type === 'sticky' && b?.type === 'sticky') {
      pairs.push([a.id, b.id]);
    }
  }
  if (pairs.length < COUNTS.connector) {
    throw new Error(`only ${pairs.length} neighbouring sticky pairs`);
  }
  const step = pairs.length / COUNTS.connector;
  for (let k = 0; k < COUNTS.connector; k++) {
    const [a, b] = pairs[Math.floor(k * step)] ?? ['', ''];
    shapes.push({
      ...connectorDefaults(),
      id: newId(),
      z: nextZ(),
      start: { kind: 'shape', shapeId: a },
      end: { kind: 'shape', shapeId: b },
    } satisfies Connector);
  }
  const bounds = unionRects(shapes.flatMap((s) => (s.type === 'connector' ? [] : [s])));
  if (!bounds) throw new Error('empty board');
  return { shapes, bounds, rows: Math.ceil(boxCount / COLUMNS) };
}

interface SeedResult {
  seconds: number;
  batches: number;
  maxMessageBytes: number;
  docBytes: number;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function boardShapeCount(server: ServerProcess, boardId: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/boards/${boardId}`);
  if (!res.ok) throw new Error(`GET /api/boards/${boardId}: ${res.status}`);
  const body = (await res.json()) as { shapes: unknown[] };
  return body.shapes.length;
}

async function seed(server: ServerProcess, boardId: string, board: Board): Promise<SeedResult> {
  const started = performance.now();
  const maxBytes = await fetch(`http://127.0.0.1:${server.port}/api/info`)
    .then((r) => r.json() as Promise<{ limits: { maxMessageBytes: number } }>)
    .then((info) => info.limits.maxMessageBytes);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `ws://127.0.0.1:${server.port}${SYNC_PATH}`,
    `b.${boardId}`,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  let closeInfo = '';
  provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) closeInfo = `${e.code} ${e.reason}`;
  });
  let maxMessageBytes = 0;
  doc.on('update', (update: Uint8Array) => {
    maxMessageBytes = Math.max(maxMessageBytes, update.byteLength);
  });
  try {
    await waitUntil(async () => provider.synced, 'the seeding client to sync', 10_000);
    let batches = 0;
    for (let i = 0; i < board.shapes.length; i += BATCH) {
      writeShapes(doc, board.shapes.slice(i, i + BATCH), ORIGIN_LOCAL);
      batches++;
      if (maxMessageBytes > maxBytes) {
        throw new Error(`a batch of ${BATCH} is ${maxMessageBytes} bytes, over ${maxBytes}`);
      }
    }
    await waitUntil(
      async () => {
        if (closeInfo) throw new Error(`server closed the seeding connection: ${closeInfo}`);
        return (await boardShapeCount(server, boardId)) === TOTAL;
      },
      `GET /api/boards/${boardId} to list ${TOTAL} objects`,
      30_000,
    );
    return {
      seconds: (performance.now() - started) / 1000,
      batches,
      maxMessageBytes,
      docBytes: Y.encodeStateAsUpdate(doc).byteLength,
    };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// In the page (serialised by Playwright: must not use anything from this module's scope)

function installAgent(target: number): void {
  const taskObserver = (sink: number[]): { stop(): void } => {
    const take = (entries: PerformanceEntryList) => {
      for (const e of entries) sink.push(e.duration);
    };
    const obs = new PerformanceObserver((list) => take(list.getEntries()));
    obs.observe({ type: 'longtask', buffered: false });
    // Entries reach the callback later, in a task of their own: collect what is pending.
    return {
      stop() {
        take(obs.takeRecords());
        obs.disconnect();
      },
    };
  };
  const loadTasks: number[] = [];
  const loadObserver = taskObserver(loadTasks);

  // Arrival of every WebSocket message (this listener runs before the app's own handler).
  const messages: { at: number; bytes: number }[] = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e: MessageEvent<unknown>) => {
        const d = e.data;
        const bytes =
          d instanceof ArrayBuffer ? d.byteLength : d instanceof Blob ? d.size : String(d).length;
        messages.push({ at: performance.now(), bytes });
      });
    }
  };

  // True once the first canvas of the board (the objects layer) has any pixel drawn.
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 40;
  const probeCtx = probe.getContext('2d', { willReadFrequently: true });
  const drawn = (): boolean => {
    const canvas = document.querySelector('[data-testid="board-canvas"] canvas');
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || !probeCtx) return false;
    probeCtx.clearRect(0, 0, probe.width, probe.height);
    probeCtx.drawImage(canvas, 0, 0, probe.width, probe.height);
    const data = probeCtx.getImageData(0, 0, probe.width, probe.height).data;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  };

  // Polled in its own task (setTimeout chain, ~4 ms apart): it runs after the task that
  // applied the board, and after the animation frame in which Konva drew it.
  const load = new Promise<LoadTimes>((resolve) => {
    let syncedAt = -1;
    const poll = async (): Promise<void> => {
      if (syncedAt < 0) {
        const torg = window.__torg;
        if (torg && torg.shapes().length >= target) syncedAt = performance.now();
      }
      if (syncedAt >= 0 && drawn()) {
        const drawnAt = performance.now();
        // Let the long task that just ended be reported before reading the list.
        await new Promise((r) => setTimeout(r, 100));
        loadObserver.stop();
        // The board came in the largest message before the store filled up.
        let board: { at: number; bytes: number } | null = null;
        for (const m of messages) {
          if (m.at <= syncedAt && m.bytes >= (board?.bytes ?? 1)) board = m;
        }
        resolve({
          boardMessageAt: board?.at ?? null,
          boardMessageBytes: board?.bytes ?? 0,
          syncedAt,
          drawnAt,
          longestTaskMs: Math.max(0, ...loadTasks),
        });
        return;
      }
      setTimeout(poll, 0);
    };
    void poll();
  });

  const record = (driver: Driver, warmupMs: number, durationMs: number) =>
    new Promise<FrameRecording>((resolve) => {
      const dts: number[] = [];
      const longTasks: number[] = [];
      let observer: { stop(): void } | null = null;
      let start = -1;
      let prev = -1;
      let frame = 0;
      const tick = (t: number): void => {
        if (start < 0) start = t;
        const elapsed = t - start;
        const torg = window.__torg;
        if (torg && driver.kind === 'pan') {
          const { from, dx } = driver;
          torg.setCamera({ x: from.x - dx * frame, y: from.y, scale: from.scale });
        } else if (torg && driver.kind === 'zoom') {
          const mid = (driver.min + driver.max) / 2;
          const amp = (driver.max - driver.min) / 2;
          const scale = mid + amp * Math.sin((2 * Math.PI * elapsed) / driver.periodMs);
          torg.setCamera({
            scale,
            x: driver.viewport.width / 2 - driver.centre.x * scale,
            y: driver.viewport.height / 2 - driver.centre.y * scale,
          });
        }
        frame++;
        if (elapsed >= warmupMs) {
          if (!observer) observer = taskObserver(longTasks);
          else dts.push(t - prev);
        }
        prev = t;
        if (elapsed < warmupMs + durationMs) {
          requestAnimationFrame(tick);
        } else {
          observer?.stop();
          resolve({ dts, longTasks, camera: window.__torg?.camera() ?? null });
        }
      };
      requestAnimationFrame(tick);
    });

  window.__bench = { load, record };
}

// ---------------------------------------------------------------------------------------------
// Figures

interface FpsFigure {
  frames: number;
  medianFps: number;
  p5Fps: number;
  meanFps: number;
  worstFrameMs: number;
  /** Frames longer than 25 ms: at 60 Hz, each missed at least one vsync. */
  missedVsyncFrames: number;
  longTasks: number;
  longestTaskMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

function fpsFigure(rec: FrameRecording): FpsFigure {
  const sorted = [...rec.dts].sort((a, b) => a - b);
  const total = rec.dts.reduce((a, b) => a + b, 0);
  return {
    frames: rec.dts.length,
    medianFps: round1(1000 / quantile(sorted, 0.5)),
    p5Fps: round1(1000 / quantile(sorted, 0.95)),
    meanFps: round1((1000 * rec.dts.length) / total),
    worstFrameMs: round1(sorted[sorted.length - 1] ?? Number.NaN),
    missedVsyncFrames: rec.dts.filter((d) => d > 25).length,
    longTasks: rec.longTasks.length,
    longestTaskMs: round1(Math.max(0, ...rec.longTasks)),
  };
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

async function heapFigures(page: Page, cdp: CDPSession) {
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

// ---------------------------------------------------------------------------------------------
// Optional CPU profile, mapped back to sources through the client's source maps

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}
interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}
type Segment = [col: number, source: number, line: number, name: number | null];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a v3 source map's mappings into segments per generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let name = 0;
  for (const text of mappings.split(';')) {
    const segs: Segment[] = [];
    let col = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        line += values[2] ?? 0;
        let n: number | null = null;
        if (values.length >= 5) {
          name += values[4] ?? 0;
          n = name;
        }
        segs.push([col, source, line, n]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

async function summariseProfile(profile: CpuProfile): Promise<string[]> {
  const maps = new Map<string, { map: SourceMap; lines: Segment[][] } | null>();
  for (const node of profile.nodes) {
    const { url } = node.callFrame;
    if (!url.startsWith('http') || maps.has(url)) continue;
    const map = await fetch(`${url}.map`)
      .then((r) => (r.ok ? (r.json() as Promise<SourceMap>) : null))
      .catch(() => null);
    maps.set(url, map ? { map, lines: decodeMappings(map.mappings) } : null);
  }
  const where = (node: ProfileNode): { fn: string; file: string } => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const m = maps.get(url);
    const segs = m?.lines[lineNumber];
    if (!m || !segs) return { fn: functionName || '(anonymous)', file: url || functionName };
    let best: Segment | undefined;
    for (const s of segs) if (s[0] <= columnNumber) best = s;
    if (!best) return { fn: functionName || '(anonymous)', file: url };
    const file = (m.map.sources[best[1]] ?? '?').replace(/^(\.\.\/)+/, '');
    const name = best[3] === null ? functionName : (m.map.names[best[3]] ?? functionName);
    return { fn: `${name || '(anonymous)'} ${file}:${best[2] + 1}`, file };
  };
  const selfById = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? 0;
    selfById.set(id, (selfById.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = selfById.get(node.id) ?? 0;
    if (!ms || node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const w = where(node);
    byFn.set(w.fn, (byFn.get(w.fn) ?? 0) + ms);
    const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(w.file);
    const group = pkg ? `package ${pkg[1]}` : w.file;
    byFile.set(group, (byFile.get(group) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, ms]) =>
          `  ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${k}`,
      );
  return [
    `busy (not idle) main thread: ${busy.toFixed(0)} ms`,
    'self time by source file / package:',
    ...top(byFile, 10),
    'self time by function:',
    ...top(byFn, 20),
  ];
}

interface LoadFigure {
  timeToBoardMessageMs: number | null;
  boardMessageBytes: number;
  timeToSyncedMs: number;
  timeToFirstFrameMs: number;
  /** From the arrival of the board's sync message to the first frame with the objects. */
  firstFrameAfterSyncMs: number;
  firstFrameAfterStoreSyncedMs: number;
  longestTaskMs: number;
}

function loadFigure(l: LoadTimes): LoadFigure {
  // "Sync" is the arrival of the message that carries the board: applying it, validating
  // every object and rendering all happen after it, often in one long task that ends just
  // before the store reports 10,000 objects, so timing from the store count would hide them.
  const syncAt = l.boardMessageAt ?? l.syncedAt;
  return {
    timeToBoardMessageMs: l.boardMessageAt === null ? null : Math.round(l.boardMessageAt),
    boardMessageBytes: l.boardMessageBytes,
    timeToSyncedMs: Math.round(l.syncedAt),
    timeToFirstFrameMs: Math.round(l.drawnAt),
    firstFrameAfterSyncMs: Math.round(l.drawnAt - syncAt),
    firstFrameAfterStoreSyncedMs: Math.round(l.drawnAt - l.syncedAt),
    longestTaskMs: round1(l.longestTaskMs),
  };
}

/** Each figure's median over the loads. */
function medianLoad(runs: readonly LoadFigure[]): LoadFigure {
  const med = (pick: (f: LoadFigure) => number | null): number | null => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length === 0
      ? null
      : quantile(
          [...values].sort((a, b) => a - b),
          0.5,
        );
  };
  const num = (pick: (f: LoadFigure) => number): number => med(pick) ?? Number.NaN;
  return {
    timeToBoardMessageMs: med((f) => f.timeToBoardMessageMs),
    boardMessageBytes: num((f) => f.boardMessageBytes),
    timeToSyncedMs: num((f) => f.timeToSyncedMs),
    timeToFirstFrameMs: num((f) => f.timeToFirstFrameMs),
    firstFrameAfterSyncMs: num((f) => f.firstFrameAfterSyncMs),
    firstFrameAfterStoreSyncedMs: num((f) => f.firstFrameAfterStoreSyncedMs),
    longestTaskMs: num((f) => f.longestTaskMs),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const fpsPair = (f: FpsFigure) => `${f.medianFps.toFixed(1)} / ${f.p5Fps.toFixed(1)} fps`;

// ---------------------------------------------------------------------------------------------
// Main

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

    browser = await launchBrowser();
    const chromium = browser.version();
    const openedBrowser = browser;

    // With BENCH_PROFILE=1 every phase is also recorded by the CPU profiler.
    const profileLines: string[] = [];
    const profiled = async <T>(cdp: CDPSession, name: string, run: () => Promise<T>) => {
      if (!PROFILE) return run();
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
        profileLines.push(
          `\n== CPU profile of ${name}: ${path.relative(REPO_DIR, file)}`,
          ...(await summariseProfile(profile)),
        );
      }
    };

    /** A cold load in a fresh browser context (empty cache and IndexedDB). */
    const openBoard = async (profileName: string | null) => {
      const context = await openedBrowser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      // tsx keeps function names with an `__name` helper that serialised functions would call.
      await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
      await page.addInitScript(installAgent, TOTAL);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${server?.url}/b/${boardId}`, { waitUntil: 'commit' });
      const waitLoad = () =>
        page.evaluate(() => {
          const agent = window.__bench;
          if (!agent) throw new Error('bench agent missing');
          return agent.load;
        });
      const load = profileName ? await profiled(cdp, profileName, waitLoad) : await waitLoad();
      return { context, page, cdp, load };
    };

    // 1. First full render, LOADS times; the last page stays open for the rest.
    console.log(`loading the board in Chromium (${LOADS} cold loads)…`);
    const loads: LoadTimes[] = [];
    let opened: Awaited<ReturnType<typeof openBoard>> | null = null;
    for (let i = 0; i < LOADS; i++) {
      if (opened) await opened.context.close();
      opened = await openBoard(i === 0 ? 'load' : null);
      loads.push(opened.load);
    }
    if (!opened) throw new Error('no load');
    const { page, cdp } = opened;
    const canvasBox = await page.getByTestId('board-canvas').boundingBox();
    if (!canvasBox) throw new Error('board canvas not visible');
    const vp = { width: canvasBox.width, height: canvasBox.height };
    await sleep(1_000);
    const heap = await heapFigures(page, cdp);

    // 2. Frames. Every run starts from the middle of the board.
    const centre = {
      x: board.bounds.x + board.bounds.w / 2,
      y: board.bounds.y + board.bounds.h / 2,
    };
    const at = (scale: number): Camera => ({
      scale,
      x: vp.width / 2 - centre.x * scale,
      y: vp.height / 2 - centre.y * scale,
    });
    const fitScale = Math.min((vp.width - 40) / board.bounds.w, (vp.height - 40) / board.bounds.h);
    console.log('measuring frames (about 35 s)…');
    const frames = async (name: string, driver: Driver, ms = PHASE_MS) =>
      fpsFigure(await profiled(cdp, name, () => recordFrames(page, driver, ms)));
    const idle = await frames('idle', { kind: 'none' }, 2_000);
    const pan = await frames('pan', { kind: 'pan', from: at(1), dx: 4 });
    const wheel = await profiled(cdp, 'wheel', () => wheelPan(page, at(1)));
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

    // 3. Report.
    const runs = loads.map(loadFigure);
    const load = medianLoad(runs);
    const firstFrameAfterSyncMs = load.firstFrameAfterSyncMs;
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
        grid: { columns: COLUMNS, rows: board.rows, spacingPx: SPACING, bounds: board.bounds },
        documentBytes: seeded.docBytes,
      },
      seeding: {
        seconds: round1(seeded.seconds),
        transactions: seeded.batches,
        largestMessageBytes: seeded.maxMessageBytes,
      },
      viewport: { window: VIEWPORT, canvas: vp },
      figures: {
        load: { median: load, runs },
        heap,
        idle,
        panSetCamera: { ...pan, scale: 1, pxPerFrame: 4 },
        panWheel: { ...wheel, scale: 1, pxPerEvent: 40 },
        zoom: { ...zoom, minScale: 0.5, maxScale: 1.5, periodMs: 2_000 },
        fitAll: { ...fitAll, scale: round1(fitScale * 1000) / 1000, pxPerFrame: 1 },
        uiMinZoomPan: { ...minZoom, scale: UI_MIN_SCALE, pxPerFrame: 2 },
      },
      targets: TARGETS,
      met: {
        firstFrameAfterSync: firstFrameAfterSyncMs <= TARGETS.firstFrameAfterSyncMs,
        panSetCamera: pan.medianFps >= TARGETS.panMedianFps && pan.p5Fps >= TARGETS.panP5Fps,
        panWheel: wheel.medianFps >= TARGETS.panMedianFps && wheel.p5Fps >= TARGETS.panP5Fps,
        fitAll: fitAll.medianFps >= TARGETS.fitAllMedianFps,
      },
    };

    const rows: Row[] = [
      {
        label: `load: navigation → board message in (${(load.boardMessageBytes / 2 ** 20).toFixed(1)} MiB)`,
        value: `${load.timeToBoardMessageMs ?? '–'} ms`,
        target: '',
        ok: null,
      },
      {
        label: 'load: navigation → 10,000 objects in the store',
        value: `${load.timeToSyncedMs} ms`,
        target: '',
        ok: null,
      },
      {
        label: 'load: navigation → first frame with them',
        value: `${load.timeToFirstFrameMs} ms`,
        target: '',
        ok: null,
      },
      {
        label: 'load: first frame after sync (message in → drawn)',
        value: `${firstFrameAfterSyncMs} ms`,
        target: `≤ ${TARGETS.firstFrameAfterSyncMs} ms`,
        ok: results.met.firstFrameAfterSync,
      },
      {
        label: 'load: longest main-thread task',
        value: `${load.longestTaskMs} ms`,
        target: '',
        ok: null,
      },
      {
        label: 'JS heap after load (performance.memory)',
        value: `${heap.performanceMemoryMiB ?? '–'} MiB`,
        target: '',
        ok: null,
      },
      {
        label: 'JS heap after load (CDP; after GC)',
        value: `${heap.cdpJsHeapUsedMiB ?? '–'}; ${heap.cdpJsHeapUsedAfterGcMiB ?? '–'} MiB`,
        target: '',
        ok: null,
      },
      {
        label: 'idle, nothing moving (reference): median / p5',
        value: fpsPair(idle),
        target: '',
        ok: null,
      },
      {
        label: 'pan, scale 1, setCamera each frame: median / p5',
        value: fpsPair(pan),
        target: `≥ ${TARGETS.panMedianFps} / ≥ ${TARGETS.panP5Fps} fps`,
        ok: results.met.panSetCamera,
      },
      {
        label: `pan, scale 1, mouse wheel (${wheel.wheelEvents} events): median / p5`,
        value: fpsPair(wheel),
        target: `≥ ${TARGETS.panMedianFps} / ≥ ${TARGETS.panP5Fps} fps`,
        ok: results.met.panWheel,
      },
      {
        label: 'zoom 0.5 ↔ 1.5 each frame: median / p5',
        value: fpsPair(zoom),
        target: '',
        ok: null,
      },
      {
        label: `all 10,000 in view (scale ${fitScale.toFixed(3)}), pan: median / p5`,
        value: fpsPair(fitAll),
        target: `median ≥ ${TARGETS.fitAllMedianFps} fps`,
        ok: results.met.fitAll,
      },
      {
        label: `UI minimum zoom (scale ${UI_MIN_SCALE}), pan: median / p5`,
        value: fpsPair(minZoom),
        target: '',
        ok: null,
      },
    ];
    printTable(
      [
        `Torg board-10k — ${TOTAL.toLocaleString('en')} objects (${COUNTS.sticky} stickies, ${COUNTS.geo} geo, ${COUNTS.text} text, ${COUNTS.connector} connectors)`,
        `${results.machine.cpu} × ${results.machine.cores}, node ${results.node}, Chromium ${chromium} (headless, software rendering)`,
      ],
      rows,
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
    for (const l of profileLines) console.log(l);

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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
