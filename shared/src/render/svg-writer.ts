import { LINE_HEIGHT, MAX_LINES } from '../shapes/style.js';
import { BASELINE_SHIFT, wrapText } from './text.js';

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
export function n(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

export interface TextBlock {
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

/** A text block's lines and where they go: the first line's top, the x they align to. */
export interface LaidOutText {
  lines: string[];
  /** Line height in px. */
  lh: number;
  top: number;
  x: number;
}

/**
 * Breaks a text block into the lines that fit its box and places them, as the canvas does:
 * the one layout both the SVG exports and the canvas's zoomed-out pass draw from.
 */
export function layOutText(b: TextBlock): LaidOutText {
  const lh = b.fontSize * (b.lineHeight ?? LINE_HEIGHT);
  const maxLines = b.h === undefined ? MAX_LINES : Math.max(1, Math.floor(b.h / lh + 1e-9));
  const lines = (b.lines ?? wrapText(b.text, b.w, b.fontSize, b.bold, MAX_LINES)).slice(
    0,
    maxLines,
  );
  const blockH = lines.length * lh;
  const top = b.valign === 'middle' && b.h !== undefined ? b.y + (b.h - blockH) / 2 : b.y;
  const x = b.align === 'center' ? b.x + b.w / 2 : b.x;
  return { lines, lh, top, x };
}

/** Collects one board's SVG elements; each shape module's `toSvg` writes into it. */
export class SvgWriter {
  readonly parts: string[] = [];
  constructor(
    /** Output px per board px. */
    readonly scale: number,
    /** Text smaller than this on the output is left out. */
    readonly minTextPx: number,
  ) {}

  push(s: string): void {
    this.parts.push(s);
  }

  /** Whether text of this font size would be drawn at all. */
  readable(fontSize: number): boolean {
    return fontSize * this.scale >= this.minTextPx;
  }

  text(b: TextBlock): void {
    if (!b.text.trim() || !this.readable(b.fontSize)) return;
    const { lh, lines, top, x } = layOutText(b);
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
