import { INK, INK_COLORS } from '../palette.js';
import { wrappedTextHeight } from '../render/fit.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { LOW_DETAIL_FILL, MINIMAP_FILL } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

/** Font sizes in board px: body, subheading, heading, title. */
export const TEXT_SIZES = { s: 18, m: 24, l: 36, xl: 56 } as const;
export type TextSize = keyof typeof TEXT_SIZES;
export const TEXT_MAX = 10_000;

export const textSchema = z.extend(boxShapeSchema, {
  type: z.literal('text'),
  text: z.string().check(z.maxLength(TEXT_MAX)),
  size: z.enum(['s', 'm', 'l', 'xl']),
  bold: z.boolean(),
  color: z.enum(INK_COLORS),
  /** A template's guide text: shown subtly, and left out of exports if wished. */
  guide: z.optional(z.boolean()),
});
export type TextShape = z.infer<typeof textSchema>;

export const textDefinition: ShapeDefinition<TextShape> = {
  type: 'text',
  version: 1,
  schema: textSchema,
  migrations: {},
};

export type TextDefaults = Omit<TextShape, 'id' | 'x' | 'y' | 'z'>;

export function textDefaults(): TextDefaults {
  return {
    type: 'text',
    v: textDefinition.version,
    locked: false,
    w: 320,
    h: 40,
    text: '',
    size: 'm',
    bold: false,
    color: 'black',
  };
}

/** The height a text object takes for its words at its width (it grows downwards). */
export function textFitHeight(s: TextShape): number {
  return wrappedTextHeight(s.text, s.w, TEXT_SIZES[s.size], s.bold);
}

export const textUtil: ShapeUtil<TextShape, TextDefaults> = {
  ...textDefinition,
  defaults: textDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => [boxBounds(s)],
  textField: 'text',
  textMax: TEXT_MAX,
  multiline: true,
  // Only the width: the height follows the wrapped text.
  resize: 'width',
  lowDetailFill: () => LOW_DETAIL_FILL.ink,
  minimapFill: () => MINIMAP_FILL.other,
  toSvg(out, s) {
    out.text({
      text: s.text,
      x: s.x,
      y: s.y,
      w: s.w,
      fontSize: TEXT_SIZES[s.size],
      color: INK[s.color],
      bold: s.bold,
    });
  },
};
