import v8 from 'node:v8';
import vm from 'node:vm';
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import {
  boardContentBounds,
  type Comment,
  lookupFrom,
  type Rect,
  renderBoardSvg,
  type Shape,
  shapeBounds,
} from '@torg/shared';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { FONT_FILES, PDF_FONTS, pdfOutput, registerInter } from './fonts.js';
import type { BoardData, ExportSource } from './source.js';

/**
 * One board as a picture: SVG (the shared renderer, images embedded), PNG (resvg) and a vector
 * PDF with real, selectable Inter text (PDFKit + svg-to-pdfkit). All three are drawn from the
 * same SVG, with the same font files as the canvas.
 */

/** Margin around the board's content in the SVG, in board px. */
const PADDING = 40;
/** Longest side of a board's SVG in px (a huge board is scaled down to this). */
const MAX_SIDE = 4000;
/** Longest side of a PNG in px, whatever the scale asked for. */
const MAX_PNG_SIDE = 8000;
const EMPTY_SIZE = { w: 800, h: 500 };
const BACKGROUND = '#ffffff';

export interface BoardSvgOptions {
  /** Draw the numbered comment pins (top-level comments, numbered by age). */
  pins?: boolean;
  /** The picture's title (`<title>`), e.g. the board's name. */
  title?: string;
  /** Only this part of the board (board px), e.g. one section; default all of its content. */
  view?: Rect;
  /** Only the objects this accepts (default all), e.g. one section's. */
  only?: (shape: Shape) => boolean;
  /** The board's images, when read already (`boardImages`): one board's pages share them. */
  images?: BoardImages;
}

const EMBEDDABLE = new Set(['image/png', 'image/jpeg']);

/** An asset as a data URL a PDF can embed too: PNG and JPEG as they are, others as PNG. */
function toDataUrl(mime: string, data: Uint8Array, width: number, height: number): string | null {
  const b64 = Buffer.from(data).toString('base64');
  if (EMBEDDABLE.has(mime)) return `data:${mime};base64,${b64}`;
  // GIF and WebP: PDFKit cannot embed them, so they are redrawn as PNG (first frame).
  try {
    const w = Math.max(1, Math.min(width, 4000));
    const h = Math.max(1, Math.min(height, 4000));
    const wrapper = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}"><image width="${w}" height="${h}" preserveAspectRatio="none" xlink:href="data:${mime};base64,${b64}"/></svg>`;
    const png = new Resvg(wrapper, { font: { loadSystemFonts: false } }).render().asPng();
    return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  } catch {
    return null;
  }
}

/** Top-level comments' pins in board px, numbered 1, 2, … by age (as in the feedback panel). */
function commentPins(
  shapes: readonly Shape[],
  comments: readonly Comment[],
): { x: number; y: number; label: string }[] {
  const lookup = lookupFrom(shapes);
  return comments
    .filter((c) => c.parentId === null)
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((c, i) => {
      let at: { x: number; y: number } | null = null;
      if ('x' in c.pin) at = { x: c.pin.x, y: c.pin.y };
      else {
        const shape = lookup(c.pin.shapeId);
        const b = shape ? shapeBounds(shape, lookup) : null;
        if (b) at = { x: b.x + b.w, y: b.y };
      }
      return at ? [{ ...at, label: String(i + 1) }] : [];
    });
}

/** The board's images as data URLs by asset id (null: not stored), read once per board. */
export async function boardImages(data: BoardData, source: ExportSource): Promise<BoardImages> {
  const images = new Map<string, string | null>();
  for (const s of data.shapes) {
    if (s.type !== 'image' || images.has(s.assetId)) continue;
    const asset = await source.asset(s.assetId);
    images.set(
      s.assetId,
      asset ? toDataUrl(asset.mime, asset.data, asset.width, asset.height) : null,
    );
  }
  return images;
}

export type BoardImages = ReadonlyMap<string, string | null>;

/** The board as a self-contained SVG (images embedded as data URLs), sized to its content. */
export async function boardSvg(
  data: BoardData,
  source: ExportSource,
  opts: BoardSvgOptions = {},
): Promise<string> {
  const shapes = data.shapes;
  const images = opts.images ?? (await boardImages(data, source));
  const pins = opts.pins ? commentPins(shapes, data.comments) : [];
  const bounds = opts.view ?? boardContentBounds(shapes);
  // A view has its margin already.
  const padding = opts.view ? 0 : PADDING;
  const content = bounds
    ? {
        w: Math.max(bounds.w, 1),
        h: Math.max(bounds.h, 1),
      }
    : EMPTY_SIZE;
  const scale = Math.min(1, MAX_SIDE / (Math.max(content.w, content.h) + padding * 2));
  const width = Math.ceil((content.w + padding * 2) * scale);
  const height = Math.ceil((content.h + padding * 2) * scale);
  return renderBoardSvg(shapes, {
    width,
    height,
    padding: padding * scale,
    ...(opts.view ? { view: opts.view } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    maxScale: scale,
    background: BACKGROUND,
    minTextPx: 0,
    ...(opts.title ? { title: opts.title } : {}),
    images: (id) => images.get(id) ?? null,
    pins,
  });
}

/** The SVG's own size in px (its root `width` and `height`). */
export function svgSize(svg: string): { w: number; h: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const w = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 0);
  const h = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
  return { w: w > 0 ? w : EMPTY_SIZE.w, h: h > 0 ? h : EMPTY_SIZE.h };
}

/**
 * The SVG as a PNG at 1× or 2× (resvg, Inter only: no system fonts), its longest side at most
 * `maxSide` px (a huge board is drawn smaller rather than as a picture nobody can open).
 */
export function svgToPng(svg: string, scale: 1 | 2, maxSide = MAX_PNG_SIDE): Uint8Array {
  return new Uint8Array(new Resvg(svg, pngOptions(svg, scale, maxSide)).render().asPng());
}

/**
 * A full garbage collection, where the runtime allows one. resvg's pictures (tens of MB each)
 * live in native memory that V8 does not count, so it would free them only when a collection
 * happens to run for other reasons: a ZIP of eight big boards then peaks at 700 MB instead of
 * 400 (bench/export.ts). Exports call this after each big picture and page.
 */
export const collectGarbage: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => gc();
  } catch {
    // not allowed here: the memory is freed later, by V8's own collections
  }
  return () => undefined;
})();

/** `svgToPng` drawn on a worker thread, so several boards can be drawn at once. */
export async function svgToPngAsync(
  svg: string,
  scale: 1 | 2,
  maxSide = MAX_PNG_SIDE,
): Promise<Uint8Array> {
  return new Uint8Array((await renderAsync(svg, pngOptions(svg, scale, maxSide))).asPng());
}

function pngOptions(svg: string, scale: 1 | 2, maxSide: number): ResvgRenderOptions {
  const { w, h } = svgSize(svg);
  const zoom = Math.min(scale, Math.min(maxSide, MAX_PNG_SIDE) / Math.max(w, h));
  return {
    fitTo: { mode: 'zoom', value: zoom },
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: 'Inter',
      sansSerifFamily: 'Inter',
    },
  };
}

/**
 * Draws the board's SVG as vectors onto the current page of a PDFKit document, fitted and
 * centred in `box` (PDF points). Text stays text, in Inter, so it can be selected and searched.
 */
export function drawBoardOnPage(
  pdf: PDFKit.PDFDocument,
  svg: string,
  box: { x: number; y: number; w: number; h: number },
): void {
  if (!svg) return;
  registerInter(pdf);
  const size = svgSize(svg);
  const k = Math.min(box.w / size.w, box.h / size.h);
  const w = size.w * k;
  const h = size.h * k;
  pdf.save();
  SVGtoPDF(pdf, svg, box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, {
    width: w,
    height: h,
    preserveAspectRatio: 'xMidYMid meet',
    assumePt: false,
    fontCallback: (_family: string, bold: boolean) => (bold ? PDF_FONTS.bold : PDF_FONTS.regular),
    warningCallback: () => {},
  });
  pdf.restore();
}

const MARGIN = 28.35; // 10 mm

/** One landscape page (A4 or A3) with the board fitted inside the margins, under its title. */
export async function boardPdf(
  svg: string,
  opts: { paper: 'a4' | 'a3'; title?: string },
): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    size: opts.paper.toUpperCase(),
    layout: 'landscape',
    margin: MARGIN,
    autoFirstPage: true,
    info: { Title: opts.title ?? '', Creator: 'Torg' },
    lang: 'nb-NO',
    displayTitle: Boolean(opts.title),
  });
  const output = pdfOutput(pdf);
  const pageW = pdf.page.width;
  const pageH = pdf.page.height;
  let top = MARGIN;
  if (opts.title) {
    pdf
      .font(PDF_FONTS.bold)
      .fontSize(16)
      .fillColor('#1b1b1b')
      .text(opts.title, MARGIN, MARGIN, {
        width: pageW - MARGIN * 2,
        lineBreak: false,
        ellipsis: true,
        height: 20,
      });
    top += 28;
  }
  drawBoardOnPage(pdf, svg, { x: MARGIN, y: top, w: pageW - MARGIN * 2, h: pageH - top - MARGIN });
  return output();
}
