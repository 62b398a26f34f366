import { z } from 'zod';
import { baseShapeSchema, type ShapeDefinition } from './base.js';

/** Palette order is the order shown in the colour picker. */
export const STICKY_COLORS = [
  'yellow',
  'orange',
  'pink',
  'purple',
  'blue',
  'teal',
  'green',
  'grey',
] as const;
export type StickyColor = (typeof STICKY_COLORS)[number];

export const STICKY_SIZE = { w: 200, h: 200 } as const;
export const STICKY_MAX_TEXT = 10_000;

export const stickySchema = baseShapeSchema.extend({
  type: z.literal('sticky'),
  text: z.string().max(STICKY_MAX_TEXT),
  color: z.enum(STICKY_COLORS),
});
export type Sticky = z.infer<typeof stickySchema>;

export const stickyDefinition: ShapeDefinition<Sticky> = {
  type: 'sticky',
  version: 1,
  schema: stickySchema,
  migrations: {},
};

export function stickyDefaults(): Pick<Sticky, 'type' | 'v' | 'w' | 'h' | 'text' | 'color'> {
  return { type: 'sticky', v: stickyDefinition.version, ...STICKY_SIZE, text: '', color: 'yellow' };
}
