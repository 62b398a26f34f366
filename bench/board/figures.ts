/** The benchmark's figures from what the page recorded: frame rates and load times. */
import { round1 } from '../bench-common.js';
import type { FrameRecording, LoadTimes } from './agent.js';

export interface FpsFigure {
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

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export function fpsFigure(rec: FrameRecording): FpsFigure {
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

export interface LoadFigure {
  timeToBoardMessageMs: number | null;
  boardMessageBytes: number;
  /** Navigation → the first frame with any of the objects (the board begins to show). */
  timeToFirstObjectsMs: number;
  timeToSyncedMs: number;
  /** Navigation → the frame with every object. */
  timeToFirstFrameMs: number;
  /** From the arrival of the board's (first) message to the first frame with the objects. */
  firstFrameAfterSyncMs: number;
  firstFrameAfterStoreSyncedMs: number;
  longestTaskMs: number;
  /**
   * Clicks on the toolbar that landed while the board arrived, and the slowest one's time (of
   * several loads: the clicks of all, and the median of each load's slowest).
   */
  clicksDuringLoad: number;
  slowestClickMs: number | null;
}

export function loadFigure(l: LoadTimes): LoadFigure {
  // "Sync" is the arrival of the message that carries the board: applying it, validating
  // every object and rendering all happen after it, often in one long task that ends just
  // before the store reports 10,000 objects, so timing from the store count would hide them.
  const syncAt = l.boardMessageAt ?? l.syncedAt;
  return {
    timeToBoardMessageMs: l.boardMessageAt === null ? null : Math.round(l.boardMessageAt),
    boardMessageBytes: l.boardMessageBytes,
    timeToFirstObjectsMs: Math.round(l.firstPixelsAt),
    timeToSyncedMs: Math.round(l.syncedAt),
    timeToFirstFrameMs: Math.round(l.drawnAt),
    firstFrameAfterSyncMs: Math.round(l.drawnAt - syncAt),
    firstFrameAfterStoreSyncedMs: Math.round(l.drawnAt - l.syncedAt),
    longestTaskMs: round1(l.longestTaskMs),
    clicksDuringLoad: l.clicks.length,
    slowestClickMs:
      l.clicks.length === 0 ? null : round1(Math.max(...l.clicks.map((c) => c.handledMs))),
  };
}

/** Each figure's median over the loads. */
export function medianLoad(runs: readonly LoadFigure[]): LoadFigure {
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
  const slowestClick = med((f) => f.slowestClickMs);
  return {
    timeToBoardMessageMs: med((f) => f.timeToBoardMessageMs),
    boardMessageBytes: num((f) => f.boardMessageBytes),
    timeToSyncedMs: num((f) => f.timeToSyncedMs),
    timeToFirstObjectsMs: num((f) => f.timeToFirstObjectsMs),
    timeToFirstFrameMs: num((f) => f.timeToFirstFrameMs),
    firstFrameAfterSyncMs: num((f) => f.firstFrameAfterSyncMs),
    firstFrameAfterStoreSyncedMs: num((f) => f.firstFrameAfterStoreSyncedMs),
    longestTaskMs: num((f) => f.longestTaskMs),
    // In all loads together (a load may see none: the toolbar appeared after the board).
    clicksDuringLoad: runs.reduce((n, f) => n + f.clicksDuringLoad, 0),
    slowestClickMs: slowestClick === null ? null : round1(slowestClick),
  };
}
