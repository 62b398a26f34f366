import { z } from 'zod';
import { FILL_COLORS, INK_COLORS } from '../palette.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';

export const GEO_KINDS = ['rectangle', 'ellipse', 'diamond'] as const;
export type GeoKind = (typeof GEO_KINDS)[number];

/** Rectangles, ellipses and diamonds with a fill, a stroke and a text label. */
export const geoSchema = boxShapeSchema.extend({
  type: z.literal('geo'),
  kind: z.enum(GEO_KINDS),
  fill: z.enum(FILL_COLORS),
  stroke: z.enum(INK_COLORS),
  text: z.string().max(2_000),
});
export type GeoShape = z.infer<typeof geoSchema>;

export const geoDefinition: ShapeDefinition<GeoShape> = {
  type: 'geo',
  version: 1,
  schema: geoSchema,
  migrations: {},
};

export function geoDefaults(kind: GeoKind = 'rectangle'): Omit<GeoShape, 'id' | 'x' | 'y' | 'z'> {
  return {
    type: 'geo',
    v: 1,
    locked: false,
    w: 200,
    h: 140,
    kind,
    fill: 'white',
    stroke: 'black',
    text: '',
  };
}
