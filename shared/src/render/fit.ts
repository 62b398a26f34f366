import { LINE_HEIGHT, MAX_LINES } from '../shapes/style.js';
import { measureText, wrapText } from './text.js';

/**
 * The largest font size (≤ max, ≥ min) at which the text fits the box when wrapped — how
 * stickies shrink long text instead of cutting it off. The one fitting routine: the canvas
 * (Konva views) and the exports both call it, so a note breaks and shrinks alike in both.
 */
export function fitFontSize(
  text: string,
  width: number,
  height: number,
  max: number,
  min = 8,
): number {
  if (!text) return max;
  // Wrapping at each size tried is the costly part, and the same note is fitted again and
  // again: a report fits it for its board's picture, its section's page and the check of
  // how small its words print.
  const key = `${width}|${height}|${max}|${min}|${text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known;
  const size = fit(text, width, height, max, min);
  if (fitted.size >= FITTED_MAX) fitted.clear();
  fitted.set(key, size);
  return size;
}

/** Font sizes found, by box and text; emptied when full (a board's notes fit many times). */
const fitted = new Map<string, number>();
const FITTED_MAX = 4000;

function fit(text: string, width: number, height: number, max: number, min: number): number {
  // A single word wider than the box would be broken mid-word: shrink instead.
  const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  let size = max;
  for (; size > min; size = Math.max(min, Math.floor(size * 0.9))) {
    const lines = wrapText(text, width, size, false, MAX_LINES);
    if (lines.length * size * LINE_HEIGHT <= height && measureText(longest, size) <= width) break;
  }
  return size;
}

/** Height of wrapped text in a box of this width (text objects grow downwards). */
export function wrappedTextHeight(
  text: string,
  width: number,
  fontSize: number,
  bold: boolean,
  lineHeight = LINE_HEIGHT,
): number {
  const lines = wrapText(text || ' ', width, fontSize, bold, Number.POSITIVE_INFINITY);
  return Math.ceil(Math.max(1, lines.length) * fontSize * lineHeight);
}
