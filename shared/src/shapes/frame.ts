import { z } from 'zod';
import { FILL_COLORS } from '../palette.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

/** A named, coloured area. What lies inside it moves with it and is listed under it. */
export const frameSchema = boxShapeSchema.extend({
  type: z.literal('frame'),
  name: z.string().max(200),
  color: z.enum(FILL_COLORS),
  /** A template region's stable key (e.g. `future.trends`): exports list content by it. */
  section: z
    .string()
    .regex(/^[a-z]+(\.[A-Za-z]+)+$/)
    .optional(),
});
export type Frame = z.infer<typeof frameSchema>;

export const frameDefinition: ShapeDefinition<Frame> = {
  type: 'frame',
  version: 1,
  schema: frameSchema,
  migrations: {},
};

export function frameDefaults(): Omit<Frame, 'id' | 'x' | 'y' | 'z'> {
  return { type: 'frame', v: 1, locked: false, w: 800, h: 500, name: '', color: 'grey' };
}
