import {
  type FontMetricsTable,
  INTER_ASCENT,
  INTER_DESCENT,
  INTER_METRICS,
  INTER_UNITS_PER_EM,
} from './metrics.js';

/**
 * Text measured with Inter's real advance widths (see `metrics.ts`) and wrapped the way the
 * canvas (Konva, drawing with the same Inter files) wraps it, so an export breaks lines where
 * the screen does.
 */

type Decoded = Map<number, number>;
const decoded: { regular?: Decoded; bold?: Decoded } = {};

function decode(table: FontMetricsTable): Decoded {
  const map: Decoded = new Map();
  for (const [from, list] of table.ranges) {
    list.split(',').forEach((w, i) => {
      if (w) map.set(from + i, Number.parseInt(w, 36));
    });
  }
  return map;
}

function widths(bold: boolean): { map: Decoded; fallback: number } {
  const key = bold ? 'bold' : 'regular';
  const table = INTER_METRICS[key];
  decoded[key] ??= decode(table);
  return { map: decoded[key], fallback: table.fallback };
}

/** Width of a single line of text in px at this font size (Inter; no kerning). */
export function measureText(text: string, fontSize: number, bold = false): number {
  const { map, fallback } = widths(bold);
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // Combining marks and zero-width characters take no room.
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f)) continue;
    units += map.get(cp) ?? fallback;
  }
  return (units / INTER_UNITS_PER_EM) * fontSize;
}

/** How far below the middle of a line its baseline lies (as a share of the font size). */
export const BASELINE_SHIFT = (INTER_ASCENT + INTER_DESCENT) / 2 / INTER_UNITS_PER_EM;

/**
 * Wraps text into lines no wider than `width`, like Konva's `wrap: 'word'`: the longest
 * prefix that fits, cut back to its last space or hyphen (inside a word only when there is
 * none), trailing spaces dropped and leading spaces of the next line skipped. Explicit line
 * breaks are kept. With `maxLines`, lines beyond it are left out.
 */
export function wrapText(
  text: string,
  width: number,
  fontSize: number,
  bold = false,
  maxLines = 200,
): string[] {
  const out: string[] = [];
  const fits = (s: string) => measureText(s, fontSize, bold) <= width;
  for (const paragraph of text.split('\n')) {
    let line = [...paragraph];
    if (fits(paragraph)) {
      out.push(paragraph.trimEnd());
    } else {
      while (line.length > 0 && out.length < maxLines) {
        // Binary search for the longest prefix that fits.
        let low = 0;
        let high = line.length;
        let match = 0;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (fits(line.slice(0, mid + 1).join(''))) {
            low = mid + 1;
            match = mid + 1;
          } else high = mid;
        }
        // Not even one character fits: take one anyway, so the text always progresses.
        if (match === 0) match = 1;
        let cut = match;
        const next = line[match];
        if (!(next === ' ' || next === '-')) {
          const prefix = line.slice(0, match);
          const at = Math.max(prefix.lastIndexOf(' '), prefix.lastIndexOf('-')) + 1;
          if (at > 0) cut = at;
        }
        out.push(line.slice(0, cut).join('').trimEnd());
        line = [...line.slice(cut).join('').trimStart()];
        const rest = line.join('');
        if (rest && fits(rest)) {
          out.push(rest.trimEnd());
          break;
        }
      }
    }
    if (out.length >= maxLines) break;
  }
  return out.slice(0, maxLines);
}

/**
 * One line cut to `width` with an ellipsis when it does not fit (Konva's `wrap: 'none'`
 * with `ellipsis`).
 */
export function ellipsize(text: string, width: number, fontSize: number, bold = false): string {
  if (measureText(text, fontSize, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && measureText(`${chars.join('')}…`, fontSize, bold) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
