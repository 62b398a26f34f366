/**
 * Which characters of Inter the browser gets, in two faces per weight: `latin`, which every
 * board needs (Basic Latin, Latin-1 with æøå, the punctuation, arrows and signs the locales
 * use), and `ext` (Latin Extended: Sámi, Polish, Czech, Vietnamese … names), fetched by the
 * browser only when a text on the page has such a character (CSS `unicode-range`). Other
 * scripts (Cyrillic, Greek) fall back to the system's sans-serif on screen; the server's
 * exports embed the whole Inter TTF and draw them in Inter.
 */

/** Inclusive code point ranges. */
export type Range = readonly [number, number];

/** The ranges of Google Fonts' "latin" subset, the usual cut for Western European text. */
export const LATIN: readonly Range[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x131, 0x131],
  [0x152, 0x153],
  [0x2bb, 0x2bc],
  [0x2c6, 0x2c6],
  [0x2da, 0x2da],
  [0x2dc, 0x2dc],
  [0x304, 0x304],
  [0x308, 0x308],
  [0x329, 0x329],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2215, 0x2215],
  [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
];

/** Latin Extended-A/B, IPA's schwa, Latin Extended Additional, -C and -D, currency signs. */
export const LATIN_EXT: readonly Range[] = [
  [0x100, 0x24f],
  [0x259, 0x259],
  [0x1e00, 0x1eff],
  [0x20a0, 0x20c0],
  [0x2c60, 0x2c7f],
  [0xa720, 0xa7ff],
];

export function inRanges(codePoint: number, ranges: readonly Range[]): boolean {
  return ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/**
 * The latin ranges plus every character of `texts` (the locale files) outside them, so that
 * whatever the interface writes on a board is always in the face every board loads.
 */
export function latinWith(texts: readonly string[]): Range[] {
  const extra = new Set<number>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0x20 && !inRanges(cp, LATIN)) extra.add(cp);
    }
  }
  return [...LATIN, ...[...extra].sort((a, b) => a - b).map((cp): Range => [cp, cp])];
}

/** The ext face: its ranges minus whatever the latin face already has. */
export function extWithout(latin: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [from, to] of LATIN_EXT) {
    let start: number | null = null;
    for (let cp = from; cp <= to + 1; cp++) {
      const take = cp <= to && !inRanges(cp, latin);
      if (take && start === null) start = cp;
      if (!take && start !== null) {
        out.push([start, cp - 1]);
        start = null;
      }
    }
  }
  return out;
}

/** The characters of `ranges`, for the subsetter. */
export function charsOf(ranges: readonly Range[]): string {
  let text = '';
  for (const [from, to] of ranges)
    for (let cp = from; cp <= to; cp++) text += String.fromCodePoint(cp);
  return text;
}

/** CSS `unicode-range` for `ranges` (`U+20-7E, U+A0-FF, …`). */
export function unicodeRange(ranges: readonly Range[]): string {
  const hex = (cp: number) => cp.toString(16).toUpperCase();
  return ranges
    .map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`))
    .join(', ');
}
