import { z } from 'zod';
import { INK_COLORS } from '../palette.js';
import { baseShapeSchema, coordSchema, type ShapeDefinition, shapeIdSchema } from './base.js';

/** An arrow end: attached to an object (follows it) or a free point on the board. */
export const terminalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shape'), shapeId: shapeIdSchema }),
  z.object({ kind: z.literal('point'), x: coordSchema, y: coordSchema }),
]);
export type Terminal = z.infer<typeof terminalSchema>;

export const connectorSchema = baseShapeSchema.extend({
  type: z.literal('connector'),
  start: terminalSchema,
  end: terminalSchema,
  route: z.enum(['straight', 'elbow']),
  label: z.string().max(500),
  color: z.enum(INK_COLORS),
  arrowStart: z.boolean(),
  arrowEnd: z.boolean(),
});
export type Connector = z.infer<typeof connectorSchema>;

export const connectorDefinition: ShapeDefinition<Connector> = {
  type: 'connector',
  version: 1,
  schema: connectorSchema,
  migrations: {},
};

export function connectorDefaults(): Omit<Connector, 'id' | 'z' | 'start' | 'end'> {
  return {
    type: 'connector',
    v: 1,
    locked: false,
    route: 'straight',
    label: '',
    color: 'black',
    arrowStart: false,
    arrowEnd: true,
  };
}
