import { boxOfLookup, lookupFrom, shapeBounds, unionRects } from '../geometry.js';
import { BOARD_BACKGROUND } from '../palette.js';
import { type Rect, rectsIntersect } from '../rect.js';
import { type Shape, utilOf } from '../schema.js';
import { FONT_FAMILY } from '../shapes/style.js';
import { compareZ } from '../z-order.js';
import { escapeXml, n, SvgWriter } from './svg-writer.js';
import { BASELINE_SHIFT } from './text.js';

export { fitFontSize, wrappedTextHeight } from './fit.js';
export {
  escapeXml,
  type LaidOutText,
  layOutText,
  SvgWriter,
  type TextBlock,
} from './svg-writer.js';
export { BASELINE_SHIFT, ellipsize, measureText, wrapText } from './text.js';

/**
 * A board drawn as an SVG string from its objects — no DOM, no network, so it runs in the
 * browser (live thumbnails), on the server (exports) and in tests alike. It draws like the
 * canvas: the same colours, paddings and font sizes, and text measured with Inter's real
 * advance widths and wrapped the way Konva wraps it.
 */
export interface RenderSvgOptions {
  /** Size of the picture in px; the board is scaled to fit and centred. */
  width: number;
  height: number;
  /** Margin around the board, in output px. Default 8. */
  padding?: number;
  /** Largest scale (1 = board px). Default 1: a small board is not blown up. */
  maxScale?: number;
  /** Background colour, or null for transparent. Default the canvas colour. */
  background?: string | null;
  /** Text smaller than this (in output px) is left out: unreadable, and it keeps big boards small. Default 1.5. */
  minTextPx?: number;
  /** A title for the picture (`<title>`), e.g. the board's name. */
  title?: string;
  /**
   * An image's picture as a `data:` URL to embed, or null for a placeholder box. Without
   * this option every image is a placeholder (nothing is ever fetched).
   */
  images?: (assetId: string) => string | null;
  /** Comment pins (board px) with their label, drawn on top at a fixed output size. */
  pins?: { x: number; y: number; label: string }[];
  /**
   * The part of the board to draw (board px; default all of its content): a section on a page
   * of its own. Objects outside it are left out, those across its edge cut there.
   */
  view?: Rect;
  /**
   * Only the objects this accepts are drawn (default all): a section's page shows that
   * section, not its neighbours' notes in the room around it.
   */
  only?: (shape: Shape) => boolean;
}

export const SVG_FONT_FAMILY = FONT_FAMILY;
const PIN_RADIUS = 11;

/** The area the objects cover, frame titles (drawn above their frame) included. */
export function boardContentBounds(shapes: readonly Shape[]): Rect | null {
  const boxOf = boxOfLookup(lookupFrom(shapes));
  return unionRects(shapes.flatMap((s) => utilOf(s).drawnBounds(s, boxOf)));
}

/** Draws the board's objects, back to front, scaled to fit `width` × `height`. */
export function renderBoardSvg(shapes: readonly Shape[], options: RenderSvgOptions): string {
  const width = Math.max(1, options.width);
  const height = Math.max(1, options.height);
  const padding = options.padding ?? 8;
  const background = options.background === undefined ? BOARD_BACKGROUND : options.background;
  const bounds = options.view ?? boardContentBounds(shapes);
  const lookup = lookupFrom(shapes);
  const view = options.view;
  const { only } = options;
  const inView = (s: Shape) => {
    if (!view) return true;
    const b = shapeBounds(s, lookup);
    return !b || rectsIntersect(b, view);
  };
  const drawn = view || only ? shapes.filter((s) => inView(s) && (!only || only(s))) : shapes;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" xmlns:xlink="http://www.w3.org/1999/xlink" font-family="${SVG_FONT_FAMILY}">`;
  const parts = [head];
  if (options.title) parts.push(`<title>${escapeXml(options.title)}</title>`);
  if (background) parts.push(`<rect width="100%" height="100%" fill="${escapeXml(background)}"/>`);
  if (!bounds) return `${parts.join('')}</svg>`;

  const scale = Math.min(
    options.maxScale ?? 1,
    Math.max(1e-6, width - padding * 2) / Math.max(bounds.w, 1),
    Math.max(1e-6, height - padding * 2) / Math.max(bounds.h, 1),
  );
  const tx = (width - bounds.w * scale) / 2 - bounds.x * scale;
  const ty = (height - bounds.h * scale) / 2 - bounds.y * scale;
  const w = new SvgWriter(scale, options.minTextPx ?? 1.5);
  const ctx = { boxOf: boxOfLookup(lookup), images: options.images };
  for (const s of [...drawn].sort(compareZ)) utilOf(s).toSvg(w, s, ctx);
  // A view is cut at its edge (a note half in it is drawn half) by the picture's own edge:
  // the view fills it, and an SVG's root clips what lies outside it (browsers, resvg and
  // svg-to-pdfkit alike). A clip-path would cost the PDF a bounding box of every object.
  parts.push(
    `<g transform="translate(${n(tx)} ${n(ty)}) scale(${scale.toPrecision(6)})">`,
    ...w.parts,
    '</g>',
  );
  for (const pin of options.pins ?? [])
    parts.push(pinSvg(tx + pin.x * scale, ty + pin.y * scale, pin.label));
  parts.push('</svg>');
  return parts.join('');
}

/** A comment pin as on the canvas: a numbered dark-blue disc with a white ring, in output px. */
function pinSvg(x: number, y: number, label: string): string {
  const fs = [...label].length > 2 ? 9 : 12;
  return `<g><circle cx="${n(x)}" cy="${n(y)}" r="${PIN_RADIUS}" fill="#1d4e89" stroke="#fff" stroke-width="2"/><text x="${n(x)}" y="${n(y + fs * BASELINE_SHIFT)}" font-size="${fs}" font-weight="bold" fill="#fff" text-anchor="middle">${escapeXml(label)}</text></g>`;
}

/** The SVG as a `data:` URL for an `<img>` (nothing is fetched: the URL is the picture). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
