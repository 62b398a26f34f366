import { type Measure, measureSchema } from '../measures.js';
import { STICKY_COLORS, STICKY_EDGE, STICKY_FILL, STICKY_TEXT } from '../palette.js';
import { fitFontSize } from '../render/fit.js';
import { n } from '../render/svg-writer.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { STICKY_STYLE } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

export const STICKY_SIZES = { s: 150, m: 200, l: 280 } as const;
export type StickySize = keyof typeof STICKY_SIZES;
/** The medium size, kept for callers that place a default note. */
export const STICKY_SIZE = { w: STICKY_SIZES.m, h: STICKY_SIZES.m } as const;
export const STICKY_MAX_TEXT = 10_000;

export const stickySchema = z.extend(boxShapeSchema, {
  type: z.literal('sticky'),
  text: z.string().check(z.maxLength(STICKY_MAX_TEXT)),
  color: z.enum(STICKY_COLORS),
  size: z.enum(['s', 'm', 'l']),
  /** A measure's owner, due date and status (see `measures.ts`); absent on other notes. */
  measure: z.optional(measureSchema),
  /**
   * Where the note came from when the server placed it: a stakeholder's input (`label` is
   * the stakeholder type) or a group's note copied to a theme (`label` is the group), drawn
   * as a tag at the note's top.
   */
  source: z.optional(
    z.union([
      z.object({
        kind: z.literal('input'),
        roundId: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)),
        inputId: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)),
        label: z.string().check(z.maxLength(40)),
      }),
      // A copy of a group's note on a plenary board's theme (`label` is the group's name).
      z.object({
        kind: z.literal('theme'),
        boardId: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)),
        shapeId: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)),
        label: z.string().check(z.maxLength(40)),
      }),
    ]),
  ),
});
export type Sticky = z.infer<typeof stickySchema>;

export const stickyDefinition: ShapeDefinition<Sticky> = {
  type: 'sticky',
  version: 2,
  schema: stickySchema,
  migrations: {
    // v1 (the first board) had free w/h and no lock; v2 has three sizes and the lock flag.
    1: (r) => ({ ...r, size: 'm', locked: false }),
  },
};

export type StickyDefaults = Omit<Sticky, 'id' | 'x' | 'y' | 'z'>;

export function stickyDefaults(): StickyDefaults {
  return {
    type: 'sticky',
    v: stickyDefinition.version,
    locked: false,
    w: STICKY_SIZES.m,
    h: STICKY_SIZES.m,
    text: '',
    color: 'yellow',
    size: 'm',
  };
}

/** The small lines of a note: the source's tag above its words, a measure's footer below. */
const MARK = { fontSize: 13, height: 20 } as const;

/**
 * "01.03.2027 · Kari Nordmann": a measure's due date and owner as the note shows them (the
 * date first: a long owner is cut at the note's edge, the date never).
 */
export function measureFooter(measure: Measure): string {
  const due = measure.due ? measure.due.split('-').reverse().join('.') : '';
  return [due, measure.owner.trim()].filter(Boolean).join(' · ');
}

/** The note's text box (inside its padding, below its tag and above its footer). */
export function stickyTextBox(s: Sticky): { x: number; y: number; w: number; h: number } {
  const pad = STICKY_STYLE.padding;
  const top = s.source ? MARK.height : 0;
  const bottom = s.measure && measureFooter(s.measure) ? MARK.height : 0;
  return { x: s.x + pad, y: s.y + pad + top, w: s.w - pad * 2, h: s.h - pad * 2 - top - bottom };
}

/** The font size a note's text is drawn at: its size's font, shrunk until the text fits. */
export function stickyFontSize(s: Sticky): number {
  const box = stickyTextBox(s);
  return fitFontSize(s.text, box.w, box.h, STICKY_STYLE.font[s.size]);
}

export const stickyUtil: ShapeUtil<Sticky, StickyDefaults> = {
  ...stickyDefinition,
  defaults: stickyDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => [boxBounds(s)],
  textField: 'text',
  textMax: STICKY_MAX_TEXT,
  multiline: true,
  resize: 'none',
  lowDetailFill: (s) => STICKY_FILL[s.color],
  minimapFill: (s) => STICKY_FILL[s.color],
  toSvg(out, s) {
    const { shadow, cornerRadius: rx, edgeWidth } = STICKY_STYLE;
    out.push(
      `<rect x="${n(s.x + shadow.dx)}" y="${n(s.y + shadow.dy)}" width="${n(s.w)}" height="${n(s.h)}" rx="${rx}" fill="${shadow.color}" fill-opacity="${shadow.opacity}"/>`,
    );
    out.push(
      `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="${rx}" fill="${STICKY_FILL[s.color]}" stroke="${STICKY_EDGE[s.color]}" stroke-width="${edgeWidth}"/>`,
    );
    const pad = STICKY_STYLE.padding;
    const mark = { x: s.x + pad, w: s.w - pad * 2, h: MARK.height, fontSize: MARK.fontSize };
    if (s.source)
      out.text({ ...mark, y: s.y + pad / 2, text: s.source.label, bold: true, color: STICKY_TEXT });
    out.text({
      text: s.text,
      ...stickyTextBox(s),
      fontSize: stickyFontSize(s),
      color: STICKY_TEXT,
    });
    const footer = s.measure ? measureFooter(s.measure) : '';
    if (footer)
      out.text({ ...mark, y: s.y + s.h - pad / 2 - MARK.height, text: footer, color: STICKY_TEXT });
  },
};
