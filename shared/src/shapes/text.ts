import { z } from 'zod';
import { INK_COLORS } from '../palette.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

/** Font sizes in board px: body, subheading, heading, title. */
export const TEXT_SIZES = { s: 18, m: 24, l: 36, xl: 56 } as const;
export type TextSize = keyof typeof TEXT_SIZES;
export const TEXT_MAX = 10_000;

export const textSchema = boxShapeSchema.extend({
  type: z.literal('text'),
  text: z.string().max(TEXT_MAX),
  size: z.enum(['s', 'm', 'l', 'xl']),
  bold: z.boolean(),
  color: z.enum(INK_COLORS),
  /** A template's guide text: shown subtly, and left out of exports if wished. */
  guide: z.boolean().optional(),
});
export type TextShape = z.infer<typeof textSchema>;

export const textDefinition: ShapeDefinition<TextShape> = {
  type: 'text',
  version: 1,
  schema: textSchema,
  migrations: {},
};

export function textDefaults(): Omit<TextShape, 'id' | 'x' | 'y' | 'z'> {
  return {
    type: 'text',
    v: 1,
    locked: false,
    w: 320,
    h: 40,
    text: '',
    size: 'm',
    bold: false,
    color: 'black',
  };
}
