import { boardPdf, boardSvg, svgToPng } from './board.js';
import type { ExportFile } from './jobs.js';
import type { RenderTask } from './render-task.js';
import type { ExportSource } from './source.js';
import { readBoardData } from './source.js';

const MIME = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  pdf: 'application/pdf',
} as const;

/** One board as an SVG, PNG or PDF file (on an export worker thread, see `render-pool.ts`). */
export async function renderBoardExport(
  source: ExportSource,
  task: Extract<RenderTask, { kind: 'board' }>,
): Promise<ExportFile> {
  const { board } = task;
  const data = await readBoardData(source, board);
  const svg = await boardSvg(data, source, { pins: task.pins, title: board.name });
  const bytes =
    task.format === 'svg'
      ? new TextEncoder().encode(svg)
      : task.format === 'png'
        ? svgToPng(svg, task.scale)
        : await boardPdf(svg, { paper: task.paper, title: board.name });
  return { bytes, filename: `${board.name || 'tavle'}.${task.format}`, mime: MIME[task.format] };
}
