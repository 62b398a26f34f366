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
import { BASELINE_SHIFT, ellipsize, measureText, wrapText } from './text.js';

export { ellipsize, measureText, wrapText } from './text.js';

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
}

export const SVG_FONT_FAMILY =
  "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif";
const LINE_HEIGHT = 1.25;
const STICKY_PADDING = 14;
const STICKY_FONT = { s: 18, m: 22, l: 28 } as const;
const FRAME_TITLE = { fontSize: 20, height: 32 } as const;
const GEO_FONT = 20;
const CONNECTOR_FONT = 16;
const LABEL_PADDING = 5;
const PIN_RADIUS = 11;
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

/**
 * The largest font size (≤ max) at which the text fits the box — how stickies shrink text
 * (the same steps as the canvas's `fitFontSize`).
 */
function fitFontSize(text: string, width: number, height: number, max: number, min = 8): number {
  if (!text) return max;
  const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  let size = max;
  for (; size > min; size = Math.max(min, Math.floor(size * 0.9))) {
    const lines = wrapText(text, width, size, false, MAX_LINES);
    if (lines.length * size * LINE_HEIGHT <= height && measureText(longest, size) <= width) break;
  }
  return size;
}

interface TextBlock {
  text: string;
  x: number;
  y: number;
  w: number;
  /** Lines that do not fit in this height are left out (as on the canvas). */
  h?: number;
  fontSize: number;
  lineHeight?: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'center';
  valign?: 'top' | 'middle';
  /** Already split into lines: no wrapping. */
  lines?: string[];
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
    const lh = b.fontSize * (b.lineHeight ?? LINE_HEIGHT);
    const maxLines = b.h === undefined ? MAX_LINES : Math.max(1, Math.floor(b.h / lh + 1e-9));
    const lines = (b.lines ?? wrapText(b.text, b.w, b.fontSize, b.bold, MAX_LINES)).slice(
      0,
      maxLines,
    );
    const blockH = lines.length * lh;
    const top = b.valign === 'middle' && b.h !== undefined ? b.y + (b.h - blockH) / 2 : b.y;
    const x = b.align === 'center' ? b.x + b.w / 2 : b.x;
    const anchor = b.align === 'center' ? ' text-anchor="middle"' : '';
    const weight = b.bold ? ' font-weight="bold"' : '';
    const tspans = lines
      .map((line, i) => {
        if (!line.trim()) return '';
        const baseline = top + lh * i + lh / 2 + b.fontSize * BASELINE_SHIFT;
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
    lineHeight: 1,
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
  const title = ellipsize(s.name.replace(/\n/g, ' '), s.w, fs, true);
  w.text({
    text: title,
    lines: [title],
    x: s.x,
    y: s.y - FRAME_TITLE.height,
    w: s.w,
    h: FRAME_TITLE.height,
    fontSize: fs,
    lineHeight: 1,
    color: '#1b1b1b',
    bold: true,
    valign: 'middle',
  });
}

/** An arrowhead like Konva's: 12 long, 12 wide, filled and outlined in the line colour. */
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
  return `<polygon points="${n(tip[0])},${n(tip[1])} ${n(bx - uy * half)},${n(by + ux * half)} ${n(bx + uy * half)},${n(by - ux * half)}" fill="${color}" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"/>`;
}

function connector(w: Writer, s: Connector, lookup: (id: string) => Shape | undefined): void {
  const path = connectorPath(s, lookup);
  if (!path || path.length < 4) return;
  const color = INK[s.color];
  const pts: [number, number][] = [];
  for (let i = 0; i + 1 < path.length; i += 2) pts.push([path[i] ?? 0, path[i + 1] ?? 0]);
  w.push(
    `<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"/>`,
  );
  const first = pts[0];
  const second = pts[1];
  const last = pts[pts.length - 1];
  const beforeLast = pts[pts.length - 2];
  if (s.arrowEnd && last && beforeLast) w.push(arrowHead(last, beforeLast, color, 12));
  if (s.arrowStart && first && second) w.push(arrowHead(first, second, color, 12));
  const box = labelBox(s, path);
  if (box && CONNECTOR_FONT * w.scale >= w.minTextPx) {
    w.push(
      `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="4" fill="#fff" stroke="${color}"/>`,
    );
    w.text({
      text: s.label,
      lines: box.lines,
      x: box.x + LABEL_PADDING,
      y: box.y + LABEL_PADDING,
      w: box.w - LABEL_PADDING * 2,
      fontSize: CONNECTOR_FONT,
      lineHeight: 1,
      color,
    });
  }
}

/**
 * A connector label's box as the canvas's Konva Label draws it: its top-left corner at the
 * path's midpoint, sized to the text (explicit lines only, no wrapping) plus 5 px padding.
 */
function labelBox(s: Connector, path: number[]): (Rect & { lines: string[] }) | null {
  if (!s.label.trim() || path.length < 4) return null;
  const i = Math.floor(path.length / 4) * 2;
  const mid =
    path.length === 4
      ? { x: ((path[0] ?? 0) + (path[2] ?? 0)) / 2, y: ((path[1] ?? 0) + (path[3] ?? 0)) / 2 }
      : { x: path[i] ?? 0, y: path[i + 1] ?? 0 };
  const lines = s.label.split('\n');
  const textW = Math.max(...lines.map((l) => measureText(l, CONNECTOR_FONT)));
  return {
    x: mid.x,
    y: mid.y,
    w: textW + LABEL_PADDING * 2,
    h: lines.length * CONNECTOR_FONT + LABEL_PADDING * 2,
    lines,
  };
}

/** Konva's control points for a smoothed line through three points (`tension`). */
function controlPoints(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  t: number,
): [number, number, number, number] {
  const d01 = Math.hypot(x1 - x0, y1 - y0);
  const d12 = Math.hypot(x2 - x1, y2 - y1);
  const sum = d01 + d12 || 1;
  const fa = (t * d01) / sum;
  const fb = (t * d12) / sum;
  return [x1 - fa * (x2 - x0), y1 - fa * (y2 - y0), x1 + fb * (x2 - x0), y1 + fb * (y2 - y0)];
}

/** A pen stroke, smoothed exactly like the canvas's Konva Line with tension 0.4. */
function drawing(w: Writer, s: Drawing): void {
  const p: number[] = [];
  for (let i = 0; i + 1 < s.points.length; i += 2) {
    const x = s.x + (s.points[i] ?? 0);
    const y = s.y + (s.points[i + 1] ?? 0);
    // Repeated samples add nothing and would make the curve's control points undefined.
    if (p.length >= 2 && p[p.length - 2] === x && p[p.length - 1] === y) continue;
    p.push(x, y);
  }
  const len = p.length;
  let d = `M${n(p[0] ?? 0)} ${n(p[1] ?? 0)}`;
  if (len === 2) d += `L${n(p[0] ?? 0)} ${n(p[1] ?? 0)}`;
  else if (len === 4) d += `L${n(p[2] ?? 0)} ${n(p[3] ?? 0)}`;
  else {
    const tp: number[] = [];
    for (let i = 2; i < len - 2; i += 2) {
      const [ax, ay, bx, by] = controlPoints(
        p[i - 2] ?? 0,
        p[i - 1] ?? 0,
        p[i] ?? 0,
        p[i + 1] ?? 0,
        p[i + 2] ?? 0,
        p[i + 3] ?? 0,
        0.4,
      );
      tp.push(ax, ay, p[i] ?? 0, p[i + 1] ?? 0, bx, by);
    }
    const at = (k: number) => n(tp[k] ?? 0);
    d += `Q${at(0)} ${at(1)} ${at(2)} ${at(3)}`;
    let k = 4;
    while (k < tp.length - 2) {
      d += `C${at(k)} ${at(k + 1)} ${at(k + 2)} ${at(k + 3)} ${at(k + 4)} ${at(k + 5)}`;
      k += 6;
    }
    d += `Q${at(tp.length - 2)} ${at(tp.length - 1)} ${n(p[len - 2] ?? 0)} ${n(p[len - 1] ?? 0)}`;
  }
  w.push(
    `<path d="${d}" fill="none" stroke="${INK[s.color]}" stroke-width="${PEN_WIDTHS[s.width]}" stroke-linecap="round" stroke-linejoin="round"/>`,
  );
}

/** The picture when `images` gives one (stretched to the box, as on the canvas), else a placeholder. */
function image(w: Writer, s: ImageShape, images?: (assetId: string) => string | null): void {
  const href = images?.(s.assetId) ?? null;
  if (href && /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]*$/.test(href)) {
    w.push(
      `<image x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" preserveAspectRatio="none" xlink:href="${href}"/>`,
    );
    return;
  }
  w.push(
    `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="#eef1f5" stroke="#c4c9d1" stroke-dasharray="8 6"/>`,
  );
  const size = Math.min(s.w, s.h) * 0.4;
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const l = cx - size / 2;
  const t = cy - size / 2;
  w.push(
    `<path d="M${n(l)} ${n(t + size)}L${n(l + size * 0.35)} ${n(t + size * 0.45)}L${n(l + size * 0.6)} ${n(t + size * 0.8)}L${n(l + size * 0.75)} ${n(t + size * 0.6)}L${n(l + size)} ${n(t + size)}Z" fill="#c4c9d1"/>`,
  );
  w.push(
    `<circle cx="${n(l + size * 0.78)}" cy="${n(t + size * 0.22)}" r="${n(size * 0.12)}" fill="#c4c9d1"/>`,
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
      if (s.type === 'connector') {
        const path = connectorPath(s, lookup);
        const label = path ? labelBox(s, path) : null;
        const line = { x: b.x - 8, y: b.y - 8, w: b.w + 16, h: b.h + 16 };
        return label ? [line, label] : [line];
      }
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
        image(w, s, options.images);
        break;
    }
  }
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
