import { describe, expect, it } from 'vitest';
import {
  BOARD_BACKGROUND,
  COMMENT_PIN_FILL,
  FILL,
  FRAME_TITLE_TEXT,
  GROUP_STICKY_COLORS,
  INK,
  PIN_TEXT,
  PRESENCE_COLORS,
  STICKY_EDGE,
  STICKY_FILL,
  STICKY_TEXT,
  UNGROUPED_STICKY_COLOR,
} from './palette.js';
import { BUILTIN_TEMPLATES, instantiateTemplate } from './templates/index.js';

/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const AA = 4.5;

/** Every pair below AA, as "text on fill: ratio", so a failure names what to change. */
function below(pairs: [string, string, string][]): string[] {
  return pairs
    .filter(([, text, fill]) => contrast(text, fill) < AA)
    .map(
      ([what, text, fill]) => `${what}: ${text} on ${fill} = ${contrast(text, fill).toFixed(2)}`,
    );
}

describe('text colours on the board against their fills (WCAG AA, 4.5:1)', () => {
  it('knows the ratio of known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('sticky text on every sticky colour', () => {
    expect(
      below(
        Object.entries(STICKY_FILL).map(([name, fill]) => [`sticky ${name}`, STICKY_TEXT, fill]),
      ),
    ).toEqual([]);
  });

  it('frame titles and text objects on the board background', () => {
    expect(
      below([
        ['frame title', FRAME_TITLE_TEXT, BOARD_BACKGROUND],
        ...Object.entries(INK).map(([name, ink]): [string, string, string] => [
          `text ${name}`,
          ink,
          BOARD_BACKGROUND,
        ]),
      ]),
    ).toEqual([]);
  });

  it('shape text (in the stroke ink) on every shape fill, and frame content fills', () => {
    const pairs: [string, string, string][] = [];
    for (const [inkName, ink] of Object.entries(INK))
      for (const [fillName, fill] of Object.entries(FILL))
        pairs.push([`${inkName} on ${fillName}`, ink, fill ?? BOARD_BACKGROUND]);
    expect(below(pairs)).toEqual([]);
  });

  it('comment pin numbers on every pin colour', () => {
    const pairs: [string, string, string][] = [];
    for (const [status, kinds] of Object.entries(COMMENT_PIN_FILL))
      for (const [kind, fill] of Object.entries(kinds))
        pairs.push([`pin ${status} ${kind}`, PIN_TEXT, fill]);
    expect(below(pairs)).toEqual([]);
  });

  it('white names on presence colours (cursor labels)', () => {
    expect(
      below(PRESENCE_COLORS.map((c): [string, string, string] => ['presence', '#ffffff', c])),
    ).toEqual([]);
  });
});

describe('default note colours on every template section', () => {
  // The fills the templates really use (read from them, so a new template is checked too),
  // plus the board itself for notes outside any section.
  const frameFills = new Map<string, string>([['board', BOARD_BACKGROUND]]);
  for (const id of BUILTIN_TEMPLATES)
    for (const s of instantiateTemplate(id, {}, 'nb', 2026))
      if (s.type === 'frame') frameFills.set(`${id} ${s.color}`, FILL[s.color] ?? BOARD_BACKGROUND);
  const defaults = [...GROUP_STICKY_COLORS, UNGROUPED_STICKY_COLOR];

  it('the templates have frames to check', () => {
    expect(frameFills.size).toBeGreaterThan(4);
  });

  it('note text on every default note colour (4.5:1)', () => {
    expect(below(defaults.map((c) => [`note ${c}`, STICKY_TEXT, STICKY_FILL[c]]))).toEqual([]);
  });

  it("a default note's edge against every template frame fill (3:1, WCAG 1.4.11)", () => {
    const weak: string[] = [];
    for (const c of defaults)
      for (const [frame, fill] of frameFills) {
        const ratio = contrast(STICKY_EDGE[c], fill);
        if (ratio < 3) weak.push(`${c} note on ${frame}: ${ratio.toFixed(2)}`);
      }
    expect(weak).toEqual([]);
  });

  it('every note colour has such an edge (a note recoloured by hand stays visible too)', () => {
    const weak = Object.entries(STICKY_EDGE).filter(([, edge]) =>
      [...frameFills.values()].some((fill) => contrast(edge, fill) < 3),
    );
    expect(weak).toEqual([]);
  });

  it('groups get different colours, and none of them is the facilitator yellow', () => {
    expect(new Set(GROUP_STICKY_COLORS).size).toBe(GROUP_STICKY_COLORS.length);
    expect(GROUP_STICKY_COLORS).not.toContain(UNGROUPED_STICKY_COLOR);
  });
});
