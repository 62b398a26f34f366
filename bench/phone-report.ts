/**
 * The phone benchmark's figures: medians over the cold runs, each beside the target of
 * issue 18, as the printed table and as `results/phone.md` (whose main table the top README
 * shows between the `bench:phone` markers).
 */
import type { Row } from './bench-common.js';
import { median } from './load-common.js';
import type { LighthouseResult } from './phone-lighthouse.js';
import type { Fetched } from './phone-profile.js';

export const TARGETS = {
  joinVisibleMs: 2_000,
  boardDrawnMs: 3_000,
  /** kB = 1,000 bytes, as the browser's DevTools count. */
  boardTransferredKB: 250,
  fontKB: 40,
  lighthousePerformance: 90,
  lighthouseAccessibility: 100,
} as const;

/** One resource as the results list it. */
export interface ResourceFigure {
  path: string;
  type: string;
  encoding: string;
  kB: number;
}

export interface JoinRun {
  fcpMs: number | null;
  formVisibleMs: number;
  bytesUntilForm: number;
  /** From sending the form ("Bli med") to the waiting notice, and the bytes fetched meanwhile. */
  submitToWaitingMs: number;
  bytesSubmitToWaiting: number;
  longestTaskMs: number;
}

export interface BoardRun {
  fcpMs: number | null;
  drawnMs: number;
  /** HTTP bytes (encoded, with headers) of requests finished before the board was drawn. */
  bytesBeforeDrawn: number;
  requestsBeforeDrawn: number;
  socketBytesBeforeDrawn: number;
  longestTaskMs: number;
  resources: ResourceFigure[];
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly (number | null)[]): Spread | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

const kB = (bytes: number): number => Math.round(bytes / 100) / 10;

export function resourceFigures(fetched: readonly Fetched[]): ResourceFigure[] {
  return [...fetched]
    .sort((a, b) => b.bytes - a.bytes)
    .map((f) => ({
      path: new URL(f.url).pathname,
      type: f.type,
      encoding: f.encoding,
      kB: kB(f.bytes),
    }));
}

export interface FontFigure {
  path: string;
  kB: number;
  format: string;
}

export function fontFigures(fetched: readonly Fetched[]): FontFigure[] {
  const byPath = new Map<string, FontFigure>();
  for (const f of fetched) {
    if (f.type !== 'Font') continue;
    const p = new URL(f.url).pathname;
    const ext = /\.([a-z0-9]+)$/i.exec(p)?.[1]?.toLowerCase();
    const format = ext ?? f.mimeType.replace(/^font\//, '');
    byPath.set(p, { path: p, kB: kB(f.bytes), format });
  }
  return [...byPath.values()].sort((a, b) => b.kB - a.kB);
}

export interface PhoneFigures {
  join: {
    fcpMs: Spread | null;
    formVisibleMs: Spread | null;
    kBUntilForm: Spread | null;
    submitToWaitingMs: Spread | null;
    kBSubmitToWaiting: Spread | null;
  };
  board: {
    fcpMs: Spread | null;
    drawnMs: Spread | null;
    kBBeforeDrawn: Spread | null;
    socketKBBeforeDrawn: Spread | null;
    requestsBeforeDrawn: Spread | null;
    longestTaskMs: Spread | null;
    /** The run with the median drawing time. */
    largestResources: ResourceFigure[];
  };
  fonts: FontFigure[];
  lighthouse: LighthouseResult[] | null;
}

export function summarise(
  joins: JoinRun[],
  boards: BoardRun[],
  fonts: FontFigure[],
  lighthouse: LighthouseResult[] | null,
): PhoneFigures {
  const sortedBoards = [...boards].sort((a, b) => a.drawnMs - b.drawnMs);
  const medianBoard = sortedBoards[Math.floor((sortedBoards.length - 1) / 2)];
  return {
    join: {
      fcpMs: spread(joins.map((j) => j.fcpMs)),
      formVisibleMs: spread(joins.map((j) => j.formVisibleMs)),
      kBUntilForm: spread(joins.map((j) => kB(j.bytesUntilForm))),
      submitToWaitingMs: spread(joins.map((j) => j.submitToWaitingMs)),
      kBSubmitToWaiting: spread(joins.map((j) => kB(j.bytesSubmitToWaiting))),
    },
    board: {
      fcpMs: spread(boards.map((b) => b.fcpMs)),
      drawnMs: spread(boards.map((b) => b.drawnMs)),
      kBBeforeDrawn: spread(boards.map((b) => kB(b.bytesBeforeDrawn))),
      socketKBBeforeDrawn: spread(boards.map((b) => kB(b.socketBytesBeforeDrawn))),
      requestsBeforeDrawn: spread(boards.map((b) => b.requestsBeforeDrawn)),
      longestTaskMs: spread(boards.map((b) => b.longestTaskMs)),
      largestResources: medianBoard?.resources.slice(0, 6) ?? [],
    },
    fonts,
    lighthouse,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kilobytes = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: 1 })} kB`;

function show(s: Spread | null, unit: (n: number) => string): string {
  if (!s) return '–';
  return s.min === s.max
    ? unit(s.median)
    : `${unit(s.median)} (${unit(s.min).replace(/ \S+$/, '')}–${unit(s.max)})`;
}

const atMost = (s: Spread | null, limit: number): boolean | null =>
  s === null ? false : s.median <= limit;

/** The figures of issue 18 beside their targets, in the order of the issue's table. */
export function figureRows(f: PhoneFigures): Row[] {
  const rows: Row[] = [
    {
      label: 'join page: first contentful paint',
      value: show(f.join.fcpMs, seconds),
      target: '',
      ok: null,
    },
    {
      label: 'join page visible (name field)',
      value: show(f.join.formVisibleMs, seconds),
      target: `≤ ${seconds(TARGETS.joinVisibleMs)}`,
      ok: atMost(f.join.formVisibleMs, TARGETS.joinVisibleMs),
    },
    {
      label: 'join page: transferred until then',
      value: show(f.join.kBUntilForm, kilobytes),
      target: '',
      ok: null,
    },
    {
      label: 'waiting page: "Bli med" → waiting notice',
      value: show(f.join.submitToWaitingMs, seconds),
      target: '',
      ok: null,
    },
    {
      label: 'waiting page: transferred meanwhile (HTTP)',
      value: show(f.join.kBSubmitToWaiting, kilobytes),
      target: '',
      ok: null,
    },
    {
      label: 'board: first contentful paint',
      value: show(f.board.fcpMs, seconds),
      target: '',
      ok: null,
    },
    {
      label: 'board drawn after opening its link (200 objects)',
      value: show(f.board.drawnMs, seconds),
      target: `≤ ${seconds(TARGETS.boardDrawnMs)}`,
      ok: atMost(f.board.drawnMs, TARGETS.boardDrawnMs),
    },
    {
      label: 'transferred before the board is drawn (HTTP)',
      value: show(f.board.kBBeforeDrawn, kilobytes),
      target: `≤ ${TARGETS.boardTransferredKB} kB`,
      ok: atMost(f.board.kBBeforeDrawn, TARGETS.boardTransferredKB),
    },
    {
      label: 'board: sync messages before drawn (WebSocket, as decoded)',
      value: show(f.board.socketKBBeforeDrawn, kilobytes),
      target: '',
      ok: null,
    },
    {
      label: 'board: longest main-thread task',
      value: show(f.board.longestTaskMs, (n) => `${Math.round(n)} ms`),
      target: '',
      ok: null,
    },
    {
      label: 'fonts',
      value:
        f.fonts.length === 0
          ? 'none loaded'
          : f.fonts.map((x) => `${x.path.split('/').pop()} ${kilobytes(x.kB)}`).join(', '),
      target: `WOFF2, ≤ ${TARGETS.fontKB} kB each`,
      ok:
        f.fonts.length === 0
          ? null
          : f.fonts.every((x) => x.format === 'woff2' && x.kB <= TARGETS.fontKB),
    },
  ];
  for (const lh of f.lighthouse ?? []) {
    const perfWanted = lh.page !== 'waiting';
    rows.push({
      label: `Lighthouse ${lh.page}: performance / accessibility`,
      value: `${lh.performance ?? '–'} / ${lh.accessibility ?? '–'}`,
      target: perfWanted
        ? `≥ ${TARGETS.lighthousePerformance} / ${TARGETS.lighthouseAccessibility}`
        : `– / ${TARGETS.lighthouseAccessibility}`,
      ok:
        (!perfWanted || (lh.performance ?? 0) >= TARGETS.lighthousePerformance) &&
        (lh.accessibility ?? 0) >= TARGETS.lighthouseAccessibility,
    });
  }
  return rows;
}

/** Start and end of the generated table in phone.md and in the top README. */
export const TABLE_START = '<!-- bench:phone table (generated by `npm run bench:phone`) -->';
export const TABLE_END = '<!-- /bench:phone table -->';

/** The table with a line saying what was measured where (kept with it in the README). */
export function markdownTable(rows: Row[], caption: string): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    ['figure', 'median (min–max)', 'target', 'result'],
    ...rows.map((r) => [
      cell(r.label),
      cell(r.value),
      cell(r.target),
      r.ok === null ? '' : r.ok ? 'met' : 'missed',
    ]),
  ];
  // Columns padded to their widest cell, as the formatter (biome) writes Markdown tables, so
  // that a table written into the README passes `biome ci` as it is.
  const widths = [0, 1, 2, 3].map((c) => Math.max(3, ...lines.map((l) => (l[c] ?? '').length)));
  const row = (cells: string[]) =>
    `| ${cells.map((text, c) => text.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const [header = [], ...body] = lines;
  return [
    TABLE_START,
    '',
    caption,
    '',
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...body.map(row),
    '',
    TABLE_END,
  ].join('\n');
}

export function markdownDetails(f: PhoneFigures): string {
  const lines: string[] = [
    '### Largest resources before the board was drawn (the median run)',
    '',
    '| resource | type | encoding | transferred |',
    '| --- | --- | --- | --- |',
    ...f.board.largestResources.map(
      (r) => `| \`${r.path}\` | ${r.type} | ${r.encoding} | ${kilobytes(r.kB)} |`,
    ),
    '',
  ];
  for (const lh of f.lighthouse ?? []) {
    lines.push(
      `### Lighthouse, ${lh.page} (\`${new URL(lh.finalUrl).pathname}\`): performance ${lh.performance ?? '–'}, accessibility ${lh.accessibility ?? '–'}`,
      '',
      `Metrics (simulated): ${Object.entries(lh.metrics)
        .map(
          ([k, v]) =>
            `${k} ${v === null ? '–' : k.includes('layout') ? v.toFixed(3) : `${Math.round(v)} ms`}`,
        )
        .join(', ')}.`,
      '',
    );
    if (lh.runtimeError) lines.push(`Runtime error: ${lh.runtimeError}`, '');
    for (const category of ['performance', 'accessibility'] as const) {
      const failing = lh.failing[category];
      lines.push(
        failing.length === 0
          ? `- ${category}: no failing audits`
          : `- ${category}, failing audits: ${failing
              .map((a) => `\`${a.id}\`${a.displayValue ? ` (${a.displayValue})` : ''}`)
              .join(', ')}`,
      );
      for (const a of failing)
        for (const el of a.elements) lines.push(`  - \`${a.id}\`: \`${el.replace(/`/g, "'")}\``);
    }
    lines.push('');
  }
  return lines.join('\n');
}
