import { z } from 'zod';
import { STICKY_COLORS } from '../palette.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

export const STICKY_SIZES = { s: 150, m: 200, l: 280 } as const;
export type StickySize = keyof typeof STICKY_SIZES;
/** The medium size, kept for callers that place a default note. */
export const STICKY_SIZE = { w: STICKY_SIZES.m, h: STICKY_SIZES.m } as const;
export const STICKY_MAX_TEXT = 10_000;

export const stickySchema = boxShapeSchema.extend({
  type: z.literal('sticky'),
  text: z.string().max(STICKY_MAX_TEXT),
  color: z.enum(STICKY_COLORS),
  size: z.enum(['s', 'm', 'l']),
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

export function stickyDefaults(): Omit<Sticky, 'id' | 'x' | 'y' | 'z'> {
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
