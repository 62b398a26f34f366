import { migrateShape, type RawRecord, ShapeMigrationError } from './shapes/base.js';
import { type Connector, connectorDefinition } from './shapes/connector.js';
import { type Drawing, drawingDefinition } from './shapes/drawing.js';
import { type Frame, frameDefinition } from './shapes/frame.js';
import { type GeoShape, geoDefinition } from './shapes/geo.js';
import { type ImageShape, imageDefinition } from './shapes/image.js';
import { type Sticky, stickyDefinition } from './shapes/sticky.js';
import { type TextShape, textDefinition } from './shapes/text.js';

/** Every board object type, unioned by `type`. New types register here. */
export type Shape = Sticky | TextShape | GeoShape | Connector | Frame | Drawing | ImageShape;
export type ShapeType = Shape['type'];
export type BoxShape = Exclude<Shape, Connector>;
export type ShapeOfType<T extends ShapeType> = Extract<Shape, { type: T }>;

export const SHAPE_DEFINITIONS = {
  sticky: stickyDefinition,
  text: textDefinition,
  geo: geoDefinition,
  connector: connectorDefinition,
  frame: frameDefinition,
  drawing: drawingDefinition,
  image: imageDefinition,
} as const satisfies { [K in ShapeType]: unknown };

export function isShapeType(value: unknown): value is ShapeType {
  return typeof value === 'string' && Object.hasOwn(SHAPE_DEFINITIONS, value);
}

/** Migrates and validates a raw stored record; throws ShapeMigrationError or a zod error. */
export function parseShape(raw: RawRecord): Shape {
  if (!isShapeType(raw.type)) throw new ShapeMigrationError(`unknown type ${String(raw.type)}`);
  // Each definition validates its own type; the union of their outputs is Shape.
  const def = SHAPE_DEFINITIONS[raw.type] as unknown as Parameters<typeof migrateShape<Shape>>[0];
  return migrateShape(def, raw);
}

export function isBoxShape(shape: Shape): shape is BoxShape {
  return shape.type !== 'connector';
}

/** The words an object carries (what the outline, screen readers and exports read). */
export function shapeText(shape: Shape): string {
  switch (shape.type) {
    case 'sticky':
    case 'text':
    case 'geo':
      return shape.text;
    case 'frame':
      return shape.name;
    case 'connector':
      return shape.label;
    case 'image':
      return shape.alt;
    case 'drawing':
      return '';
  }
}

/** The patch that sets an object's words (the field `shapeText` reads). */
export function textPatch(
  shape: Shape,
  value: string,
): Partial<Record<'text' | 'name' | 'label' | 'alt', string>> {
  switch (shape.type) {
    case 'frame':
      return { name: value };
    case 'connector':
      return { label: value };
    case 'image':
      return { alt: value };
    default:
      return { text: value };
  }
}
