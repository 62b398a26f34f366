import { z } from 'zod';
import { INK_COLORS } from '../palette.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

export const PEN_WIDTHS = { s: 2, m: 4, l: 8 } as const;
/** Flat [x0, y0, x1, y1, …] relative to the drawing's x/y; capped to keep documents small. */
export const MAX_DRAWING_POINTS = 5_000;

export const drawingSchema = boxShapeSchema.extend({
  type: z.literal('drawing'),
  points: z
    .array(z.number().finite())
    .min(2)
    .max(MAX_DRAWING_POINTS * 2)
    .refine((p) => p.length % 2 === 0, 'points come in x, y pairs'),
  color: z.enum(INK_COLORS),
  width: z.enum(['s', 'm', 'l']),
});
export type Drawing = z.infer<typeof drawingSchema>;

export const drawingDefinition: ShapeDefinition<Drawing> = {
  type: 'drawing',
  version: 1,
  schema: drawingSchema,
  migrations: {},
};
