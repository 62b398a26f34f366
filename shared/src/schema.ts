import { migrateShape, type RawRecord, ShapeMigrationError } from './shapes/base.js';
import type { Connector } from './shapes/connector.js';
import {
  isShapeType,
  SHAPE_UTILS,
  type Shape,
  type ShapeOfType,
  type ShapeType,
  utilOf,
} from './shapes/registry.js';
import type { TextField } from './shapes/util.js';

export type { Shape, ShapeOfType, ShapeType } from './shapes/registry.js';
export { isShapeType, SHAPE_TYPES, SHAPE_UTILS, utilOf } from './shapes/registry.js';
export type BoxShape = Exclude<Shape, Connector>;

/** Each type's schema, version and migrations (the registry's utils are definitions too). */
export const SHAPE_DEFINITIONS: { readonly [K in ShapeType]: (typeof SHAPE_UTILS)[K] } =
  SHAPE_UTILS;

/** Migrates and validates a raw stored record; throws ShapeMigrationError or a zod error. */
export function parseShape(raw: RawRecord): Shape {
  if (!isShapeType(raw.type)) throw new ShapeMigrationError(`unknown type ${String(raw.type)}`);
  // Each util validates its own type; the union of their outputs is Shape.
  const def = SHAPE_UTILS[raw.type] as unknown as Parameters<typeof migrateShape<Shape>>[0];
  return migrateShape(def, raw);
}

export function isBoxShape(shape: Shape): shape is BoxShape {
  return shape.type !== 'connector';
}

export function isOfType<K extends ShapeType>(shape: Shape, type: K): shape is ShapeOfType<K> {
  return shape.type === type;
}

/** The words an object carries (what the outline, screen readers and exports read). */
export function shapeText(shape: Shape): string {
  const field = utilOf(shape).textField;
  if (field === null) return '';
  const value = (shape as Partial<Record<TextField, unknown>>)[field];
  return typeof value === 'string' ? value : '';
}

/** Whether an object carries words that can be edited (a drawing does not). */
export function hasTextField(shape: Shape | undefined): boolean {
  return !!shape && utilOf(shape).textField !== null;
}

/** The longest text an object's field takes (0 for a type without words). */
export function textMaxLength(shape: Shape): number {
  return utilOf(shape).textMax;
}

/** The patch that sets an object's words (the field `shapeText` reads). */
export function textPatch(shape: Shape, value: string): Partial<Record<TextField, string>> {
  // A drawing has no words; as before, the patch names `text` (which its schema ignores).
  return { [utilOf(shape).textField ?? 'text']: value };
}
