/**
 * The board benchmark's measuring part, for one server or for several side by side
 * (`compare.ts`): cold loads interleaved between them (A, B, A, B, …, so a slower minute on a
 * shared machine hits both alike), then the heap and the frame rates on each one's last page.
 */
import type { Rect } from '@torg/shared';
import type { Browser } from 'playwright-core';
import { type LoadFigure, loadFigure, medianLoad } from './figures.js';
import {
  type FrameFigures,
  type HeapFigures,
  heapFigures,
  measureFrames,
  type OpenedBoard,
  openBoard,
  type Profiler,
} from './measure.js';

/** A server with the benchmark's board on it. */
export interface Target {
  label: string;
  /** The board's page, e.g. http://localhost:8787/b/<boardId>. */
  url: string;
}

export interface TargetFigures {
  load: LoadFigure;
  loads: LoadFigure[];
  /** The same loads over an emulated venue network (`VENUE_NETWORK`). */
  venueLoad: LoadFigure;
  venueLoads: LoadFigure[];
  heap: HeapFigures;
  frames: FrameFigures;
}

export async function measureTargets(
  browser: Browser,
  targets: readonly Target[],
  opts: { loads: number; objects: number; bounds: Rect; profiler: Profiler },
): Promise<TargetFigures[]> {
  const { profiler } = opts;
  console.log(
    `loading the board in Chromium (${opts.loads} cold loads each, on loopback and on a venue network)…`,
  );
  const loads: LoadFigure[][] = targets.map(() => []);
  const venueLoads: LoadFigure[][] = targets.map(() => []);
  const last: (OpenedBoard | null)[] = targets.map(() => null);
  for (let i = 0; i < opts.loads; i++) {
    for (const [k, target] of targets.entries()) {
      const venue = await openBoard(browser, target.url, opts.objects, profiler, null, 'venue');
      venueLoads[k]?.push(loadFigure(venue.load));
      await venue.context.close();
      await last[k]?.context.close();
      // Only the first load of the first target is profiled (BENCH_PROFILE=1).
      const profileName = i === 0 && k === 0 ? 'load' : null;
      const opened = await openBoard(browser, target.url, opts.objects, profiler, profileName);
      last[k] = opened;
      loads[k]?.push(loadFigure(opened.load));
    }
  }
  const figures: TargetFigures[] = [];
  for (const [k, target] of targets.entries()) {
    const opened = last[k];
    if (!opened) throw new Error(`no load of ${target.label}`);
    await new Promise((r) => setTimeout(r, 1_000));
    const heap = await heapFigures(opened.page, opened.cdp);
    console.log(`measuring frames of ${target.label} (about 35 s)…`);
    const frames = await measureFrames(opened.page, opened.cdp, opts.bounds, profiler);
    await opened.context.close();
    const runs = loads[k] ?? [];
    const venueRuns = venueLoads[k] ?? [];
    figures.push({
      load: medianLoad(runs),
      loads: runs,
      venueLoad: medianLoad(venueRuns),
      venueLoads: venueRuns,
      heap,
      frames,
    });
  }
  return figures;
}
