import { migrateShape, type RawRecord, ShapeMigrationError } from './shapes/base.js';
import { type Sticky, stickyDefinition } from './shapes/sticky.js';

/** Every board object type, unioned by `type`. New types register here. */
export type Shape = Sticky;
export type ShapeType = Shape['type'];

export const SHAPE_DEFINITIONS = {
  sticky: stickyDefinition,
} as const satisfies { [K in ShapeType]: unknown };

export function isShapeType(value: unknown): value is ShapeType {
  return typeof value === 'string' && Object.hasOwn(SHAPE_DEFINITIONS, value);
}

/** Migrates and validates a raw stored record; throws ShapeMigrationError or a zod error. */
export function parseShape(raw: RawRecord): Shape {
  if (!isShapeType(raw.type)) throw new ShapeMigrationError(`unknown type ${String(raw.type)}`);
  return migrateShape(SHAPE_DEFINITIONS[raw.type], raw);
}
