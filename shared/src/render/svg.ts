import { connectorPath, lookupFrom, type Rect, shapeBounds, unionRects } from '../geometry.js';
import { FILL, INK, STICKY_FILL } from '../palette.js';
import type { Shape } from '../schema.js';
import type { Connector } from '../shapes/connector.js';
import { type Drawing, PEN_WIDTHS } from '../shapes/drawing.js';
import type { Frame } from '../shapes/frame.js';
import type { GeoShape } from '../shapes/geo.js';
import type { ImageShape } from '../shapes/image.js';
import type { Sticky } from '../shapes/sticky.js';
import { TEXT_SIZES, type TextShape } from '../shapes/text.js';
import { compareZ } from '../z-order.js';

/**
 * A board drawn as an SVG string from its objects — no DOM, no fonts, no network, so it
 * runs in the browser (live thumbnails), on the server and in tests alike. Text is wrapped
 * with an estimated glyph width, which is close enough for a picture of the board.
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
}

export const SVG_FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif";
const LINE_HEIGHT = 1.25;
/** Average glyph width as a share of the font size (a sans-serif, mixed text). */
const GLYPH_WIDTH = 0.55;
const STICKY_PADDING = 14;
const STICKY_FONT = { s: 18, m: 22, l: 28 } as const;
const FRAME_TITLE = { fontSize: 20, height: 32 } as const;
const GEO_FONT = 20;
const CONNECTOR_FONT = 16;
const MAX_LINES = 200;

/** Text for XML: escapes markup and drops characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return text
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number for an attribute: at most two decimals, no "-0". */
function n(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function estimateWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * GLYPH_WIDTH;
}

/**
 * Wraps text into lines no wider than `width` (estimated): at spaces, and inside a word
 * only when the word alone is too long. Explicit line breaks are kept.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(1, Math.floor(width / (fontSize * GLYPH_WIDTH)));
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let rest = [...word];
      while (rest.length > perLine) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(rest.slice(0, perLine).join(''));
        rest = rest.slice(perLine);
      }
      const w = rest.join('');
      const candidate = line ? `${line} ${w}` : w;
      if ([...candidate].length > perLine && line) {
        out.push(line);
        line = w;
      } else {
        line = candidate;
      }
    }
    out.push(line);
    if (out.length > MAX_LINES) break;
  }
  return out.slice(0, MAX_LINES);
}

/** The largest font size (≤ max) at which the text fits the box — how stickies shrink text. */
function fitFontSize(text: string, width: number, height: number, max: number, min = 8): number {
  if (!text) return max;
  let size = max;
  for (; size > min; size = Math.max(min, Math.floor(size * 0.9))) {
    const lines = wrapText(text, width, size);
    const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (lines.length * size * LINE_HEIGHT <= height && estimateWidth(longest, size) <= width) break;
  }
  return size;
}

interface TextBlock {
  text: string;
  x: number;
  y: number;
  w: number;
  /** Lines beyond this height are left out. */
  h?: number;
  fontSize: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'center';
  valign?: 'top' | 'middle';
}

class Writer {
  readonly parts: string[] = [];
  constructor(
    /** Output px per board px. */
    readonly scale: number,
    readonly minTextPx: number,
  ) {}

  push(s: string): void {
    this.parts.push(s);
  }

  text(b: TextBlock): void {
    if (!b.text.trim() || b.fontSize * this.scale < this.minTextPx) return;
    const lh = b.fontSize * LINE_HEIGHT;
    let lines = wrapText(b.text, b.w, b.fontSize);
    if (b.h !== undefined) lines = lines.slice(0, Math.max(1, Math.floor(b.h / lh)));
    const blockH = lines.length * lh;
    const top = b.valign === 'middle' && b.h !== undefined ? b.y + (b.h - blockH) / 2 : b.y;
    const x = b.align === 'center' ? b.x + b.w / 2 : b.x;
    const anchor = b.align === 'center' ? ' text-anchor="middle"' : '';
    const weight = b.bold ? ' font-weight="bold"' : '';
    const tspans = lines
      .map((line, i) => {
        if (!line) return '';
        const baseline = top + lh * i + lh / 2 + b.fontSize * 0.35;
        return `<tspan x="${n(x)}" y="${n(baseline)}">${escapeXml(line)}</tspan>`;
      })
      .join('');
    if (!tspans) return;
    this.push(
      `<text font-size="${n(b.fontSize)}" fill="${b.color}"${anchor}${weight} xml:space="preserve">${tspans}</text>`,
    );
  }
}

function sticky(w: Writer, s: Sticky): void {
  w.push(
    `<rect x="${n(s.x + 2)}" y="${n(s.y + 3)}" width="${n(s.w)}" height="${n(s.h)}" rx="4" fill="#000" fill-opacity="0.12"/>`,
  );
  w.push(
    `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="4" fill="${STICKY_FILL[s.color]}"/>`,
  );
  const innerW = s.w - STICKY_PADDING * 2;
  const innerH = s.h - STICKY_PADDING * 2;
  w.text({
    text: s.text,
    x: s.x + STICKY_PADDING,
    y: s.y + STICKY_PADDING,
    w: innerW,
    h: innerH,
    fontSize: fitFontSize(s.text, innerW, innerH, STICKY_FONT[s.size]),
    color: '#1b1b1b',
  });
}

function text(w: Writer, s: TextShape): void {
  w.text({
    text: s.text,
    x: s.x,
    y: s.y,
    w: s.w,
    fontSize: TEXT_SIZES[s.size],
    color: INK[s.color],
    bold: s.bold,
  });
}

function geo(w: Writer, s: GeoShape): void {
  const fill = FILL[s.fill] ?? 'none';
  const stroke = INK[s.stroke];
  const paint = `fill="${fill}" stroke="${stroke}" stroke-width="2"`;
  if (s.kind === 'rectangle')
    w.push(
      `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="4" ${paint}/>`,
    );
  else if (s.kind === 'ellipse')
    w.push(
      `<ellipse cx="${n(s.x + s.w / 2)}" cy="${n(s.y + s.h / 2)}" rx="${n(s.w / 2)}" ry="${n(s.h / 2)}" ${paint}/>`,
    );
  else
    w.push(
      `<polygon points="${n(s.x + s.w / 2)},${n(s.y)} ${n(s.x + s.w)},${n(s.y + s.h / 2)} ${n(s.x + s.w / 2)},${n(s.y + s.h)} ${n(s.x)},${n(s.y + s.h / 2)}" ${paint}/>`,
    );
  const pad = s.kind === 'rectangle' ? 10 : Math.min(s.w, s.h) * 0.18;
  w.text({
    text: s.text,
    x: s.x + pad,
    y: s.y + pad,
    w: s.w - pad * 2,
    h: s.h - pad * 2,
    fontSize: GEO_FONT,
    color: stroke,
    align: 'center',
    valign: 'middle',
  });
}

function frame(w: Writer, s: Frame): void {
  const fill = FILL[s.color] ?? 'none';
  w.push(
    `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="6" fill="${fill}" stroke="#8a93a0" stroke-width="1.5"/>`,
  );
  if (!s.name.trim()) return;
  const fs = FRAME_TITLE.fontSize;
  const maxChars = Math.max(1, Math.floor(s.w / (fs * GLYPH_WIDTH)));
  const chars = [...s.name.replace(/\n/g, ' ')];
  const title = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : s.name;
  w.text({
    text: title,
    x: s.x,
    y: s.y - FRAME_TITLE.height,
    w: Number.POSITIVE_INFINITY,
    h: FRAME_TITLE.height,
    fontSize: fs,
    color: '#1b1b1b',
    bold: true,
    valign: 'middle',
  });
}

function arrowHead(
  tip: [number, number],
  from: [number, number],
  color: string,
  size: number,
): string {
  const dx = tip[0] - from[0];
  const dy = tip[1] - from[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return '';
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip[0] - ux * size;
  const by = tip[1] - uy * size;
  const half = size / 2;
  return `<polygon points="${n(tip[0])},${n(tip[1])} ${n(bx - uy * half)},${n(by + ux * half)} ${n(bx + uy * half)},${n(by - ux * half)}" fill="${color}"/>`;
}

function connector(w: Writer, s: Connector, lookup: (id: string) => Shape | undefined): void {
  const path = connectorPath(s, lookup);
  if (!path || path.length < 4) return;
  const color = INK[s.color];
  const pts: [number, number][] = [];
  for (let i = 0; i + 1 < path.length; i += 2) pts.push([path[i] ?? 0, path[i + 1] ?? 0]);
  w.push(
    `<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`,
  );
  const first = pts[0];
  const second = pts[1];
  const last = pts[pts.length - 1];
  const beforeLast = pts[pts.length - 2];
  if (s.arrowEnd && last && beforeLast) w.push(arrowHead(last, beforeLast, color, 12));
  if (s.arrowStart && first && second) w.push(arrowHead(first, second, color, 12));
  if (s.label.trim() && CONNECTOR_FONT * w.scale >= w.minTextPx) {
    const i = Math.floor(path.length / 4) * 2;
    const mid =
      path.length === 4
        ? { x: ((path[0] ?? 0) + (path[2] ?? 0)) / 2, y: ((path[1] ?? 0) + (path[3] ?? 0)) / 2 }
        : { x: path[i] ?? 0, y: path[i + 1] ?? 0 };
    const lines = wrapText(s.label, 400, CONNECTOR_FONT);
    const width =
      Math.max(...lines.map((l) => estimateWidth(l, CONNECTOR_FONT)), CONNECTOR_FONT) + 10;
    const height = lines.length * CONNECTOR_FONT * LINE_HEIGHT + 10;
    w.push(
      `<rect x="${n(mid.x - width / 2)}" y="${n(mid.y - height / 2)}" width="${n(width)}" height="${n(height)}" rx="4" fill="#fff" stroke="${color}"/>`,
    );
    w.text({
      text: s.label,
      x: mid.x - width / 2 + 5,
      y: mid.y - height / 2 + 5,
      w: width - 10,
      fontSize: CONNECTOR_FONT,
      color,
      align: 'center',
    });
  }
}

function drawing(w: Writer, s: Drawing): void {
  const p = s.points;
  const at = (i: number): [number, number] => [s.x + (p[i * 2] ?? 0), s.y + (p[i * 2 + 1] ?? 0)];
  const count = Math.floor(p.length / 2);
  const [x0, y0] = at(0);
  let d = `M${n(x0)} ${n(y0)}`;
  if (count === 1) d += `L${n(x0)} ${n(y0)}`;
  // Smoothed like the canvas: a quadratic curve through the midpoints between samples.
  for (let i = 1; i < count - 1; i++) {
    const [x, y] = at(i);
    const [nx, ny] = at(i + 1);
    d += `Q${n(x)} ${n(y)} ${n((x + nx) / 2)} ${n((y + ny) / 2)}`;
  }
  if (count > 1) {
    const [lx, ly] = at(count - 1);
    d += `L${n(lx)} ${n(ly)}`;
  }
  w.push(
    `<path d="${d}" fill="none" stroke="${INK[s.color]}" stroke-width="${PEN_WIDTHS[s.width]}" stroke-linecap="round" stroke-linejoin="round"/>`,
  );
}

/** Images are drawn as placeholders: the picture is never fetched (the SVG stays self-contained). */
function image(w: Writer, s: ImageShape): void {
  w.push(
    `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="#e4e6ea" stroke="#8a93a0" stroke-width="1.5"/>`,
  );
  const size = Math.min(s.w, s.h) * 0.5;
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const l = cx - size / 2;
  const t = cy - size / 2;
  w.push(
    `<path d="M${n(l)} ${n(t + size)}L${n(l + size * 0.35)} ${n(t + size * 0.45)}L${n(l + size * 0.6)} ${n(t + size * 0.8)}L${n(l + size * 0.75)} ${n(t + size * 0.6)}L${n(l + size)} ${n(t + size)}Z" fill="#8a93a0"/>`,
  );
  w.push(
    `<circle cx="${n(l + size * 0.78)}" cy="${n(t + size * 0.22)}" r="${n(size * 0.12)}" fill="#8a93a0"/>`,
  );
}

/** The area the objects cover, frame titles (drawn above their frame) included. */
export function boardContentBounds(shapes: readonly Shape[]): Rect | null {
  const lookup = lookupFrom(shapes);
  return unionRects(
    shapes.flatMap((s) => {
      const b = shapeBounds(s, lookup);
      if (!b) return [];
      if (s.type === 'frame' && s.name.trim())
        return [{ x: b.x, y: b.y - FRAME_TITLE.height, w: b.w, h: b.h + FRAME_TITLE.height }];
      if (s.type === 'connector') return [{ x: b.x - 8, y: b.y - 8, w: b.w + 16, h: b.h + 16 }];
      if (s.type === 'drawing') return [{ x: b.x - 4, y: b.y - 4, w: b.w + 8, h: b.h + 8 }];
      return [b];
    }),
  );
}

/** Draws the board's objects, back to front, scaled to fit `width` × `height`. */
export function renderBoardSvg(shapes: readonly Shape[], options: RenderSvgOptions): string {
  const width = Math.max(1, options.width);
  const height = Math.max(1, options.height);
  const padding = options.padding ?? 8;
  const background = options.background === undefined ? '#fbfbfc' : options.background;
  const bounds = boardContentBounds(shapes);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${SVG_FONT_FAMILY}">`;
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
  const w = new Writer(scale, options.minTextPx ?? 1.5);
  const lookup = lookupFrom(shapes);
  for (const s of [...shapes].sort(compareZ)) {
    switch (s.type) {
      case 'sticky':
        sticky(w, s);
        break;
      case 'text':
        text(w, s);
        break;
      case 'geo':
        geo(w, s);
        break;
      case 'frame':
        frame(w, s);
        break;
      case 'connector':
        connector(w, s, lookup);
        break;
      case 'drawing':
        drawing(w, s);
        break;
      case 'image':
        image(w, s);
        break;
    }
  }
  parts.push(
    `<g transform="translate(${n(tx)} ${n(ty)}) scale(${scale.toPrecision(6)})">`,
    ...w.parts,
    '</g></svg>',
  );
  return parts.join('');
}

/** The SVG as a `data:` URL for an `<img>` (nothing is fetched: the URL is the picture). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
