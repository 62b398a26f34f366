import { DEFAULT_LOCALE, type WorkshopExportRequest } from '@torg/shared';
import JSZip from 'jszip';
import { anonymisedSource } from './anonymise.js';
import { exportBackup } from './backup.js';
import { collectGarbage, svgToPngAsync } from './board.js';
import { reportCsv } from './csv.js';
import { type DocxPicture, reportDocx } from './docx.js';
import type { ExportFile, Progress } from './jobs.js';
import { reportMarkdown } from './markdown.js';
import { buildReport, type Report } from './report.js';
import { reportText } from './report-model.js';
import { pictureAreas, reportPdf } from './report-pdf.js';
import { type BoardPictures, boardPictures, type PageAreas } from './report-pictures.js';
import { type ExportSource, readWorkshopData, type WorkshopData } from './source.js';
import { fileStem, NoSuchWorkshop } from './workshop-names.js';

// Apart, so the server's main thread names them without loading the export stack.
export { fileStem, NoSuchWorkshop };

/**
 * The boards' pictures in the ZIP: 2× up to this longest side. A template board (about 2,500
 * px wide) gets 1.2×; a 500-object board (6,500 px) still shows its notes' text at about
 * 10 px, and its picture costs 1 s instead of 3 (bench/export.ts).
 */
const ZIP_PNG_MAX_SIDE = 3000;
/** PNG, PDF and DOCX are compressed already: stored as they are, not deflated again. */
const STORED = { compression: 'STORE' } as const;
/** Boards drawn at once (libuv's thread pool has four). */
const PNG_THREADS = 2;

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  zip: 'application/zip',
  png: 'image/png',
} as const;

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Makes a whole-workshop export in one format. With `anonymise`, everything is read through
 * an anonymised source, so every file carries the same pseudonyms. Progress counts boards.
 */
export async function produceWorkshopExport(
  source: ExportSource,
  workshopId: string,
  // The paper is A4 unless asked for (scripts and tests leave it out).
  request: Omit<WorkshopExportRequest, 'paper'> & Partial<Pick<WorkshopExportRequest, 'paper'>>,
  progress: Progress = () => undefined,
  signal: AbortSignal = new AbortController().signal,
): Promise<ExportFile> {
  const locale = request.locale ?? DEFAULT_LOCALE;
  const src = request.anonymise ? await anonymisedSource(source, workshopId, locale) : source;
  const data = await readWorkshopData(src, workshopId);
  if (!data) throw new NoSuchWorkshop(workshopId);
  signal.throwIfAborted();
  const report = buildReport(data, { anonymise: request.anonymise, locale });
  const paper = request.paper ?? 'a4';
  const areas = pictureAreas(paper);
  const stem = fileStem(report.title);
  const boards = data.boards.length;

  switch (request.format) {
    case 'csv':
      return { bytes: utf8(reportCsv(report)), filename: `${stem}.csv`, mime: MIME.csv };
    case 'md':
      return { bytes: utf8(reportMarkdown(report)), filename: `${stem}.md`, mime: MIME.md };
    case 'docx': {
      const pictures = await boardPicturesOf(data, report, src, areas, signal, (n) =>
        progress(n, boards * 2),
      );
      const pngs = await docxPictures(pictures, areas, pngQueue(signal), (n) =>
        progress(boards + n, boards * 2),
      );
      const bytes = await reportDocx(report, pngs, areas);
      return { bytes, filename: `${stem}.docx`, mime: MIME.docx };
    }
    case 'json':
      return {
        bytes: utf8(JSON.stringify(await exportBackup(src, workshopId))),
        filename: `${stem}.torg.json`,
        mime: MIME.json,
      };
    case 'pdf': {
      // Steps: each board's drawing, then the report's pages (cover, boards, appendices).
      const total = boards * 3 + 1;
      const pictures = await boardPicturesOf(data, report, src, areas, signal, (n) =>
        progress(n, total),
      );
      const pdf = await reportPdf(
        report,
        pictures,
        (n) => progress(boards + n, total),
        signal,
        paper,
      );
      return { bytes: pdf, filename: `${stem}.pdf`, mime: MIME.pdf };
    }
    case 'zip':
      return {
        bytes: await zipAll(data, src, report, workshopId, areas, progress, signal),
        filename: `${stem}.zip`,
        mime: MIME.zip,
      };
  }
}

/** Draws an SVG as a PNG (2×, its longest side at most `maxSide` px). */
type DrawPng = (svg: string, maxSide: number) => Promise<Uint8Array>;

/**
 * Draws PNGs on worker threads, PNG_THREADS at a time, in the order asked for. After every
 * other picture it lets resvg's native memory go (see collectGarbage): that keeps the peak
 * down at half the collections.
 */
function pngQueue(signal: AbortSignal): DrawPng {
  let running = 0;
  let drawn = 0;
  const waiting: (() => void)[] = [];
  const acquire = () =>
    running < PNG_THREADS ? void running++ : new Promise<void>((resolve) => waiting.push(resolve));
  // A waiting drawing takes the freed thread over; `running` counts threads, not callers.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (svg, maxSide) => {
    await acquire();
    try {
      signal.throwIfAborted();
      return await svgToPngAsync(svg, 2, maxSide);
    } finally {
      if (++drawn % 2 === 0) {
        await new Promise((r) => setImmediate(r));
        collectGarbage();
      }
      release();
    }
  };
}

/**
 * Pixels per point of a picture in the Word file: 144 dpi, where 8-point words are 16 px
 * high. An A4 page's picture is about 1,500 px wide, an A3 page's 2,200.
 */
const DOCX_PX_PER_PT = 2;

/**
 * The boards' pictures as PNGs for the Word file, each on the page the PDF gives it. `wholes`
 * are the boards' whole pictures where they are drawn already (the ZIP's). `step` counts
 * boards done.
 */
async function docxPictures(
  pictures: readonly BoardPictures[],
  areas: PageAreas,
  draw: DrawPng,
  step: (done: number) => void = () => undefined,
  wholes: readonly Promise<Uint8Array>[] = [],
): Promise<DocxPicture[][]> {
  const side = (landscape: boolean) => {
    const area = landscape ? areas.landscape : areas.portrait;
    return Math.ceil(Math.max(area.w, area.h) * DOCX_PX_PER_PT);
  };
  const picture = async (png: Promise<Uint8Array>, title: string | null, landscape: boolean) => {
    const bytes = await png;
    // The size from the PNG's header (IHDR: width, then height, from byte 16).
    const header = new DataView(bytes.buffer, bytes.byteOffset, 24);
    const width = header.getUint32(16);
    return { png: bytes, width, height: header.getUint32(20), landscape, title };
  };
  let boardsDone = 0;
  // Every picture is asked for at once: the queue draws them in this order.
  return Promise.all(
    pictures.map(async (p, i) => {
      const list = await Promise.all([
        picture(wholes[i] ?? draw(p.whole, side(true)), null, true),
        ...p.parts.map((part) =>
          picture(draw(part.svg, side(part.landscape)), part.title, part.landscape),
        ),
      ]);
      step(++boardsDone);
      return list;
    }),
  );
}

async function boardPicturesOf(
  data: WorkshopData,
  report: Report,
  source: ExportSource,
  areas: PageAreas,
  signal: AbortSignal,
  step: (done: number) => void,
): Promise<BoardPictures[]> {
  const otherTitle = reportText(report, 'export.otherSection');
  const out: BoardPictures[] = [];
  for (const b of data.boards) {
    signal.throwIfAborted();
    out.push(await boardPictures(b, source, areas, otherTitle));
    step(out.length);
  }
  return out;
}

/**
 * Everything in one ZIP: the PDF report, the Word draft, CSV, Markdown, the JSON backup and a
 * PNG (2×) per board. Steps: each board's drawing, each board's PNG, the report pages, then
 * the documents.
 */
async function zipAll(
  data: WorkshopData,
  source: ExportSource,
  report: Report,
  workshopId: string,
  areas: ReturnType<typeof pictureAreas>,
  progress: Progress,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const n = data.boards.length;
  const total = n * 4 + 5;
  let done = 0;
  const step = () => progress(++done, total);
  const stem = fileStem(report.title);
  const zip = new JSZip();
  const boardPics = await boardPicturesOf(data, report, source, areas, signal, step);
  const svgs = boardPics.map((p) => p.whole);
  const used = new Set<string>();
  const names = data.boards.map((b, i) => {
    const base = fileStem(`${String(i + 1).padStart(2, '0')} ${b.board.name}`);
    const name = used.has(base) ? `${base} (${b.board.id})` : base;
    used.add(name);
    zip.file(`tavler/${name}.svg`, svgs[i] ?? '');
    return name;
  });
  // The pictures are drawn on worker threads while this thread writes the PDF: the boards'
  // PNGs first (the Word file's whole boards too), then the Word file's sections.
  const draw = pngQueue(signal);
  const boardPngs = svgs.map(async (svg, i) => {
    const png = await draw(svg, ZIP_PNG_MAX_SIDE);
    zip.file(`tavler/${names[i]}.png`, png, STORED);
    step();
    return png;
  });
  const docxPngs = docxPictures(boardPics, areas, draw, () => undefined, boardPngs);
  // Not left unhandled if the PDF fails first; awaited below.
  docxPngs.catch(() => undefined);
  signal.throwIfAborted();
  const before = done;
  const pdfStep = (k: number) => {
    done = before + k;
    progress(done, total);
  };
  zip.file(`${stem}.pdf`, await reportPdf(report, boardPics, pdfStep, signal, areas.paper), STORED);
  zip.file(`${stem}.docx`, await reportDocx(report, await docxPngs, areas), STORED);
  step();
  zip.file(`${stem}.csv`, reportCsv(report));
  zip.file(`${stem}.md`, reportMarkdown(report));
  step();
  zip.file(`${stem}.torg.json`, JSON.stringify(await exportBackup(source, workshopId)));
  step();
  signal.throwIfAborted();
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  step();
  return bytes;
}
