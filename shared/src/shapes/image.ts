import { z } from 'zod';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

/** A photo uploaded to the server (`/api/assets/<assetId>`), e.g. a flipchart from the room. */
export const imageSchema = boxShapeSchema.extend({
  type: z.literal('image'),
  assetId: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
  alt: z.string().max(1_000),
});
export type ImageShape = z.infer<typeof imageSchema>;

export const imageDefinition: ShapeDefinition<ImageShape> = {
  type: 'image',
  version: 1,
  schema: imageSchema,
  migrations: {},
};

/** Longest side of a newly placed image, in board px. */
export const IMAGE_PLACE_MAX = 600;

/** Scales natural pixel dimensions to a sensible size on the board, keeping the aspect. */
export function placedImageSize(width: number, height: number): { w: number; h: number } {
  const scale = Math.min(1, IMAGE_PLACE_MAX / Math.max(width, height, 1));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) };
}
