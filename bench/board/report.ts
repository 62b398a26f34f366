/** The board benchmark's figures as rows: labels, values and which way is better. */
import type { FpsFigure } from './figures.js';
import { UI_MIN_SCALE, VENUE_NETWORK } from './measure.js';
import type { TargetFigures } from './run.js';
import type { ServerSyncFigures } from './server-sync.js';

export interface Figure {
  /** Stable name (targets and comparisons refer to it). */
  key: string;
  label: string;
  value: number | null;
  unit: 'ms' | 'MiB' | 'fps';
  /** For a frame rate the 5th percentile, shown after the median. */
  p5?: number;
}

const fps = (key: string, label: string, f: FpsFigure): Figure => ({
  key,
  label,
  value: f.medianFps,
  unit: 'fps',
  p5: f.p5Fps,
});

export function figures(f: TargetFigures, server: ServerSyncFigures): Figure[] {
  const { load, heap, frames } = f;
  const mib = (load.boardMessageBytes / 2 ** 20).toFixed(1);
  return [
    {
      key: 'serverCold',
      label: 'server: upgrade → sync step 2 arrived, first client after a restart',
      value: server.coldMs,
      unit: 'ms',
    },
    {
      key: 'serverWarm',
      label: 'server: the same, board in memory (median of 3)',
      value: server.warmMs,
      unit: 'ms',
    },
    {
      key: 'boardMessage',
      label: `load: navigation → board's first message in (${mib} MiB in all)`,
      value: load.timeToBoardMessageMs,
      unit: 'ms',
    },
    {
      key: 'firstObjects',
      label: 'load: navigation → first frame with objects (the board begins to show)',
      value: load.timeToFirstObjectsMs,
      unit: 'ms',
    },
    {
      key: 'synced',
      label: 'load: navigation → every object in the views',
      value: load.timeToSyncedMs,
      unit: 'ms',
    },
    {
      key: 'firstFrame',
      label: 'load: navigation → first frame with every object',
      value: load.timeToFirstFrameMs,
      unit: 'ms',
    },
    {
      key: 'firstFrameAfterSync',
      label: 'load: first frame after the board began to arrive (→ drawn)',
      value: load.firstFrameAfterSyncMs,
      unit: 'ms',
    },
    {
      key: 'venueFirstObjects',
      label: `venue network (${VENUE_NETWORK.latencyMs} ms, ${VENUE_NETWORK.kbps / 1024} Mbit/s): navigation → first frame with objects`,
      value: f.venueLoad.timeToFirstObjectsMs,
      unit: 'ms',
    },
    {
      key: 'venueFirstFrame',
      label: 'venue network: navigation → first frame with every object',
      value: f.venueLoad.timeToFirstFrameMs,
      unit: 'ms',
    },
    {
      key: 'longestTask',
      label: 'load: longest main-thread task',
      value: load.longestTaskMs,
      unit: 'ms',
    },
    {
      key: 'click',
      label: `load: a click on the toolbar while the board arrives → handled (slowest; ${load.clicksDuringLoad} clicks)`,
      value: load.slowestClickMs,
      unit: 'ms',
    },
    {
      key: 'heap',
      label: 'JS heap after load (CDP, after GC)',
      value: heap.cdpJsHeapUsedAfterGcMiB,
      unit: 'MiB',
    },
    fps('idle', 'idle, nothing moving (reference): median / p5', frames.idle),
    fps('pan', 'pan, scale 1, setCamera each frame: median / p5', frames.pan),
    fps(
      'wheel',
      `pan, scale 1, mouse wheel (${frames.wheel.wheelEvents} events): median / p5`,
      frames.wheel,
    ),
    fps('zoom', 'zoom 0.5 ↔ 1.5 each frame: median / p5', frames.zoom),
    fps(
      'fitAll',
      `all objects in view (scale ${frames.fitScale.toFixed(3)}), pan: median / p5`,
      frames.fitAll,
    ),
    fps('minZoom', `UI minimum zoom (scale ${UI_MIN_SCALE}), pan: median / p5`, frames.minZoom),
  ];
}

/** A figure's value as printed ("585 ms", "59.9 / 59.5 fps"). */
export function shown(f: Figure): string {
  if (f.value === null) return '–';
  if (f.unit === 'fps') return `${f.value.toFixed(1)} / ${(f.p5 ?? Number.NaN).toFixed(1)} fps`;
  return `${f.value} ${f.unit}`;
}
